import {
  ASSIGNMENT_EVENTS,
  AssignmentSnapshotV1,
  AssignmentStatus,
  ROUND_EVENTS,
  RoundCompletedPayloadV1,
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
};

const BY_STATUS: Record<AssignmentStatus, string> = {
  proposed: ASSIGNMENT_EVENTS.proposed,
  accepted: ASSIGNMENT_EVENTS.accepted,
  declined: ASSIGNMENT_EVENTS.declined,
  expired: ASSIGNMENT_EVENTS.expired,
};

/** The event announcing an assignment's current status (proposed, accepted, declined or expired). */
export function assignmentEvent(a: AssignmentSnapshotV1): EventDraft {
  return { type: BY_STATUS[a.status], key: a.assignmentId, payload: a };
}
