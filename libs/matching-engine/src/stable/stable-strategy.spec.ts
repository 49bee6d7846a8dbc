import fc from 'fast-check';
import type { MatchingInstanceV1 } from '@civic/contracts';
import { solve } from '../solve';
import { randomInstance } from '../testing/arbitraries';
import { findBlockingPairs } from './blocking-pairs';

const stable = (i: MatchingInstanceV1): MatchingInstanceV1 => ({ ...i, options: { ...i.options, strategy: 'stable' } });

describe('stable strategy', () => {
  it('leaves no blocking pair on random instances (pins and caps included)', () => {
    fc.assert(
      fc.property(fc.oneof(randomInstance('small'), randomInstance('medium')), ({ instance, affinity }) => {
        const i = stable(instance);
        const result = solve(i, { scoring: { affinity } });
        expect(result.strategy).toBe('stable');
        expect(findBlockingPairs(i, result, { affinity })).toEqual([]);
        for (const pin of i.pinned ?? []) {
          expect(result.assignments.some((a) => a.expertId === pin.expertId && a.projectId === pin.projectId && a.pinned)).toBe(true);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('reports the coverage and weight of the stable result, never above the optimum', () => {
    fc.assert(
      fc.property(randomInstance('medium'), ({ instance, affinity }) => {
        const s = solve(stable(instance), { scoring: { affinity } });
        const o = solve(instance, { scoring: { affinity } });
        const sum = s.assignments.reduce((a, x) => a + x.weight, 0);
        expect(s.objective.weight).toBe(sum);
        expect(s.objective.coverage <= o.objective.coverage).toBe(true);
        if (s.objective.coverage === o.objective.coverage) expect(s.objective.weight).toBeLessThanOrEqual(o.objective.weight);
      }),
      { numRuns: 30 },
    );
  });

  it('is detected by the checker when a result is not stable', () => {
    const instance: MatchingInstanceV1 = stable({
      version: 1,
      projects: [
        { id: 'P1', districtId: 'd', location: { lat: 31.2, lon: 121.5 }, issueTypes: ['t'], slots: { teacher: { min: 0, max: 1 }, student: { min: 0, max: 0 } } },
      ],
      experts: [
        { id: 'T1', kind: 'teacher', universityId: 'u', collegeId: 'c', disciplines: ['d'], location: { lat: 31.2, lon: 121.5 }, capacity: 1 },
      ],
    });
    const affinity = (): number => 50;
    const empty = { ...solve(instance, { scoring: { affinity } }), assignments: [] };
    expect(findBlockingPairs(instance, empty, { affinity })).toEqual([{ expertId: 'T1', projectId: 'P1' }]);
  });

  it('lets experts propose in their stated order first', () => {
    const loc = { lat: 31.2, lon: 121.5 };
    const instance: MatchingInstanceV1 = stable({
      version: 1,
      projects: ['P1', 'P2'].map((id) => ({ id, districtId: 'd', location: loc, issueTypes: [id === 'P1' ? 'good' : 'poor'], slots: { teacher: { min: 0, max: 1 }, student: { min: 0, max: 0 } } })),
      experts: [{ id: 'T1', kind: 'teacher', universityId: 'u', collegeId: 'c', disciplines: ['d'], location: loc, capacity: 1, preferences: ['P2'] }],
    });
    const affinity = (t: string): number => (t === 'good' ? 100 : 10);
    expect(solve(instance, { scoring: { affinity } }).assignments.map((a) => a.projectId)).toEqual(['P2']);
  });
});
