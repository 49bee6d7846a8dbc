import { randomUUID } from 'node:crypto';
import type { RoundCertificateV1 } from '@civic/contracts';
import type {
  AssignmentOrigin,
  AssignmentSnapshotV1,
  DraftAssignmentV1,
  ExpertKind,
  ExpertProjectPair,
  MatchingInstanceV1,
  MatchingResultV1,
  PlacedBy,
  ResultAssignment,
} from '@civic/contracts';

/** An active (proposed or accepted) assignment's pair and its expert's kind: what rounds and re-matches count. */
export interface ActivePair extends ExpertProjectPair {
  kind: ExpertKind;
}

/**
 * Turns engine assignments into new proposals, enriched with what reports group by (university, discipline,
 * district, issue type, the project's lead university from `lead`) so consumers need no other data. Pairs listed in
 * `skip` (already active) are left out.
 */
export function toProposals(
  assignments: readonly ResultAssignment[],
  instance: MatchingInstanceV1,
  ctx: { roundId: string; origin: AssignmentOrigin; now: Date; deadline: Date; skip?: ReadonlySet<string>; lead?: ReadonlyMap<string, string> },
): AssignmentSnapshotV1[] {
  const experts = new Map(instance.experts.map((e) => [e.id, e]));
  const projects = new Map(instance.projects.map((p) => [p.id, p]));
  const out: AssignmentSnapshotV1[] = [];
  for (const a of assignments) {
    if (ctx.skip?.has(pairKey(a))) continue;
    const e = experts.get(a.expertId);
    const p = projects.get(a.projectId);
    if (!e || !p) throw new Error(`engine returned an unknown pair ${a.expertId} -> ${a.projectId}`);
    const lead = ctx.lead?.get(p.id);
    out.push(
      newProposal(
        {
          expertId: e.id,
          expertKind: e.kind,
          universityId: e.universityId,
          collegeId: e.collegeId,
          discipline: e.disciplines[0],
          projectId: p.id,
          ...(lead ? { leadUniversityId: lead } : {}),
          districtId: p.districtId,
          issueType: p.issueTypes[0],
          weight: a.weight,
          explanation: a.explanation,
        },
        ctx,
      ),
    );
  }
  return out;
}

/** What a proposal says of its pair (a draft assignment's fields but who placed it). */
export type ProposedPair = Omit<DraftAssignmentV1, 'placedBy'>;

/** A new proposal of `pair`, open from `now` until `deadline`; `placedBy` only for a pair placed by hand. */
export function newProposal(
  pair: ProposedPair,
  ctx: { roundId: string; origin: AssignmentOrigin; now: Date; deadline: Date },
  placedBy?: PlacedBy,
): AssignmentSnapshotV1 {
  return {
    assignmentId: randomUUID(),
    roundId: ctx.roundId,
    expertId: pair.expertId,
    expertKind: pair.expertKind,
    universityId: pair.universityId,
    collegeId: pair.collegeId,
    discipline: pair.discipline,
    projectId: pair.projectId,
    ...(pair.leadUniversityId ? { leadUniversityId: pair.leadUniversityId } : {}),
    districtId: pair.districtId,
    issueType: pair.issueType,
    weight: pair.weight,
    explanation: pair.explanation,
    origin: ctx.origin,
    status: 'proposed',
    deadline: ctx.deadline.toISOString(),
    proposedAt: ctx.now.toISOString(),
    decidedAt: null,
    declineReason: null,
    declineNote: null,
    ...(placedBy ? { placedBy } : {}),
    revision: 1,
  };
}

/** The identity of an (expert, project) pair. */
export function pairKey(p: { expertId: string; projectId: string }): string {
  return `${p.expertId}\u0000${p.projectId}`;
}

/**
 * What the instance's pins (other rounds' assignments, held as given) contribute to the engine's objective: the
 * round reports only its own share, so its figures agree with the proposals it announces.
 */
export function heldShare(instance: MatchingInstanceV1, assignments: readonly ResultAssignment[]): { coverage: number; weight: number } {
  const pins = pinsWithKind(instance);
  if (pins.length === 0) return { coverage: 0, weight: 0 };
  const kindOf = new Map(pins.map((p) => [pairKey(p), p.kind]));
  const perSlot = new Map<string, number>();
  let weight = 0;
  for (const a of assignments) {
    const kind = kindOf.get(pairKey(a));
    if (!kind) continue;
    weight += a.weight;
    const slot = `${a.projectId}/${kind}`;
    perSlot.set(slot, (perSlot.get(slot) ?? 0) + 1);
  }
  let coverage = 0;
  for (const p of instance.projects) {
    for (const kind of ['teacher', 'student'] as const) coverage += Math.min(perSlot.get(`${p.id}/${kind}`) ?? 0, p.slots[kind].min);
  }
  return { coverage, weight };
}

/** The engine's objective less the pins' share: what the round (or re-match) itself achieved. */
export function ownObjective(instance: MatchingInstanceV1, result: MatchingResultV1): MatchingResultV1['objective'] {
  const held = heldShare(instance, result.assignments);
  return { coverage: result.objective.coverage - held.coverage, weight: result.objective.weight - held.weight };
}

/** The instance's pins with their expert's kind. */
export function pinsWithKind(instance: MatchingInstanceV1): ActivePair[] {
  const kindOf = new Map(instance.experts.map((e) => [e.id, e.kind]));
  return (instance.pinned ?? []).map((p) => ({ ...p, kind: kindOf.get(p.expertId)! }));
}

/**
 * The engine's certificate of a solve or re-match as the round reports it: the proven bound less the pins' share
 * (like the objective), the gap, and whether the answer is proven optimal; null when the engine gives no bound
 * (strategy stable).
 */
export function roundCertificate(instance: MatchingInstanceV1, result: MatchingResultV1): RoundCertificateV1 | null {
  const bound = result.stats.bound;
  if (!bound) return null;
  const held = heldShare(instance, result.assignments);
  return {
    bound: { coverage: bound.coverage - held.coverage, weight: bound.weight - held.weight },
    gapPct: result.stats.gapPct,
    proven: bound.coverage === result.objective.coverage && bound.weight === result.objective.weight,
  };
}
