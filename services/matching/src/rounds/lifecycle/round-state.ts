import { HttpStatus } from '@nestjs/common';
import { ERROR_CODES } from '@civic/contracts';
import { ApiError } from '@civic/platform';
import { transitionOf, type RoundAction, type RoundTransition } from '../domain/round-lifecycle';
import type { RoundRecord } from '../domain/round.record';

/** The transition or the 409 that names the round's state. */
export function requireTransition(round: RoundRecord, action: RoundAction): RoundTransition {
  const t = transitionOf(round, action);
  if (!t.ok) throw new ApiError(HttpStatus.CONFLICT, t.refusal.code, t.refusal.message, [{ field: 'status', rule: action, message: t.refusal.message }]);
  return t.transition;
}

/** 409 when the request was made against another revision than the round's (optimistic concurrency). */
export function requireRevision(round: RoundRecord, expected: number | undefined): void {
  if (expected === undefined || expected === round.revision) return;
  const message = `round ${round.id} is at revision ${round.revision}, the request was made at revision ${expected}: read it again and retry`;
  throw new ApiError(HttpStatus.CONFLICT, ERROR_CODES.staleRevision, message, [{ field: 'revision', rule: 'current', message }]);
}
