import fc from 'fast-check';
import type { MatchingInstanceV1, MatchingResultV1 } from '@civic/contracts';
import { UNASSIGNED_REASONS, UNDERFILLED_REASONS } from './result/explanations';
import { solve } from './solve';
import { randomInstance } from './testing/arbitraries';
import { mulberry32 } from './testing/random-instance';

const withoutTime = (r: MatchingResultV1): MatchingResultV1 => ({ ...r, stats: { ...r.stats, solveMs: 0 } });

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const rnd = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('solve', () => {
  it('is deterministic: the same input twice gives the same JSON, for both strategies', () => {
    fc.assert(
      fc.property(randomInstance('medium'), fc.constantFrom('optimal' as const, 'stable' as const), ({ instance, affinity }, strategy) => {
        const i = { ...instance, options: { ...instance.options, strategy } };
        const a = JSON.stringify(withoutTime(solve(i, { emitEdges: true, scoring: { affinity } })));
        const b = JSON.stringify(withoutTime(solve(i, { emitEdges: true, scoring: { affinity } })));
        expect(a).toBe(b);
      }),
      { numRuns: 20 },
    );
  });

  it('does not depend on the order of projects, experts, pins or forbidden pairs', () => {
    fc.assert(
      fc.property(randomInstance('medium'), fc.integer(), ({ instance, affinity }, seed) => {
        const reordered: MatchingInstanceV1 = {
          ...instance,
          projects: shuffled(instance.projects, seed),
          experts: shuffled(instance.experts, seed + 1),
          pinned: shuffled(instance.pinned ?? [], seed + 2),
          forbidden: shuffled(instance.forbidden ?? [], seed + 3),
        };
        const a = JSON.stringify(withoutTime(solve(instance, { scoring: { affinity } })));
        const b = JSON.stringify(withoutTime(solve(reordered, { scoring: { affinity } })));
        expect(b).toBe(a);
      }),
      { numRuns: 20 },
    );
  });

  it('sorts assignments by expert then project, under-filled slots by project then kind, unassigned by expert', () => {
    fc.assert(
      fc.property(randomInstance('medium'), ({ instance, affinity }) => {
        const r = solve(instance, { emitEdges: true, scoring: { affinity } });
        const sortedBy = <T>(xs: T[], k: (x: T) => string): boolean => xs.every((x, i) => i === 0 || k(xs[i - 1]) < k(x));
        expect(sortedBy(r.assignments, (a) => `${a.expertId}\u0000${a.projectId}`)).toBe(true);
        expect(sortedBy(r.underfilled, (u) => `${u.projectId}\u0000${u.kind === 'teacher' ? 0 : 1}`)).toBe(true);
        expect(sortedBy(r.unassigned, (u) => u.expertId)).toBe(true);
        expect(sortedBy(r.edges!, (e) => `${e.expertId}\u0000${e.projectId}`)).toBe(true);
        expect(r.stats.eligiblePairs).toBe(r.edges!.length);
      }),
      { numRuns: 15 },
    );
  });

  it('explains under-filled slots and unassigned experts with known reasons', () => {
    const known = new Set<string>([...Object.values(UNDERFILLED_REASONS), ...Object.values(UNASSIGNED_REASONS)]);
    fc.assert(
      fc.property(randomInstance('medium'), ({ instance, affinity }) => {
        const r = solve(instance, { scoring: { affinity } });
        for (const u of r.underfilled) {
          expect(known.has(u.reason)).toBe(true);
          expect(u.filled).toBeLessThan(u.min);
          // The optimum never leaves a fitting expert with capacity idle next to an open minimum.
          expect(u.reason).not.toBe(UNDERFILLED_REASONS.notChosen);
        }
        for (const u of r.unassigned) {
          expect(known.has(u.reason)).toBe(true);
          expect(u.reason).not.toBe(UNASSIGNED_REASONS.lowerValue);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('names the distance limit when it is what leaves a slot empty', () => {
    const instance: MatchingInstanceV1 = {
      version: 1,
      projects: [{ id: 'P1', districtId: 'd', location: { lat: 31.0, lon: 121.5 }, issueTypes: ['t'], slots: { teacher: { min: 1, max: 1 }, student: { min: 0, max: 0 } } }],
      experts: [{ id: 'T1', kind: 'teacher', universityId: 'u', collegeId: 'c', disciplines: ['d'], location: { lat: 31.5, lon: 121.5 }, capacity: 1 }],
      options: { maxDistanceKm: 10 },
    };
    const r = solve(instance, { scoring: { affinity: () => 50 } });
    expect(r.underfilled).toEqual([{ projectId: 'P1', kind: 'teacher', filled: 0, min: 1, reason: UNDERFILLED_REASONS.distanceLimit }]);
    expect(r.unassigned).toEqual([{ expertId: 'T1', reason: UNASSIGNED_REASONS.noEligibleProject }]);
  });

  it('names the discipline cap and experts used elsewhere', () => {
    const loc = { lat: 31.2, lon: 121.5 };
    const teacher = (id: string, d: string) => ({ id, kind: 'teacher' as const, universityId: 'u', collegeId: 'c', disciplines: [d], location: loc, capacity: 1 });
    const instance: MatchingInstanceV1 = {
      version: 1,
      projects: [
        { id: 'P1', districtId: 'd', location: loc, issueTypes: ['t'], slots: { teacher: { min: 2, max: 2 }, student: { min: 0, max: 0 } } },
        { id: 'P2', districtId: 'd', location: loc, issueTypes: ['t'], slots: { teacher: { min: 2, max: 2 }, student: { min: 0, max: 0 } } },
      ],
      experts: [teacher('T1', 'law'), teacher('T2', 'law'), teacher('T3', 'law')],
      options: { maxPerDiscipline: 1 },
    };
    const r = solve(instance, { scoring: { affinity: () => 50 } });
    expect(r.assignments).toHaveLength(2);
    expect(r.underfilled.map((u) => u.reason)).toEqual([UNDERFILLED_REASONS.disciplineCap, UNDERFILLED_REASONS.disciplineCap]);
    expect(r.unassigned.map((u) => u.reason)).toEqual([UNASSIGNED_REASONS.eligibleProjectsFull]);
    const two: MatchingInstanceV1 = {
      ...instance,
      projects: instance.projects.map((p) => ({ ...p, issueTypes: [p.id === 'P1' ? 'good' : 'poor'] })),
      experts: [teacher('T1', 'law'), teacher('T2', 'art')],
    };
    const r2 = solve(two, { scoring: { affinity: (t) => (t === 'good' ? 80 : 20) } });
    expect(r2.assignments.map((a) => a.projectId)).toEqual(['P1', 'P1']);
    expect(r2.underfilled.map((u) => u.reason)).toEqual([UNDERFILLED_REASONS.expertsUsedElsewhere]);
  });
});
