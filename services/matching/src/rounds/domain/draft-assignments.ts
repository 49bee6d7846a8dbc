import type { AssignmentSnapshotV1, DraftAssignmentV1, ExpertProjectPair, PlacedBy } from '@civic/contracts';
import { newProposal, pairKey } from '../../shared/domain/to-assignments';

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

/** A published draft assignment: a new proposal with its deadline (hand-placed ones stay marked). */
export function proposalOf(d: DraftAssignmentV1, ctx: { roundId: string; now: Date; deadline: Date }): AssignmentSnapshotV1 {
  return newProposal(d, { ...ctx, origin: 'round' }, d.placedBy === 'hand' ? 'hand' : undefined);
}

/** What changed between two drafts: pairs added and pairs removed, each sorted by expert then project. */
export function draftDiff(before: readonly ExpertProjectPair[], after: readonly ExpertProjectPair[]): { added: ExpertProjectPair[]; removed: ExpertProjectPair[] } {
  const b = new Set(before.map(pairKey));
  const a = new Set(after.map(pairKey));
  const pair = (p: ExpertProjectPair) => ({ expertId: p.expertId, projectId: p.projectId });
  const order = (x: ExpertProjectPair, y: ExpertProjectPair) => (x.expertId < y.expertId ? -1 : x.expertId > y.expertId ? 1 : x.projectId < y.projectId ? -1 : x.projectId > y.projectId ? 1 : 0);
  return {
    added: after.filter((p) => !b.has(pairKey(p))).map(pair).sort(order),
    removed: before.filter((p) => !a.has(pairKey(p))).map(pair).sort(order),
  };
}
