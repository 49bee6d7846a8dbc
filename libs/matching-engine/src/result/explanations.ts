/**
 * Why a (project, kind) stays below its minimum and why an expert gets no project. Reasons are stable codes
 * (listed in docs/matching.md) so a screen can translate them.
 */
import type { EngineContext } from '../model/engine-context';

/** Reasons for an under-filled (project, kind). */
export const UNDERFILLED_REASONS = {
  /** No expert of the kind has an eligible pair with the project (zero fit, forbidden). */
  noEligibleExpert: 'no_eligible_expert',
  /** Experts of the kind would fit but are farther than options.maxDistanceKm. */
  distanceLimit: 'distance_limit',
  /** Experts of the kind fit but the project is not among their K best (options.candidateLimitPerExpert). */
  candidateLimit: 'candidate_limit',
  /** Eligible experts with capacity left exist, but each would break the discipline cap. */
  disciplineCap: 'discipline_cap',
  /** Every eligible expert of the kind has used its capacity on other projects. */
  expertsUsedElsewhere: 'experts_used_elsewhere',
  /** Eligible experts are left but were not chosen (does not occur for the optimal strategy). */
  notChosen: 'not_chosen',
} as const;

/** Reasons for an expert without any project. */
export const UNASSIGNED_REASONS = {
  /** The expert has no eligible project (zero fit, forbidden, distance or candidate limit, capacity 0). */
  noEligibleProject: 'no_eligible_project',
  /** Every eligible project is full for the expert's kind or discipline. */
  eligibleProjectsFull: 'eligible_projects_full',
  /** An eligible project has room, but assigning the expert would lower the objective (or break stability). */
  lowerValue: 'capacity_unused_lower_value',
} as const;

/** Assignment counts of a result, indexed like the prepared instance. */
export interface AssignmentCounts {
  expertUsed: Int32Array;
  kindCount: Int32Array;
  groupCount: Map<number, number>;
  assignedKeys: Set<number>;
  /** Expert indices per kind (teacher, student). */
  expertsOfKind: [Int32Array, Int32Array];
}

/** Reason for an under-filled (p, kind). */
export function underfilledReason(ctx: EngineContext, counts: AssignmentCounts, byProject: ProjectPairs, p: number, kind: number): string {
  const { prep, scorer } = ctx;
  const P = prep.projectCount;
  const nD = prep.disciplines.length;
  let any = false;
  let spare = false;
  let spareFits = false;
  for (let k = byProject.start[p]; k < byProject.start[p + 1]; k++) {
    const e = byProject.expert[k];
    if (prep.expertKind[e] !== kind || counts.assignedKeys.has(e * P + p)) continue;
    any = true;
    if (counts.expertUsed[e] < prep.expertCapacity[e]) {
      spare = true;
      const g = (p * 2 + kind) * nD + prep.expertDisciplines[e * 3];
      if ((counts.groupCount.get(g) ?? 0) < prep.maxPerDiscipline) spareFits = true;
    }
  }
  if (any) {
    if (spareFits) return UNDERFILLED_REASONS.notChosen;
    if (spare) return UNDERFILLED_REASONS.disciplineCap;
    return UNDERFILLED_REASONS.expertsUsedElsewhere;
  }
  // Nobody eligible: say which rule excluded the experts who would fit (scanning only experts of the kind).
  let beyondDistance = false;
  let cutByLimit = false;
  const experts = counts.expertsOfKind[kind];
  for (let i = 0; i < experts.length && !cutByLimit; i++) {
    const e = experts[i];
    if (prep.expertCapacity[e] === 0) continue;
    if (prep.forbiddenPerExpert[e] > 0 && prep.forbidden.has(e * P + p)) continue;
    if (scorer.fitTable(e).zero[scorer.projectClass[p]]) continue;
    if (prep.maxDistanceKm !== null && scorer.distanceKm(e, p) > prep.maxDistanceKm) beyondDistance = true;
    else if (!counts.assignedKeys.has(e * P + p)) cutByLimit = prep.candidateLimit !== null;
  }
  if (cutByLimit) return UNDERFILLED_REASONS.candidateLimit;
  if (beyondDistance) return UNDERFILLED_REASONS.distanceLimit;
  return UNDERFILLED_REASONS.noEligibleExpert;
}

/** Reason for an expert with no assignment. */
export function unassignedReason(ctx: EngineContext, counts: AssignmentCounts, e: number): string {
  const { prep, pairs } = ctx;
  const nD = prep.disciplines.length;
  if (prep.expertCapacity[e] === 0 || pairs.start[e] === pairs.start[e + 1]) return UNASSIGNED_REASONS.noEligibleProject;
  const kind = prep.expertKind[e];
  const d = prep.expertDisciplines[e * 3];
  for (let i = pairs.start[e]; i < pairs.start[e + 1]; i++) {
    const p = pairs.project[i];
    const pk = p * 2 + kind;
    if (counts.kindCount[pk] >= prep.slotMax[pk]) continue;
    if ((counts.groupCount.get(pk * nD + d) ?? 0) >= prep.maxPerDiscipline) continue;
    return UNASSIGNED_REASONS.lowerValue;
  }
  return UNASSIGNED_REASONS.eligibleProjectsFull;
}

/** Eligible pairs indexed by project (experts ascending). */
export interface ProjectPairs {
  start: Int32Array;
  expert: Int32Array;
}

/** Inverts the per-expert candidate pairs into per-project lists. */
export function pairsByProject(ctx: EngineContext): ProjectPairs {
  const { prep, pairs } = ctx;
  const P = prep.projectCount;
  const start = new Int32Array(P + 1);
  for (let i = 0; i < pairs.count; i++) start[pairs.project[i] + 1]++;
  for (let p = 0; p < P; p++) start[p + 1] += start[p];
  const fill = start.slice(0, P);
  const expert = new Int32Array(pairs.count);
  for (let e = 0; e < prep.expertCount; e++) {
    for (let i = pairs.start[e]; i < pairs.start[e + 1]; i++) expert[fill[pairs.project[i]]++] = e;
  }
  return { start, expert };
}
