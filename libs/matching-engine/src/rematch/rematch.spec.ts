import fc from 'fast-check';
import type { MatchingResultV1 } from '@civic/contracts';
import { createEngineContext, deriveEngineContext } from '../model/engine-context';
import { solve, solveContext } from '../solve';
import { findBlockingPairs } from '../stable/blocking-pairs';
import { randomInstance } from '../testing/arbitraries';
import { highsOptimum } from '../testing/lp-oracle';
import { rematch } from './rematch';

const key = (a: { expertId: string; projectId: string }): string => `${a.expertId}|${a.projectId}`;

/** Picks up to n non-pinned assignments to decline, deterministically from a seed. */
function pickDeclines(result: MatchingResultV1, seed: number, n: number): Array<{ expertId: string; projectId: string }> {
  const free = result.assignments.filter((a) => !a.pinned);
  const out: Array<{ expertId: string; projectId: string }> = [];
  for (let k = 0; k < n && free.length > 0; k++) {
    const [a] = free.splice((seed + k * 7919) % free.length, 1);
    out.push({ expertId: a.expertId, projectId: a.projectId });
  }
  return out;
}

const withoutTime = (r: MatchingResultV1): MatchingResultV1 => ({ ...r, stats: { ...r.stats, solveMs: 0 } });

describe('rematch', () => {
  it('gives the same result when it reuses the scoring of the earlier solve', () => {
    fc.assert(
      fc.property(randomInstance('medium'), fc.integer({ min: 0, max: 1000 }), fc.boolean(), ({ instance, affinity }, seed, full) => {
        const ctx = createEngineContext(instance, { affinity });
        const first = solveContext(ctx, performance.now());
        const declined = pickDeclines(first, seed, 2);
        const reused = rematch(instance, first, declined, { context: ctx, full, emitEdges: true });
        const fresh = rematch(instance, first, declined, { scoring: { affinity }, full, emitEdges: true });
        expect(JSON.stringify(withoutTime(reused))).toBe(JSON.stringify(withoutTime(fresh)));
      }),
      { numRuns: 40 },
    );
  });

  it('derives the same eligible pairs as a fresh context for other pins and forbidden pairs', () => {
    fc.assert(
      fc.property(randomInstance('medium'), randomInstance('medium'), ({ instance, affinity }, other) => {
        const base = createEngineContext(instance, { affinity });
        const first = solveContext(base, performance.now());
        // Other pins (earlier assignments) and forbidden pairs drawn from the instance's own ids.
        const pinned = first.assignments.filter((_, i) => i % 2 === 0).map(({ expertId, projectId }) => ({ expertId, projectId }));
        const forbidden = first.assignments.filter((_, i) => i % 2 === 1).map(({ expertId, projectId }) => ({ expertId, projectId }));
        for (const f of other.instance.forbidden ?? []) {
          const x = instance.experts[f.expertId.length % Math.max(1, instance.experts.length)];
          const p = instance.projects[f.projectId.length % instance.projects.length];
          if (x && p && !pinned.some((q) => q.expertId === x.id && q.projectId === p.id)) forbidden.push({ expertId: x.id, projectId: p.id });
        }
        const next = { ...instance, pinned, forbidden: [...new Map(forbidden.map((f) => [`${f.expertId}|${f.projectId}`, f])).values()] };
        const derived = deriveEngineContext(base, next);
        const fresh = createEngineContext(next, { affinity });
        expect(Array.from(derived.pairs.start)).toEqual(Array.from(fresh.pairs.start));
        expect(Array.from(derived.pairs.project)).toEqual(Array.from(fresh.pairs.project));
        expect(Array.from(derived.pairs.weight)).toEqual(Array.from(fresh.pairs.weight));
      }),
      { numRuns: 40 },
    );
  });

  it('keeps every assignment that was not declined, drops the declined ones and reports no change', async () => {
    await fc.assert(
      fc.asyncProperty(randomInstance('medium'), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 3 }), async ({ instance, affinity }, seed, n) => {
        const first = solve(instance, { scoring: { affinity } });
        const declined = pickDeclines(first, seed, n);
        const next = rematch(instance, first, declined, { scoring: { affinity }, emitEdges: true });
        const now = new Set(next.assignments.map(key));
        const gone = new Set(declined.map(key));
        for (const a of first.assignments) {
          if (gone.has(key(a))) expect(now.has(key(a))).toBe(false);
          else expect(now.has(key(a))).toBe(true);
        }
        expect(next.stats.changedAssignments).toBe(0);
        // Optimal for the re-matching model: earlier assignments pinned, declined pairs forbidden.
        const pinnedModel = {
          ...instance,
          pinned: first.assignments.filter((a) => !gone.has(key(a))).map(({ expertId, projectId }) => ({ expertId, projectId })),
          forbidden: [...(instance.forbidden ?? []), ...declined],
        };
        const lp = await highsOptimum(pinnedModel, next.edges!);
        expect(next.objective.coverage).toBe(lp.coverage);
        expect(Math.abs(next.objective.weight - lp.weight)).toBeLessThan(1e-6);
      }),
      { numRuns: 40 },
    );
  });

  it('fills a freed slot with the best remaining expert', () => {
    const loc = { lat: 31.2, lon: 121.5 };
    const instance = {
      version: 1 as const,
      projects: [{ id: 'P1', districtId: 'd', location: loc, issueTypes: ['t'], slots: { teacher: { min: 1, max: 1 }, student: { min: 0, max: 0 } } }],
      experts: ['T1', 'T2', 'T3'].map((id, k) => ({ id, kind: 'teacher' as const, universityId: 'u', collegeId: 'c', disciplines: [`d${k}`], location: loc, capacity: 1 })),
    };
    const affinity = (_t: string, d: string): number => ({ d0: 90, d1: 70, d2: 50 })[d] ?? 0;
    const first = solve(instance, { scoring: { affinity } });
    expect(first.assignments.map((a) => a.expertId)).toEqual(['T1']);
    const next = rematch(instance, first, [{ expertId: 'T1', projectId: 'P1' }], { scoring: { affinity } });
    expect(next.assignments.map((a) => `${a.expertId}:${a.pinned}`)).toEqual(['T2:false']);
    expect(next.stats.changedAssignments).toBe(0);
  });

  it('counts the earlier assignments a full re-run changes', () => {
    fc.assert(
      fc.property(randomInstance('medium'), fc.integer({ min: 0, max: 1000 }), ({ instance, affinity }, seed) => {
        const first = solve(instance, { scoring: { affinity } });
        const declined = pickDeclines(first, seed, 2);
        const full = rematch(instance, first, declined, { scoring: { affinity }, full: true });
        const now = new Set(full.assignments.map(key));
        const gone = new Set(declined.map(key));
        const changed = first.assignments.filter((a) => !gone.has(key(a)) && !now.has(key(a))).length;
        expect(full.stats.changedAssignments).toBe(changed);
        for (const d of declined) expect(now.has(key(d))).toBe(false);
      }),
      { numRuns: 20 },
    );
  });

  it('re-matches the stable strategy without blocking pairs among the free slots', () => {
    fc.assert(
      fc.property(randomInstance('small'), fc.integer({ min: 0, max: 1000 }), ({ instance, affinity }, seed) => {
        const i = { ...instance, options: { ...instance.options, strategy: 'stable' as const } };
        const first = solve(i, { scoring: { affinity } });
        const declined = pickDeclines(first, seed, 1);
        const next = rematch(i, first, declined, { scoring: { affinity } });
        expect(next.strategy).toBe('stable');
        const gone = new Set(declined.map(key));
        const model = {
          ...i,
          pinned: first.assignments.filter((a) => !gone.has(key(a))).map(({ expertId, projectId }) => ({ expertId, projectId })),
          forbidden: [...(i.forbidden ?? []), ...declined],
        };
        expect(findBlockingPairs(model, next, { affinity })).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
