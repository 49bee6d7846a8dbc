import { generateSeason, toMatchingInstance } from '@civic/catalogue';
import type { MatchingInstanceV1 } from '@civic/contracts';
import { EngineJobError, InProcessEngineRunner } from './engine-runner';
import { pairKey, toProposals } from '../domain/to-assignments';

/** A small slice of the Shanghai season: 6 projects and 40 experts, preferences limited to the slice. */
function slice(): MatchingInstanceV1 {
  const full = toMatchingInstance(generateSeason({ seed: 1, scale: 1 }));
  const projects = full.projects.slice(0, 6);
  const ids = new Set(projects.map((p) => p.id));
  const experts = [...full.experts.filter((e) => e.kind === 'teacher').slice(0, 15), ...full.experts.filter((e) => e.kind === 'student').slice(0, 25)].map(
    (e) => ({ ...e, preferences: e.preferences?.filter((p) => ids.has(p)) }),
  );
  return { ...full, projects, experts };
}

describe('engine jobs', () => {
  const runner = new InProcessEngineRunner();

  it('a solve reports scoring, then solving with the eligible pairs, then the result', async () => {
    const phases: string[] = [];
    const outcome = await runner.run({ kind: 'solve', instance: slice() }, (phase, detail) => phases.push(detail ? `${phase}:${detail.eligiblePairs}` : phase));
    expect(phases).toEqual(['scoring', `solving:${outcome.eligiblePairs}`]);
    expect(outcome.eligiblePairs).toBeGreaterThan(0);
    expect(outcome.result.assignments.length).toBeGreaterThan(0);
  });

  it('solves an instance given as its JSON text (parsed by the engine, not by the caller) to the same result', async () => {
    const instance = slice();
    const fromObject = await runner.run({ kind: 'solve', instance }, () => undefined);
    const fromText = await runner.run({ kind: 'solve', instance: JSON.stringify(instance) }, () => undefined);
    expect(fromText.result.assignments).toEqual(fromObject.result.assignments);
    expect(fromText.result.objective).toEqual(fromObject.result.objective);
    expect(fromText.eligiblePairs).toBe(fromObject.eligiblePairs);
  });

  it('builds a round snapshot from the rows as JSON text, and fails the job on rows it cannot read', async () => {
    const scope = { key: 'city', districtIds: null };
    const options = { maxPerDiscipline: 2, maxDistanceKm: null, candidateLimitPerExpert: 40, responseWindowSeconds: 60 };
    const built = await runner.buildSnapshot({ projectsJson: '[]', expertsJson: '[]', scope, strategy: 'optimal', options, held: [] });
    expect(built).toMatchObject({ projects: [], expertGroups: [], experts: 0 });
    expect(JSON.parse(built.instanceJson)).toMatchObject({ version: 1, projects: [], experts: [] });
    await expect(runner.buildSnapshot({ projectsJson: '[', expertsJson: '[]', scope, strategy: 'optimal', options, held: [] })).rejects.toBeInstanceOf(EngineJobError);
  });

  it('a re-match keeps every other assignment and never proposes a declined pair again', async () => {
    const instance = slice();
    const first = (await runner.run({ kind: 'solve', instance }, () => undefined)).result;
    const declined = [first.assignments[0]];
    const { result } = await runner.run({ kind: 'rematch', instance, previous: { ...first, assignments: first.assignments.slice(1) }, declined }, () => undefined);
    const kept = new Set(result.assignments.map(pairKey));
    for (const a of first.assignments.slice(1)) expect(kept.has(pairKey(a))).toBe(true);
    expect(kept.has(pairKey(declined[0]))).toBe(false);
    expect(result.stats.changedAssignments).toBe(0);
  });

  it('an instance that breaks the contract fails the job as invalid', async () => {
    const bad = { ...slice(), projects: [] } as MatchingInstanceV1;
    bad.experts[0] = { ...bad.experts[0], preferences: ['P99999'] };
    await expect(runner.run({ kind: 'solve', instance: bad }, () => undefined)).rejects.toMatchObject({ invalid: true });
    await expect(runner.run({ kind: 'solve', instance: bad }, () => undefined)).rejects.toBeInstanceOf(EngineJobError);
  });

  it('turns results into proposals enriched for reports, skipping pairs already active', async () => {
    const instance = slice();
    const { result } = await runner.run({ kind: 'solve', instance }, () => undefined);
    const now = new Date('2026-11-26T12:00:00Z');
    const proposals = toProposals(result.assignments, instance, {
      roundId: 'R',
      origin: 'rematch',
      now,
      deadline: new Date('2026-11-27T12:00:00Z'),
      skip: new Set([pairKey(result.assignments[0])]),
    });
    expect(proposals).toHaveLength(result.assignments.length - 1);
    const p = proposals[0];
    const e = instance.experts.find((x) => x.id === p.expertId)!;
    const pr = instance.projects.find((x) => x.id === p.projectId)!;
    expect(p).toMatchObject({
      roundId: 'R',
      expertKind: e.kind,
      universityId: e.universityId,
      discipline: e.disciplines[0],
      districtId: pr.districtId,
      issueType: pr.issueTypes[0],
      origin: 'rematch',
      status: 'proposed',
      revision: 1,
      proposedAt: now.toISOString(),
      deadline: '2026-11-27T12:00:00.000Z',
      decidedAt: null,
    });
  });
});
