import fc from 'fast-check';
import type { MatchingInstanceV1, MatchingResultV1 } from '@civic/contracts';
import { rematch } from '../rematch/rematch';
import { solve } from '../solve';
import { generateRandomInstance, type RandomInstanceOptions } from '../testing/random-instance';
import { highsTeamOptimum } from '../testing/team-mip-oracle';
import { InstanceValidationError } from '../validation/validate-instance';

/** The hard rules of the contract and of the team policy, checked on a result. */
function expectFeasible(instance: MatchingInstanceV1, result: MatchingResultV1): void {
  const options = instance.options ?? {};
  const cap = options.maxPerDiscipline ?? 2;
  const experts = new Map(instance.experts.map((x) => [x.id, x]));
  const projects = new Map(instance.projects.map((p) => [p.id, p]));
  const count = new Map<string, number>();
  const add = (k: string): number => {
    const n = (count.get(k) ?? 0) + 1;
    count.set(k, n);
    return n;
  };
  const universities = new Map<string, Set<string>>();
  for (const a of result.assignments) {
    const x = experts.get(a.expertId)!;
    const p = projects.get(a.projectId)!;
    expect(add(`pair|${a.expertId}|${a.projectId}`)).toBe(1);
    expect(add(`e|${a.expertId}`)).toBeLessThanOrEqual(x.capacity);
    expect(add(`k|${a.projectId}|${x.kind}`)).toBeLessThanOrEqual(p.slots[x.kind].max);
    expect(add(`g|${a.projectId}|${x.kind}|${x.disciplines[0]}`)).toBeLessThanOrEqual(cap);
    universities.set(a.projectId, (universities.get(a.projectId) ?? new Set()).add(x.universityId));
  }
  for (const pin of instance.pinned ?? []) expect(count.has(`pair|${pin.expertId}|${pin.projectId}`)).toBe(true);
  for (const f of instance.forbidden ?? []) expect(count.has(`pair|${f.expertId}|${f.projectId}`)).toBe(false);
  if (options.teamPolicy === 'one-university') for (const set of universities.values()) expect(set.size).toBe(1);
  for (const [u, limit] of Object.entries(options.universityLimits ?? {})) {
    const served = [...universities.values()].filter((set) => set.has(u)).length;
    expect(served).toBeLessThanOrEqual(limit.maxProjects);
  }
  // The teams list exactly the assignments, by project.
  expect(result.teams.reduce((n, t) => n + t.teachers.length + t.students.length, 0)).toBe(result.assignments.length);
  for (const team of result.teams) expect([...universities.get(team.projectId)!].sort()).toEqual(team.universities);
}

/** Random small instances with 2-4 universities (6-12 projects: the MIP oracle's comfortable size). */
function smallTeamInstance(extra: Partial<RandomInstanceOptions> = {}): fc.Arbitrary<ReturnType<typeof generateRandomInstance>> {
  return fc
    .record({
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      projects: fc.integer({ min: 6, max: 12 }),
      experts: fc.integer({ min: 10, max: 60 }),
      universities: fc.integer({ min: 2, max: 4 }),
      disciplines: fc.integer({ min: 2, max: 6 }),
      zeroAffinity: fc.constantFrom(0, 0.3),
      maxPerDiscipline: fc.integer({ min: 1, max: 3 }),
      pins: fc.integer({ min: 0, max: 6 }),
      forbidden: fc.integer({ min: 0, max: 10 }),
      campuses: fc.constantFrom(2, 4),
      maxProjectsUpTo: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    })
    .map((o) => generateRandomInstance({ ...o, teamPolicy: 'one-university', ...extra }));
}

async function expectEqualsMip(instance: MatchingInstanceV1, result: MatchingResultV1): Promise<void> {
  const mip = await highsTeamOptimum(instance, result.edges ?? []);
  expect(mip.status).toBe('Optimal');
  expect(result.objective).toEqual({ coverage: mip.coverage, weight: mip.weight });
  // The bound is proven: never below the optimum, and equal to it when the search proved optimality.
  const bound = result.stats.bound!;
  expect(bound.coverage > mip.coverage || (bound.coverage === mip.coverage && bound.weight >= mip.weight)).toBe(true);
  if (result.stats.teamSearch?.proven) expect(result.stats.gapPct).toBe(0);
}

describe('one-university policy', () => {
  it('equals the MIP optimum (coverage, then weight) on random small instances with pins, forbidden pairs and limits', async () => {
    await fc.assert(
      fc.asyncProperty(smallTeamInstance(), async ({ instance, affinity }) => {
        const result = solve(instance, { emitEdges: true, scoring: { affinity } });
        expectFeasible(instance, result);
        await expectEqualsMip(instance, result);
      }),
      { numRuns: 25 },
    );
  });

  it('equals the MIP optimum when supply is scarce (few experts, some projects without a team)', async () => {
    await fc.assert(
      fc.asyncProperty(smallTeamInstance({ experts: 12, maxProjectsUpTo: 3 }), async ({ instance, affinity }) => {
        const result = solve(instance, { emitEdges: true, scoring: { affinity } });
        expectFeasible(instance, result);
        await expectEqualsMip(instance, result);
      }),
      { numRuns: 15 },
    );
  });

  it('certifies a cut-short search: the bound stays at or above the MIP optimum and the gap matches it', async () => {
    await fc.assert(
      fc.asyncProperty(smallTeamInstance(), async ({ instance, affinity }) => {
        const result = solve(instance, { emitEdges: true, scoring: { affinity }, teamSearch: { rootIterations: 3, nodeIterations: 2, nodeLimit: 1, moveCandidates: 0 } });
        expectFeasible(instance, result);
        const mip = await highsTeamOptimum(instance, result.edges ?? []);
        const bound = result.stats.bound!;
        expect(bound.coverage > mip.coverage || (bound.coverage === mip.coverage && bound.weight >= mip.weight)).toBe(true);
        if (bound.coverage === result.objective.coverage) {
          expect(result.stats.gapPct).toBeCloseTo((100 * (bound.weight - result.objective.weight)) / (bound.weight || 1), 3);
        } else expect(result.stats.gapPct).toBeNull();
      }),
      { numRuns: 10 },
    );
  });

  it('lists one team per project with its lead university, the reason and the best other university', () => {
    const { instance, affinity } = generateRandomInstance({ seed: 7, projects: 10, experts: 60, universities: 3, campuses: 3, teamPolicy: 'one-university' });
    const result = solve(instance, { scoring: { affinity } });
    expect(result.teams.length).toBeGreaterThan(0);
    for (const team of result.teams) {
      expect(team.universities).toEqual([team.universityId]);
      expect(['best_team', 'shared_supply', 'pinned']).toContain(team.reason);
      if (team.runnerUp) expect(team.runnerUp.universityId).not.toBe(team.universityId);
      const members = result.assignments.filter((a) => a.projectId === team.projectId);
      expect(team.weight).toBe(members.reduce((s, a) => s + a.weight, 0));
    }
  });

  it('refuses stable with one-university, pins of two universities on one project, and bad limits, naming the element', () => {
    const { instance } = generateRandomInstance({ seed: 3, projects: 4, experts: 20, universities: 2 });
    const [a, b] = ['u1', 'u2'].map((u) => instance.experts.find((x) => x.universityId === u && x.capacity > 0)!);
    const issues = (bad: MatchingInstanceV1): string[] => {
      try {
        solve(bad);
        return [];
      } catch (err) {
        expect(err).toBeInstanceOf(InstanceValidationError);
        return (err as InstanceValidationError).issues.map((i) => `${i.element}: ${i.message}`);
      }
    };
    const one = { ...instance.options, teamPolicy: 'one-university' as const };
    expect(issues({ ...instance, options: { ...one, strategy: 'stable' } }).join()).toMatch(/options\.teamPolicy: the stable strategy is not defined/);
    const twoPins = issues({ ...instance, pinned: [a, b].map((x) => ({ expertId: x.id, projectId: 'P0001' })), options: one });
    expect(twoPins.join()).toMatch(/project P0001 has pinned experts of two universities, u1 and u2/);
    expect(issues({ ...instance, options: { ...one, universityLimits: { u1: { maxProjects: -1 } } } }).join()).toMatch(/options\.universityLimits\.u1\.maxProjects: must be an integer >= 0/);
    expect(issues({ ...instance, options: { ...one, teamPolicy: 'any' as never } }).join()).toMatch(/unknown team policy "any"/);
    const pinnedOverLimit = issues({ ...instance, pinned: [{ expertId: a.id, projectId: 'P0001' }], options: { ...one, universityLimits: { u1: { maxProjects: 0 } } } });
    expect(pinnedOverLimit.join()).toMatch(/1 project has pinned members of u1, more than its limit 0/);
  });

  it('respects university limits under the mixed policy and certifies the answer with a bound', async () => {
    await fc.assert(
      fc.asyncProperty(smallTeamInstance({ teamPolicy: 'mixed', maxProjectsUpTo: 4 }), async ({ instance, affinity }) => {
        const result = solve(instance, { emitEdges: true, scoring: { affinity } });
        expectFeasible(instance, result);
        const mip = await highsTeamOptimum(instance, result.edges ?? []);
        const bound = result.stats.bound!;
        expect(bound.coverage > mip.coverage || (bound.coverage === mip.coverage && bound.weight >= mip.weight)).toBe(true);
        expect(mip.coverage > result.objective.coverage || (mip.coverage === result.objective.coverage && mip.weight >= result.objective.weight)).toBe(true);
      }),
      { numRuns: 10 },
    );
  });
});

describe('re-matching under one-university', () => {
  const season = (seed: number) => generateRandomInstance({ seed, projects: 12, experts: 90, universities: 3, campuses: 3, teamPolicy: 'one-university' });

  it("refills a member's decline from the same university and changes no other assignment", () => {
    for (const seed of [11, 12, 13, 14]) {
      const { instance, affinity } = season(seed);
      const first = solve(instance, { scoring: { affinity } });
      const declined = first.assignments.filter((a) => !a.pinned).slice(0, 2);
      const next = rematch(instance, first, declined, { scoring: { affinity } });
      expectFeasible({ ...instance, forbidden: [...(instance.forbidden ?? []), ...declined] }, next);
      expect(next.stats.changedAssignments).toBe(0);
      const lead = new Map(first.teams.map((t) => [t.projectId, t.universityId]));
      for (const team of next.teams) {
        expect(team.universityId).toBe(lead.get(team.projectId));
        expect(team.reason).toBe('kept');
      }
      const kept = new Set(next.assignments.map((a) => `${a.expertId}|${a.projectId}`));
      for (const a of first.assignments) if (!declined.includes(a)) expect(kept.has(`${a.expertId}|${a.projectId}`)).toBe(true);
    }
  });

  it("moves a project its university declined to the best other university and changes no other project's team", () => {
    for (const seed of [21, 22, 23, 24]) {
      const { instance, affinity } = season(seed);
      const first = solve(instance, { scoring: { affinity } });
      const declinedTeam = first.teams.find((t) => t.reason !== 'pinned')!;
      const next = rematch(instance, first, [], { scoring: { affinity }, universityDeclines: [{ projectId: declinedTeam.projectId, universityId: declinedTeam.universityId }] });
      const after = new Map(next.teams.map((t) => [t.projectId, t]));
      for (const team of first.teams) {
        if (team.projectId === declinedTeam.projectId) continue;
        expect(after.get(team.projectId)).toMatchObject({ universityId: team.universityId, teachers: team.teachers, students: team.students });
      }
      const moved = after.get(declinedTeam.projectId);
      if (moved) expect(moved.universityId).not.toBe(declinedTeam.universityId);
      // No other university could have fielded a better team with what was left: try each one by hand.
      const universities = [...new Set(instance.experts.map((x) => x.universityId))].filter((u) => u !== declinedTeam.universityId);
      for (const u of universities) {
        const others = next.assignments.filter((a) => a.projectId !== declinedTeam.projectId).map(({ expertId, projectId }) => ({ expertId, projectId }));
        const already = new Set((instance.forbidden ?? []).map((f) => `${f.expertId}|${f.projectId}`));
        const notU = instance.experts
          .filter((x) => x.universityId !== u && !already.has(`${x.id}|${declinedTeam.projectId}`))
          .map((x) => ({ expertId: x.id, projectId: declinedTeam.projectId }));
        const forced = solve({ ...instance, pinned: others, forbidden: [...(instance.forbidden ?? []), ...notU], options: { ...instance.options, teamPolicy: 'mixed' } }, { scoring: { affinity } });
        // Lexicographic: coverage first, then weight.
        expect(forced.objective.coverage * 1e9 + forced.objective.weight).toBeLessThanOrEqual(next.objective.coverage * 1e9 + next.objective.weight);
      }
    }
  });
});
