/**
 * Everything a strategy needs from one instance: the prepared arrays, the scorer and the eligible pairs.
 */
import type { MatchingInstanceV1 } from '@civic/contracts';
import { buildCandidatePairs, type CandidatePairs } from '../eligibility/candidate-pairs';
import { defaultAffinity } from '../scoring/default-affinity';
import { Scorer } from '../scoring/scorer';
import { InstanceValidationError, validateInstance } from '../validation/validate-instance';
import type { ScoringOptions } from './engine-options';
import { prepareInstance, type PreparedInstance } from './prepared-instance';

export interface EngineContext {
  readonly prep: PreparedInstance;
  readonly scorer: Scorer;
  readonly pairs: CandidatePairs;
}

/** Validates (throws InstanceValidationError), prepares and scores an instance. */
export function createEngineContext(instance: MatchingInstanceV1, scoring: ScoringOptions = {}): EngineContext {
  const issues = validateInstance(instance);
  if (issues.length > 0) throw new InstanceValidationError(issues);
  const prep = prepareInstance(instance);
  const scorer = new Scorer(prep, scoring, defaultAffinity);
  return { prep, scorer, pairs: buildCandidatePairs(scorer) };
}
