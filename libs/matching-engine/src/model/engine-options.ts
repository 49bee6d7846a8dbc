/**
 * Engine-side options (not part of the wire contract): the scoring table and weights, and what a solve emits.
 */

/** Affinity of a discipline to an issue type, an integer 0..100 (0 = no fit). */
export type AffinityFn = (issueType: string, discipline: string) => number;

/** The tunable constants of the weight formula (docs/matching.md). All integers. */
export interface ScoringWeights {
  /** Points of a perfect fit: affinity 100 of the primary discipline to the primary issue type. */
  fitPoints: number;
  /** Per issue type position (primary first), in percent. */
  issueTypeFactors: readonly number[];
  /** Per discipline position (primary first), in percent. */
  disciplineFactors: readonly number[];
  /** Points at distance 0; they fall linearly to 0 at `distanceRangeKm`. */
  distancePoints: number;
  distanceRangeKm: number;
  /** Preference bonus for the expert's first stated project; each next rank earns `preferenceStep` less. */
  preferenceTop: number;
  preferenceStep: number;
  /** Every stated preference earns at least this. */
  preferenceMin: number;
  /** Bonus when the project wants one of the expert's disciplines, per discipline position (primary first). */
  wantedPoints: readonly number[];
  /** Every eligible pair has this, so every weight is >= 1. */
  base: number;
}

/** Scoring inputs: the affinity table (defaults to the catalogue's) and weight overrides. */
export interface ScoringOptions extends Partial<ScoringWeights> {
  affinity?: AffinityFn;
}

/** Options of `solve`. */
export interface SolveOptions {
  /** Include every eligible pair with its weight in `result.edges`. */
  emitEdges?: boolean;
  scoring?: ScoringOptions;
  /** Work limits of the one-university search (teams/one-university-strategy.ts). */
  teamSearch?: TeamSearchTuning;
}

/** Work limits of the one-university search (defaults by measurement, docs/matching.md). */
export interface TeamSearchTuning {
  /** Subgradient iterations at the root at most (default 600; it usually ends sooner, when its step factor is small). */
  rootIterations?: number;
  /** Subgradient iterations at every other node. */
  nodeIterations?: number;
  /** Branch-and-bound nodes at most (after the root). */
  nodeLimit?: number;
  /** Local search: exact part solves it may spend (default 4 per project, at least 40). */
  moveCandidates?: number;
  /** Local search: projects tried in a row without a gain before a pass ends (default max(30, projects / 4)). */
  movePatience?: number;
  /** Local search: the pairs its part solves may handle in all, per eligible pair of the instance (default 24). */
  movePairsPerPair?: number;
  /** Local search: swaps of two projects tried in a row without a gain before a pass ends (default 20; 0: none). */
  swapPatience?: number;
}

export const DEFAULT_SCORING_WEIGHTS: Readonly<ScoringWeights> = Object.freeze({
  fitPoints: 200,
  issueTypeFactors: Object.freeze([100, 60, 40]),
  disciplineFactors: Object.freeze([100, 70, 50]),
  distancePoints: 60,
  distanceRangeKm: 60,
  preferenceTop: 50,
  preferenceStep: 5,
  preferenceMin: 10,
  wantedPoints: Object.freeze([30, 15, 10]),
  base: 1,
});

/** Defaults of the instance options (contract v1). */
export const DEFAULT_MAX_PER_DISCIPLINE = 2;
