/**
 * @civic/matching-engine — the pure matching engine of contract v1 (shared/MATCHING-MODEL.md): scoring,
 * eligibility, the optimal (min-cost flow) and stable (deferred acceptance) strategies, re-matching,
 * explanations and validation. No framework, no I/O.
 */
export { solve, solveContext } from './solve';
export { rematch } from './rematch/rematch';
export { findBlockingPairs } from './stable/blocking-pairs';
export { validateInstance, validatePairsFor, InstanceValidationError, type ValidationIssue } from './validation/validate-instance';
export { createEngineContext, deriveEngineContext, type EngineContext } from './model/engine-context';
export {
  DEFAULT_SCORING_WEIGHTS,
  DEFAULT_MAX_PER_DISCIPLINE,
  type AffinityFn,
  type RematchOptions,
  type ScoringOptions,
  type ScoringWeights,
  type SolveOptions,
} from './model/engine-options';
export { prepareInstance, type PreparedInstance } from './model/prepared-instance';
export { Scorer, type PairScore } from './scoring/scorer';
export { haversineKm, EARTH_RADIUS_KM } from './scoring/geo';
export { buildCandidatePairs, rebuildCandidatePairs, type CandidatePairs } from './eligibility/candidate-pairs';
export { solveOptimal, type OptimalOutcome, type OptimalTuning } from './optimal/optimal-strategy';
export { solveStable } from './stable/stable-strategy';
export { ResidualNetwork, type ArcList, type FlowCounters } from './flow/residual-network';
export { UNASSIGNED_REASONS, UNDERFILLED_REASONS } from './result/explanations';
export { generateRandomInstance, mulberry32, type RandomInstance, type RandomInstanceOptions } from './testing/random-instance';
export {
  buildMatchingLp,
  buildMatchingModel,
  highsOptimum,
  highsOptimumModel,
  loadHighs,
  type HighsRun,
  type LpEdge,
  type MatchingModelArrays,
} from './testing/lp-oracle';
export { buildTeamMip, highsTeamOptimum } from './testing/team-mip-oracle';
export { solveOneUniversity, type TeamSearchOutcome, type TeamSearchTuning } from './teams/one-university-strategy';
export { buildTeamRules, type LeadConstraints, type TeamRules } from './teams/team-rules';
export { TEAM_UNDERFILLED_REASONS } from './teams/team-explanations';
