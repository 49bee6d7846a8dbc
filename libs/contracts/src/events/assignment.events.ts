import type { EventEnvelope } from '../envelope';
import type { AssignmentExplanation, ExpertKind } from '../matching/matching-instance.v1';
import { TOPICS } from '../topics';

/** Who placed an assignment: the engine, or an administrator's pin or move in a draft. */
export type PlacedBy = 'engine' | 'hand';
export const PLACED_BY: readonly PlacedBy[] = ['engine', 'hand'];

/**
 * proposed -> accepted | declined | expired; a round's withdrawal takes a proposal (or, if asked, an accepted
 * assignment) to withdrawn.
 */
export type AssignmentStatus = 'proposed' | 'accepted' | 'declined' | 'expired' | 'withdrawn';
export const ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['proposed', 'accepted', 'declined', 'expired', 'withdrawn'];

/** Why a coordinator declined a proposal. */
export type DeclineReason = 'schedule_conflict' | 'expertise_mismatch' | 'too_far' | 'unavailable' | 'other';
export const DECLINE_REASONS: readonly DeclineReason[] = ['schedule_conflict', 'expertise_mismatch', 'too_far', 'unavailable', 'other'];

/** Whether the round's solve or a later re-match proposed the assignment. */
export type AssignmentOrigin = 'round' | 'rematch';

/** The full state of one assignment after a change: consumers keep the highest revision. */
export interface AssignmentSnapshotV1 {
  assignmentId: string;
  roundId: string;
  expertId: string;
  expertKind: ExpertKind;
  universityId: string;
  collegeId: string;
  /** The expert's primary discipline. */
  discipline: string;
  projectId: string;
  /**
   * The university leading the project's team when the assignment was proposed (under `one-university` every
   * member's; under `mixed` the one with the most members). Absent in events before team policies.
   */
  leadUniversityId?: string;
  districtId: string;
  /** The project's primary issue type. */
  issueType: string;
  weight: number;
  explanation: AssignmentExplanation;
  origin: AssignmentOrigin;
  status: AssignmentStatus;
  /** When an unanswered proposal expires (ISO-8601). */
  deadline: string;
  proposedAt: string;
  /** When it was accepted, declined or expired; null while proposed. */
  decidedAt: string | null;
  declineReason: DeclineReason | null;
  declineNote: string | null;
  /** Why the administrator withdrew it (status withdrawn); absent otherwise. */
  withdrawReason?: string;
  /** Who placed it: the engine, or an administrator editing the draft (absent before drafts: engine). */
  placedBy?: PlacedBy;
  revision: number;
}

export const ASSIGNMENT_EVENTS = {
  proposed: 'assignment.proposed',
  accepted: 'assignment.accepted',
  declined: 'assignment.declined',
  expired: 'assignment.expired',
  withdrawn: 'assignment.withdrawn',
} as const;

export type AssignmentProposedV1 = EventEnvelope<typeof ASSIGNMENT_EVENTS.proposed, AssignmentSnapshotV1>;
export type AssignmentAcceptedV1 = EventEnvelope<typeof ASSIGNMENT_EVENTS.accepted, AssignmentSnapshotV1>;
export type AssignmentDeclinedV1 = EventEnvelope<typeof ASSIGNMENT_EVENTS.declined, AssignmentSnapshotV1>;
export type AssignmentExpiredV1 = EventEnvelope<typeof ASSIGNMENT_EVENTS.expired, AssignmentSnapshotV1>;
export type AssignmentWithdrawnV1 = EventEnvelope<typeof ASSIGNMENT_EVENTS.withdrawn, AssignmentSnapshotV1>;
export type AssignmentEventV1 = AssignmentProposedV1 | AssignmentAcceptedV1 | AssignmentDeclinedV1 | AssignmentExpiredV1 | AssignmentWithdrawnV1;

export const ASSIGNMENT_TOPIC = TOPICS.assignments;
