import { randomUUID } from 'node:crypto';
import type { AssignmentSnapshotV1, DraftAssignmentV1, ExpertProjectPair, PlacedBy } from '@civic/contracts';

/** The draft form of an engine proposal: what it would propose, and who placed it. */
export function draftOf(p: AssignmentSnapshotV1, placedBy: PlacedBy): DraftAssignmentV1 {
  return {
    expertId: p.expertId,
    expertKind: p.expertKind,
    universityId: p.universityId,
    collegeId: p.collegeId,
    discipline: p.discipline,
    projectId: p.projectId,
    ...(p.leadUniversityId ? { leadUniversityId: p.leadUniversityId } : {}),
    districtId: p.districtId,
    issueType: p.issueType,
    weight: p.weight,
    explanation: p.explanation,
    placedBy,
  };
}

/** A published draft assignment: a new proposal with its deadline. */
export function proposalOf(d: DraftAssignmentV1, ctx: { roundId: string; now: Date; deadline: Date }): AssignmentSnapshotV1 {
  return {
    assignmentId: randomUUID(),
    roundId: ctx.roundId,
    expertId: d.expertId,
    expertKind: d.expertKind,
    universityId: d.universityId,
    collegeId: d.collegeId,
    discipline: d.discipline,
    projectId: d.projectId,
    ...(d.leadUniversityId ? { leadUniversityId: d.leadUniversityId } : {}),
    districtId: d.districtId,
    issueType: d.issueType,
    weight: d.weight,
    explanation: d.explanation,
    origin: 'round',
    status: 'proposed',
    deadline: ctx.deadline.toISOString(),
    proposedAt: ctx.now.toISOString(),
    decidedAt: null,
    declineReason: null,
    declineNote: null,
    ...(d.placedBy === 'hand' ? { placedBy: d.placedBy } : {}),
    revision: 1,
  };
}

const key = (p: ExpertProjectPair) => `${p.expertId}\u0000${p.projectId}`;

/** What changed between two drafts: pairs added and pairs removed, each sorted by expert then project. */
export function draftDiff(before: readonly ExpertProjectPair[], after: readonly ExpertProjectPair[]): { added: ExpertProjectPair[]; removed: ExpertProjectPair[] } {
  const b = new Set(before.map(key));
  const a = new Set(after.map(key));
  const pair = (p: ExpertProjectPair) => ({ expertId: p.expertId, projectId: p.projectId });
  const order = (x: ExpertProjectPair, y: ExpertProjectPair) => (x.expertId < y.expertId ? -1 : x.expertId > y.expertId ? 1 : x.projectId < y.projectId ? -1 : x.projectId > y.projectId ? 1 : 0);
  return {
    added: after.filter((p) => !b.has(key(p))).map(pair).sort(order),
    removed: before.filter((p) => !a.has(key(p))).map(pair).sort(order),
  };
}
