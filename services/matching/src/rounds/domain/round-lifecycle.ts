import { ERROR_CODES, ROUND_EVENTS, type ErrorCode, type RoundPhase, type RoundStatus } from '@civic/contracts';

/** What an administrator (or the runner) does to a round. */
export type RoundAction = 'solve' | 'solveAndPublish' | 'fail' | 'publish' | 'edit' | 'cancel' | 'withdraw';

/** One allowed transition of the round's life and the event that announces it. */
export interface RoundTransition {
  from: RoundStatus;
  action: RoundAction;
  to: RoundStatus;
  event: string;
}

/** The round's life as data: docs/events.md draws the same table, and every service checks against it. */
export const ROUND_TRANSITIONS: readonly RoundTransition[] = [
  { from: 'running', action: 'solve', to: 'draft', event: ROUND_EVENTS.drafted },
  { from: 'running', action: 'solveAndPublish', to: 'completed', event: ROUND_EVENTS.completed },
  { from: 'running', action: 'fail', to: 'failed', event: ROUND_EVENTS.failed },
  { from: 'running', action: 'cancel', to: 'cancelled', event: ROUND_EVENTS.cancelled },
  { from: 'draft', action: 'edit', to: 'draft', event: ROUND_EVENTS.edited },
  { from: 'draft', action: 'publish', to: 'completed', event: ROUND_EVENTS.published },
  { from: 'draft', action: 'cancel', to: 'cancelled', event: ROUND_EVENTS.cancelled },
  { from: 'completed', action: 'withdraw', to: 'withdrawn', event: ROUND_EVENTS.withdrawn },
];

/** Why an action is refused in a status: the error code and a message in the administrator's words. */
export interface Refusal {
  code: ErrorCode;
  message: string;
}

const REFUSAL_CODE: Partial<Record<RoundAction, ErrorCode>> = {
  publish: ERROR_CODES.roundNotDraft,
  edit: ERROR_CODES.roundNotDraft,
  cancel: ERROR_CODES.roundNotCancellable,
  withdraw: ERROR_CODES.roundNotPublished,
};

const STATE_WORDS: Record<RoundStatus, string> = {
  running: 'is still running',
  draft: 'is a draft (not published)',
  completed: 'is already published',
  failed: 'failed',
  cancelled: 'was cancelled',
  withdrawn: 'was withdrawn',
};

/**
 * The transition `action` takes from `round`'s state, or the refusal (409) naming the state. A dry run is never a
 * draft and never published: it can only be cancelled while it runs. A running round whose results are stored
 * (phase publishing or done) can no longer be cancelled.
 */
export function transitionOf(
  round: { id: string; status: RoundStatus; dryRun: boolean; phase: RoundPhase },
  action: RoundAction,
): { ok: true; transition: RoundTransition } | { ok: false; refusal: Refusal } {
  const t = ROUND_TRANSITIONS.find((x) => x.from === round.status && x.action === action);
  const code = REFUSAL_CODE[action] ?? ERROR_CODES.conflict;
  if (t && round.dryRun && action === 'withdraw') {
    return { ok: false, refusal: { code, message: `round ${round.id} is a dry run: it proposed nothing, so there is nothing to withdraw` } };
  }
  if (t && action === 'cancel' && round.status === 'running' && (round.phase === 'publishing' || round.phase === 'done')) {
    return { ok: false, refusal: { code, message: `round ${round.id} has stored its results (phase ${round.phase}); withdraw it once it is published` } };
  }
  if (t) return { ok: true, transition: t };
  return { ok: false, refusal: { code, message: `round ${round.id} ${STATE_WORDS[round.status]}: cannot ${action} it` } };
}
