/**
 * @civic/matching-engine/testing — test-only helpers of the engine: seeded random instances and the HiGHS oracle
 * (a devDependency). Imported by specs, end-to-end tests and the benchmarks, never by production code.
 */
export { generateRandomInstance, mulberry32, type RandomInstance, type RandomInstanceOptions } from './random-instance';
export {
  buildMatchingLp,
  buildMatchingModel,
  highsOptimum,
  highsOptimumModel,
  loadHighs,
  type HighsRun,
  type LpEdge,
  type MatchingModelArrays,
} from './lp-oracle';
export { buildTeamMip, highsTeamOptimum } from './team-mip-oracle';
export { teamLpBound, type TeamLpBound } from './team-lp-bound';
