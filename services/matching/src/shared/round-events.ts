import {
  ASSIGNMENT_EVENTS,
  AssignmentSnapshotV1,
  AssignmentStatus,
  ROUND_EVENTS,
  RoundCancelledPayloadV1,
  RoundCompletedPayloadV1,
  RoundDraftedPayloadV1,
  RoundEditedPayloadV1,
  RoundPublishedPayloadV1,
  RoundWithdrawnPayloadV1,
  RoundFailedPayloadV1,
  RoundRematchedPayloadV1,
  RoundStartedPayloadV1,
} from '@civic/contracts';
import type { EventDraft } from '@civic/messaging';

/** Integration events of rounds and assignments, keyed by their aggregate's id so each stays in order. */
export const roundEvents = {
  started: (p: RoundStartedPayloadV1): EventDraft => ({ type: ROUND_EVENTS.started, key: p.roundId, payload: p }),
  completed: (p: RoundCompletedPayloadV1): EventDraft => ({ type: ROUND_EVENTS.completed, key: p.roundId, payload: p }),
  rematched: (p: RoundRematchedPayloadV1): EventDraft => ({ type: ROUND_EVENTS.rematched, key: p.roundId, payload: p }),
  failed: (p: RoundFailedPayloadV1): EventDraft => ({ type: ROUND_EVENTS.failed, key: p.roundId, payload: p }),
  drafted: (p: RoundDraftedPayloadV1): EventDraft => ({ type: ROUND_EVENTS.drafted, key: p.roundId, payload: p }),
  edited: (p: RoundEditedPayloadV1): EventDraft => ({ type: ROUND_EVENTS.edited, key: p.roundId, payload: p }),
  published: (p: RoundPublishedPayloadV1): EventDraft => ({ type: ROUND_EVENTS.published, key: p.roundId, payload: p }),
  cancelled: (p: RoundCancelledPayloadV1): EventDraft => ({ type: ROUND_EVENTS.cancelled, key: p.roundId, payload: p }),
  withdrawn: (p: RoundWithdrawnPayloadV1): EventDraft => ({ type: ROUND_EVENTS.withdrawn, key: p.roundId, payload: p }),
};

const BY_STATUS: Record<AssignmentStatus, string> = {
  proposed: ASSIGNMENT_EVENTS.proposed,
  accepted: ASSIGNMENT_EVENTS.accepted,
  declined: ASSIGNMENT_EVENTS.declined,
  expired: ASSIGNMENT_EVENTS.expired,
  withdrawn: ASSIGNMENT_EVENTS.withdrawn,
};

/** The event announcing an assignment's current status (proposed, accepted, declined, expired or withdrawn). */
export function assignmentEvent(a: AssignmentSnapshotV1): EventDraft {
  return { type: BY_STATUS[a.status], key: a.assignmentId, payload: a };
}
