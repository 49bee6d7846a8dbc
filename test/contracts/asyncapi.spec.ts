import { ALL_TOPICS, EVENT_CATALOG } from '@civic/contracts';
import { catalogProblems, loadAsyncApi, schemaProblems } from './asyncapi-contract';

/** The AsyncAPI document other systems read is checked against the contracts the services compile against. */
describe('docs/asyncapi.yaml', () => {
  const doc = loadAsyncApi();

  it('documents every topic once and every catalog event on its topic with its version, and nothing else', () => {
    expect(catalogProblems(doc, EVENT_CATALOG, ALL_TOPICS)).toEqual([]);
  });

  it("gives each event's payload exactly the fields, optionality and types of its TypeScript contract", () => {
    expect(schemaProblems(doc, EVENT_CATALOG)).toEqual([]);
  });

  it('notices a drift: an undocumented event type, a moved topic or a changed version fails the check', () => {
    const drifted = [
      ...EVENT_CATALOG.filter((e) => e.type !== 'round.failed'),
      { type: 'round.failed', topic: ALL_TOPICS[0], version: 1 },
      { type: 'assignment.reassigned', topic: 'civic.matching.assignment.v1', version: 1 },
    ].map((e) => (e.type === 'project.updated' ? { ...e, version: 2 } : e));
    expect(catalogProblems(doc, drifted, ALL_TOPICS)).toEqual(
      expect.arrayContaining([
        'round.failed is documented on civic.matching.round.v1, but EVENT_CATALOG publishes it on civic.registry.project.v1',
        'EVENT_CATALOG type assignment.reassigned (civic.matching.assignment.v1) has no message in the document',
        'project.updated is documented as version 1, but EVENT_CATALOG says 2',
      ]),
    );
  });

  it('notices a payload drift: a field missing from the schema or a changed enum fails the check', () => {
    const copy = JSON.parse(JSON.stringify(doc));
    delete copy.components.schemas.AssignmentSnapshotV1.properties.declineNote;
    copy.components.schemas.RoundStartedPayloadV1.properties.strategy.enum = ['optimal'];
    expect(schemaProblems(copy, EVENT_CATALOG)).toEqual(
      expect.arrayContaining([
        'assignment.proposed.payload: field declineNote is in TypeScript but not in the schema',
        'round.started.payload.strategy: TypeScript allows [optimal, stable], the schema enum is [optimal]',
      ]),
    );
  });

  it('follows derived contracts: DraftAssignmentV1 (extends a Pick of AssignmentSnapshotV1) is compared field by field, optionality included', () => {
    const copy = JSON.parse(JSON.stringify(doc));
    const draft = copy.components.schemas.DraftAssignmentV1;
    delete draft.properties.collegeId;
    draft.required = [...draft.required.filter((f: string) => f !== 'collegeId'), 'leadUniversityId'];
    expect(schemaProblems(copy, EVENT_CATALOG)).toEqual(
      expect.arrayContaining([
        'round.drafted.payload.assignments[]: field collegeId is in TypeScript but not in the schema',
        expect.stringMatching(/^round\.drafted\.payload\.assignments\[\]: required fields are \[.*\] in TypeScript, \[.*leadUniversityId.*\] in the schema$/),
      ]),
    );
  });
});
