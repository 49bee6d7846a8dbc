import fc from 'fast-check';
import { solve } from '../solve';
import { generateRandomInstance } from './random-instance';
import { highsTeamOptimum } from './team-mip-oracle';
import { teamLpBound } from './team-lp-bound';

describe('teamLpBound (the team LP by column generation)', () => {
  it('lies between the MIP optimum and its own exact Lagrangian bound on random small instances', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          projects: fc.integer({ min: 6, max: 10 }),
          experts: fc.integer({ min: 20, max: 50 }),
          universities: fc.integer({ min: 2, max: 4 }),
          maxProjectsUpTo: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        }),
        async (o) => {
          const { instance, affinity } = generateRandomInstance({ ...o, disciplines: 4, campuses: 2, teamPolicy: 'one-university' });
          const result = solve(instance, { emitEdges: true, scoring: { affinity } });
          const mip = await highsTeamOptimum(instance, result.edges ?? []);
          expect(mip.status).toBe('Optimal');
          const lp = await teamLpBound(instance, result.objective, 200, { affinity });
          expect(lp.converged).toBe(true);
          const mipValue = lp.big * mip.coverage + mip.weight;
          // An LP relaxation is never below the integral optimum (HiGHS's tolerances: allow half a weight unit).
          expect(lp.lpValue).toBeGreaterThanOrEqual(mipValue - 0.5);
          // L at any prices bounds the LP from above (weak duality); on the grid it is floored to whole units.
          const boundValue = lp.big * lp.bound.coverage + lp.bound.weight;
          expect(boundValue).toBeGreaterThanOrEqual(Math.floor(lp.lpValue - 0.5));
          // And the proof holds: never below the optimum.
          expect(boundValue).toBeGreaterThanOrEqual(mipValue);
        },
      ),
      { numRuns: 8 },
    );
  });
});
