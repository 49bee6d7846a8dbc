/**
 * Everything a strategy needs from one instance: the prepared arrays, the scorer and the eligible pairs. A
 * context can be derived for new pins and forbidden pairs of the same projects and experts (re-matching): the
 * scoring tables are shared and only experts whose forbidden pairs changed are scored again.
 */
import type { ExpertProjectPair, MatchingInstanceV1 } from '@civic/contracts';
import { buildCandidatePairs, rebuildCandidatePairs, type CandidatePairs } from '../eligibility/candidate-pairs';
import { defaultAffinity } from '../scoring/default-affinity';
import { Scorer } from '../scoring/scorer';
import { InstanceValidationError, validateInstance, validatePairsFor } from '../validation/validate-instance';
import type { ScoringOptions } from './engine-options';
import { prepareInstance, type PreparedInstance } from './prepared-instance';

export interface EngineContext {
  readonly prep: PreparedInstance;
  readonly scorer: Scorer;
  readonly pairs: CandidatePairs;
  /** The same lists without pins (for deriving contexts); computed on first use. */
  pinFree?: CandidatePairs;
}

/** Validates (throws InstanceValidationError), prepares and scores an instance. */
export function createEngineContext(instance: MatchingInstanceV1, scoring: ScoringOptions = {}): EngineContext {
  const issues = validateInstance(instance);
  if (issues.length > 0) throw new InstanceValidationError(issues);
  const prep = prepareInstance(instance);
  const scorer = new Scorer(prep, scoring, defaultAffinity);
  const pairs = buildCandidatePairs(scorer);
  return { prep, scorer, pairs, pinFree: prep.pinExpert.length === 0 ? pairs : undefined };
}

/**
 * A context for `instance`, which has the projects, experts and options of `base` and only other pins and
 * forbidden pairs. Throws InstanceValidationError when those pairs are invalid.
 */
export function deriveEngineContext(base: EngineContext, instance: MatchingInstanceV1): EngineContext {
  const pinned: ExpertProjectPair[] = instance.pinned ?? [];
  const forbidden: ExpertProjectPair[] = instance.forbidden ?? [];
  const old = base.prep;
  const issues = validatePairsFor(old, pinned, forbidden);
  if (issues.length > 0) throw new InstanceValidationError(issues);
  const P = old.projectCount;
  const pinKeys = Float64Array.from(new Set(pinned.map((x) => old.expertIndex.get(x.expertId)! * P + old.projectIndex.get(x.projectId)!))).sort();
  const pinExpert = new Int32Array(pinKeys.length);
  const pinProject = new Int32Array(pinKeys.length);
  pinKeys.forEach((key, i) => {
    pinExpert[i] = Math.floor(key / P);
    pinProject[i] = key - pinExpert[i] * P;
  });
  const forbiddenSet = new Set<number>();
  const forbiddenPerExpert = new Int32Array(old.expertCount);
  for (const x of forbidden) {
    const key = old.expertIndex.get(x.expertId)! * P + old.projectIndex.get(x.projectId)!;
    if (!forbiddenSet.has(key)) {
      forbiddenSet.add(key);
      forbiddenPerExpert[Math.floor(key / P)]++;
    }
  }
  const prep: PreparedInstance = { ...old, instance, pinExpert, pinProject, forbidden: forbiddenSet, forbiddenPerExpert };
  const scorer = base.scorer.withPrep(prep);
  const changed = new Uint8Array(old.expertCount);
  for (const key of forbiddenSet) if (!old.forbidden.has(key)) changed[Math.floor(key / P)] = 1;
  for (const key of old.forbidden) if (!forbiddenSet.has(key)) changed[Math.floor(key / P)] = 1;
  const { pairs, pinFree } = rebuildCandidatePairs(scorer, pinFreeOf(base), (e) => changed[e] === 1);
  return { prep, scorer, pairs, pinFree };
}

/** The context's lists without pins (experts with pins are scored again once). */
function pinFreeOf(ctx: EngineContext): CandidatePairs {
  if (!ctx.pinFree) {
    const hasPin = new Uint8Array(ctx.prep.expertCount);
    for (const e of ctx.prep.pinExpert) hasPin[e] = 1;
    ctx.pinFree = rebuildCandidatePairs(ctx.scorer, ctx.pairs, (e) => hasPin[e] === 1).pinFree;
  }
  return ctx.pinFree;
}
