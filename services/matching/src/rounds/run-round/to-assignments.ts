import { randomUUID } from 'node:crypto';
import type { AssignmentOrigin, AssignmentSnapshotV1, MatchingInstanceV1, ResultAssignment } from '@civic/contracts';

/**
 * Turns engine assignments into new proposals, enriched with what reports group by (university, discipline,
 * district, issue type) so consumers need no other data. Pairs listed in `skip` (already active) are left out.
 */
export function toProposals(
  assignments: readonly ResultAssignment[],
  instance: MatchingInstanceV1,
  ctx: { roundId: string; origin: AssignmentOrigin; now: Date; deadline: Date; skip?: ReadonlySet<string> },
): AssignmentSnapshotV1[] {
  const experts = new Map(instance.experts.map((e) => [e.id, e]));
  const projects = new Map(instance.projects.map((p) => [p.id, p]));
  const out: AssignmentSnapshotV1[] = [];
  for (const a of assignments) {
    if (ctx.skip?.has(pairKey(a))) continue;
    const e = experts.get(a.expertId);
    const p = projects.get(a.projectId);
    if (!e || !p) throw new Error(`engine returned an unknown pair ${a.expertId} -> ${a.projectId}`);
    out.push({
      assignmentId: randomUUID(),
      roundId: ctx.roundId,
      expertId: e.id,
      expertKind: e.kind,
      universityId: e.universityId,
      collegeId: e.collegeId,
      discipline: e.disciplines[0],
      projectId: p.id,
      districtId: p.districtId,
      issueType: p.issueTypes[0],
      weight: a.weight,
      explanation: a.explanation,
      origin: ctx.origin,
      status: 'proposed',
      deadline: ctx.deadline.toISOString(),
      proposedAt: ctx.now.toISOString(),
      decidedAt: null,
      declineReason: null,
      declineNote: null,
      revision: 1,
    });
  }
  return out;
}

/** The identity of an (expert, project) pair. */
export function pairKey(p: { expertId: string; projectId: string }): string {
  return `${p.expertId}\u0000${p.projectId}`;
}
