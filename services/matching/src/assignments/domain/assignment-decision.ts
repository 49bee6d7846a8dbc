import { ERROR_CODES, type AssignmentStatus, type DeclineReason } from '@civic/contracts';

/** What a coordinator (or the deadline) does to a proposal. */
export type AssignmentDecision =
  | { kind: 'accept' }
  | { kind: 'decline'; reason: DeclineReason; note: string | null }
  | { kind: 'expire' };

/** Why a decision was refused. */
export type DecisionRefusal = typeof ERROR_CODES.alreadyDecided | typeof ERROR_CODES.proposalExpired;

/** The state change a decision makes, or nothing when it repeats the decision already taken. */
export type DecisionOutcome =
  | { ok: true; change: { status: AssignmentStatus; declineReason: DeclineReason | null; declineNote: string | null } | null }
  | { ok: false; refusal: DecisionRefusal; status: AssignmentStatus };

const TARGET: Record<AssignmentDecision['kind'], AssignmentStatus> = { accept: 'accepted', decline: 'declined', expire: 'expired' };

/**
 * The assignment life cycle: only a proposal changes (to accepted, declined or expired), and only before its
 * deadline unless the change is the expiry itself. Repeating the decision already taken is a no-op, so a retried
 * request is safe.
 */
export function decide(current: { status: AssignmentStatus; deadline: Date }, decision: AssignmentDecision, now: Date): DecisionOutcome {
  const target = TARGET[decision.kind];
  if (current.status !== 'proposed') {
    return current.status === target ? { ok: true, change: null } : { ok: false, refusal: ERROR_CODES.alreadyDecided, status: current.status };
  }
  if (decision.kind !== 'expire' && current.deadline.getTime() <= now.getTime()) {
    return { ok: false, refusal: ERROR_CODES.proposalExpired, status: current.status };
  }
  return {
    ok: true,
    change: {
      status: target,
      declineReason: decision.kind === 'decline' ? decision.reason : null,
      declineNote: decision.kind === 'decline' ? decision.note : null,
    },
  };
}
