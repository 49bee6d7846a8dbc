import type { DraftAssignmentV1, RoundEditV1 } from '@civic/contracts';
import { draftDiff } from './draft-assignments';
import { engineIssues, planEdits, ruleProblems } from './draft-edits';

const d = (expertId: string, projectId: string, placedBy: 'engine' | 'hand' = 'engine'): DraftAssignmentV1 => ({
  expertId,
  expertKind: 'teacher',
  universityId: 'fdu',
  collegeId: 'fdu_x',
  discipline: 'law',
  projectId,
  districtId: 'huangpu',
  issueType: 'pain_points',
  weight: 100,
  explanation: { parts: { base: 100 }, issueType: 'pain_points', discipline: 'law' },
  placedBy,
});
const known = { experts: new Set(['T1', 'T2', 'T3']), projects: new Set(['P1', 'P2']) };
const edit = (op: RoundEditV1['op'], expertId: string, projectId: string, fromProjectId: string | null = null): RoundEditV1 => ({ op, expertId, projectId, fromProjectId });

describe('edits of a draft', () => {
  const draft = [d('T1', 'P1'), d('T2', 'P1')];

  it('turns pins, removals and moves into pins and forbidden pairs', () => {
    expect(planEdits(draft, [edit('pin', 'T3', 'P2'), edit('remove', 'T2', 'P1'), edit('move', 'T1', 'P2', 'P1')], known)).toEqual({
      pins: [{ expertId: 'T3', projectId: 'P2' }, { expertId: 'T1', projectId: 'P2' }],
      removals: [{ expertId: 'T2', projectId: 'P1' }, { expertId: 'T1', projectId: 'P1' }],
      problems: [],
    });
  });

  it('names the edit and the rule when it asks for what the draft or the round does not have', () => {
    const plan = planEdits(
      draft,
      [edit('remove', 'T3', 'P1'), edit('pin', 'T9', 'P1'), edit('pin', 'T1', 'P7'), edit('move', 'T1', 'P2'), edit('move', 'T2', 'P1', 'P2'), edit('move', 'T2', 'P1', 'P1')],
      known,
    );
    expect(plan.problems.map((p) => `${p.field} ${p.rule}`)).toEqual([
      'edits.0 inDraft',
      'edits.1.expertId inRound',
      'edits.2.projectId inRound',
      'edits.3.fromProjectId required',
      'edits.4.fromProjectId inDraft',
      'edits.5.fromProjectId differentProject',
    ]);
  });

  it('refuses a batch that places and removes the same pair', () => {
    const plan = planEdits(draft, [edit('remove', 'T1', 'P1'), edit('pin', 'T1', 'P1')], known);
    expect(plan.problems).toEqual([expect.objectContaining({ field: 'edits', rule: 'consistentBatch' })]);
  });

  it('names the hard rule behind each engine validation issue and the edit it concerns', () => {
    const edits = [edit('pin', 'T1', 'P2'), edit('pin', 'T3', 'P1')];
    const problems = ruleProblems(
      [
        { element: 'experts[T1]', message: '3 pinned projects exceed capacity 2' },
        { element: 'projects[P1].slots.teacher', message: '3 pinned teachers exceed max 2' },
        { element: 'projects[P2]', message: '3 pinned teachers of discipline law exceed the discipline cap 2' },
        { element: 'pinned[T3 -> P1]', message: 'project P1 has pinned experts of two universities, fdu and sjtu: the one-university policy allows one lead university per project' },
      ],
      edits,
    );
    expect(problems.map((p) => `${p.field} ${p.rule}`)).toEqual(['edits.0 capacity', 'edits.1 teamMaximum', 'edits.0 disciplineCap', 'edits.1 teamPolicy']);
  });

  it("names a university's project limit from the engine's message, which it checks while solving", () => {
    const message =
      'invalid matching instance (2 issues): options.universityLimits.sjtu.maxProjects: 2 projects have pinned members of sjtu, more than its limit 1; experts[T9]: 2 pinned projects exceed capacity 1';
    const issues = engineIssues(message);
    expect(issues).toEqual([
      { element: 'options.universityLimits.sjtu.maxProjects', message: '2 projects have pinned members of sjtu, more than its limit 1' },
      { element: 'experts[T9]', message: '2 pinned projects exceed capacity 1' },
    ]);
    expect(ruleProblems(issues, [edit('pin', 'T9', 'P3')]).map((p) => `${p.field} ${p.rule}`)).toEqual(['edits universityLimit', 'edits.0 capacity']);
  });

  it('diffs two drafts into the pairs added and removed', () => {
    expect(draftDiff([d('T1', 'P1'), d('T2', 'P1')], [d('T2', 'P1'), d('T3', 'P2'), d('T1', 'P2')])).toEqual({
      added: [{ expertId: 'T1', projectId: 'P2' }, { expertId: 'T3', projectId: 'P2' }],
      removed: [{ expertId: 'T1', projectId: 'P1' }],
    });
    expect(draftDiff([d('T1', 'P1')], [d('T1', 'P1', 'hand')])).toEqual({ added: [], removed: [] });
  });
});
