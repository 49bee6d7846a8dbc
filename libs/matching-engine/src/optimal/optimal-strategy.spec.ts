import fc from 'fast-check';
import type { MatchingInstanceV1, MatchingResultV1 } from '@civic/contracts';
import { createEngineContext } from '../model/engine-context';
import { solve } from '../solve';
import { randomInstance } from '../testing/arbitraries';
import { highsOptimum, highsOptimumModel } from '../testing/lp-oracle';
import { generateRandomInstance } from '../testing/random-instance';
import { solveOptimal, type OptimalTuning } from './optimal-strategy';

/** Checks the hard constraints of a result against its instance. */
function expectFeasible(instance: MatchingInstanceV1, result: MatchingResultV1): void {
  const cap = instance.options?.maxPerDiscipline ?? 2;
  const experts = new Map(instance.experts.map((x) => [x.id, x]));
  const projects = new Map(instance.projects.map((p) => [p.id, p]));
  const perExpert = new Map<string, number>();
  const perKind = new Map<string, number>();
  const perGroup = new Map<string, number>();
  const pairs = new Set<string>();
  for (const a of result.assignments) {
    const x = experts.get(a.expertId)!;
    const key = `${a.expertId}|${a.projectId}`;
    expect(pairs.has(key)).toBe(false);
    pairs.add(key);
    perExpert.set(a.expertId, (perExpert.get(a.expertId) ?? 0) + 1);
    const kind = `${a.projectId}|${x.kind}`;
    perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
    const group = `${kind}|${x.disciplines[0]}`;
    perGroup.set(group, (perGroup.get(group) ?? 0) + 1);
  }
  for (const [id, n] of perExpert) expect(n).toBeLessThanOrEqual(experts.get(id)!.capacity);
  for (const [key, n] of perKind) {
    const [p, kind] = key.split('|') as [string, 'teacher' | 'student'];
    expect(n).toBeLessThanOrEqual(projects.get(p)!.slots[kind].max);
  }
  for (const n of perGroup.values()) expect(n).toBeLessThanOrEqual(cap);
  for (const pin of instance.pinned ?? []) expect(pairs.has(`${pin.expertId}|${pin.projectId}`)).toBe(true);
  for (const f of instance.forbidden ?? []) expect(pairs.has(`${f.expertId}|${f.projectId}`)).toBe(false);
}

async function expectOptimal(instance: MatchingInstanceV1, result: MatchingResultV1): Promise<void> {
  const lp = await highsOptimum(instance, result.edges ?? []);
  expect(lp.status).toBe('Optimal');
  expect(result.objective.coverage).toBe(lp.coverage);
  expect(Math.abs(result.objective.weight - lp.weight)).toBeLessThan(1e-6);
}

describe('optimal strategy', () => {
  it('matches the HiGHS LP optimum (coverage, then weight) on random small instances', async () => {
    await fc.assert(
      fc.asyncProperty(randomInstance('small'), async ({ instance, affinity }) => {
        const result = solve(instance, { emitEdges: true, scoring: { affinity } });
        expectFeasible(instance, result);
        await expectOptimal(instance, result);
      }),
      { numRuns: 150 },
    );
  });

  it('matches the HiGHS LP optimum on random medium instances, congested ones included', async () => {
    await fc.assert(
      fc.asyncProperty(randomInstance('medium'), async ({ instance, affinity }) => {
        const result = solve(instance, { emitEdges: true, scoring: { affinity } });
        expectFeasible(instance, result);
        await expectOptimal(instance, result);
      }),
      { numRuns: 40 },
    );
  });

  it('matches the column-wise HiGHS model used by the benchmark', async () => {
    await fc.assert(
      fc.asyncProperty(randomInstance('medium'), async ({ instance, affinity }) => {
        const result = solve(instance, { emitEdges: true, scoring: { affinity } });
        const lp = await highsOptimumModel(instance, result.edges ?? []);
        expect(lp.status).toBe('optimal');
        expect(result.objective.coverage).toBe(lp.coverage);
        expect(Math.abs(result.objective.weight - lp.weight)).toBeLessThan(1e-6);
      }),
      { numRuns: 20 },
    );
  });

  it.each<[string, OptimalTuning]>([
    ['slot insertion in batch phases', { algorithm: 'slot-insertion', batchThreshold: 0 }],
    ['slot insertion switching to batches midway', { algorithm: 'slot-insertion', batchThreshold: 3 }],
    ['expert insertion with pricing', { algorithm: 'expert-insertion' }],
    ['cost scaling', { algorithm: 'cost-scaling' }],
  ])('reaches the same objective with %s', async (_name, tuning) => {
    await fc.assert(
      fc.asyncProperty(randomInstance('medium'), fc.integer({ min: 1, max: 6 }), async ({ instance, affinity }, active) => {
        const ctx = createEngineContext(instance, { affinity });
        const out = solveOptimal(ctx.prep, ctx.pairs, { ...tuning, activePerExpert: active });
        const reference = solve(instance, { emitEdges: true, scoring: { affinity } });
        let weight = 0;
        for (const i of out.pairIndices) weight += ctx.pairs.weight[i];
        for (const a of reference.assignments) if (a.pinned) weight += a.weight;
        expect(weight).toBe(reference.objective.weight);
      }),
      { numRuns: 25 },
    );
  });

  it('solves interchangeable experts as one node and spreads their flow over the members within capacity', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(1, 2), async (seed, campuses) => {
        // One or two campuses, two disciplines that fit every issue, no preferences: at most 48 kinds of expert
        // (campus, ordered disciplines, kind, capacity) for 90 experts, so twins are certain.
        const { instance, affinity } = generateRandomInstance({ seed, projects: 12, experts: 90, disciplines: 2, zeroAffinity: 0, campuses, preferenceShare: 0, pins: 6, forbidden: 6 });
        const ctx = createEngineContext(instance, { affinity });
        expect(solveOptimal(ctx.prep, ctx.pairs).counters.mergedExperts).toBeGreaterThan(0);
        const result = solve(instance, { emitEdges: true, scoring: { affinity } });
        expectFeasible(instance, result);
        await expectOptimal(instance, result);
      }),
      { numRuns: 30 },
    );
  });

  it('serves interchangeable experts smallest id first', () => {
    const student = (id: string, capacity: number): MatchingInstanceV1['experts'][number] => ({
      id, kind: 'student', universityId: 'u', collegeId: 'c', disciplines: ['d1'], location: { lat: 31.2, lon: 121.5 }, capacity,
    });
    const project = (id: string, max: number): MatchingInstanceV1['projects'][number] => ({
      id, districtId: 'd', location: { lat: 31.2, lon: 121.5 }, issueTypes: ['i'], slots: { teacher: { min: 0, max: 0 }, student: { min: 0, max } },
    });
    const instance: MatchingInstanceV1 = {
      version: 1,
      projects: [project('P1', 2), project('P2', 1)],
      experts: [student('S4', 2), student('S2', 2), student('S3', 2), student('S1', 2)],
      options: { maxPerDiscipline: 3 },
    };
    const result = solve(instance, { scoring: { affinity: () => 50 } });
    // Three units over four twins: dealt in turn, smallest id first, never twice to one project.
    expect(result.assignments.map((a) => `${a.expertId}>${a.projectId}`)).toEqual(['S1>P1', 'S2>P1', 'S3>P2']);
  });

  it('fills minimums before anything else: one unit of coverage beats any weight', () => {
    const instance: MatchingInstanceV1 = {
      version: 1,
      projects: [
        { id: 'P1', districtId: 'd', location: { lat: 31.2, lon: 121.5 }, issueTypes: ['weak'], slots: { teacher: { min: 0, max: 0 }, student: { min: 1, max: 1 } } },
        { id: 'P2', districtId: 'd', location: { lat: 31.2, lon: 121.5 }, issueTypes: ['strong'], slots: { teacher: { min: 0, max: 0 }, student: { min: 0, max: 1 } } },
      ],
      experts: [
        { id: 'S1', kind: 'student', universityId: 'u', collegeId: 'c', disciplines: ['d1'], location: { lat: 31.2, lon: 121.5 }, capacity: 1 },
      ],
    };
    const affinity = (t: string): number => (t === 'strong' ? 100 : 1);
    const result = solve(instance, { emitEdges: true, scoring: { affinity } });
    expect(result.edges!.find((e) => e.projectId === 'P2')!.weight).toBeGreaterThan(result.edges!.find((e) => e.projectId === 'P1')!.weight);
    expect(result.assignments.map((a) => a.projectId)).toEqual(['P1']);
    expect(result.objective.coverage).toBe(1);
    expect(result.underfilled).toEqual([]);
  });

  it('explains every assignment with parts that sum to its weight', () => {
    const { instance, affinity } = generateRandomInstance({ seed: 11, projects: 10, experts: 40, pins: 4 });
    const result = solve(instance, { scoring: { affinity } });
    expect(result.assignments.length).toBeGreaterThan(0);
    for (const a of result.assignments) {
      expect(Object.values(a.explanation.parts).reduce((s, v) => s + v, 0)).toBe(a.weight);
      expect(a.explanation.issueType).toMatch(/^issue_/);
      expect(a.explanation.discipline).toMatch(/^disc_/);
    }
    expect(result.assignments.filter((a) => a.pinned)).toHaveLength(instance.pinned!.length);
  });
});
