import { DomainError, ERROR_CODES } from '@civic/contracts';
import type { RoundRecord } from '../../shared/domain/round.record';
import { transitionOf, type RoundAction, type RoundTransition } from '../domain/round-lifecycle';

/** The transition, or the refusal (409) that names the round's state. */
export function requireTransition(round: RoundRecord, action: RoundAction): RoundTransition {
  const t = transitionOf(round, action);
  if (!t.ok) throw new DomainError(t.refusal.code, t.refusal.message, [{ field: 'status', rule: action, message: t.refusal.message }]);
  return t.transition;
}

/** stale_revision (409) when the request was made against another revision than the round's (optimistic concurrency). */
export function requireRevision(round: RoundRecord, expected: number | undefined): void {
  if (expected === undefined || expected === round.revision) return;
  staleRevision(`round ${round.id} is at revision ${round.revision}, the request was made at revision ${expected}: read it again and retry`);
}

/** Throws stale_revision (409) with `message`, naming the revision field. */
export function staleRevision(message: string): never {
  throw new DomainError(ERROR_CODES.staleRevision, message, [{ field: 'revision', rule: 'current', message }]);
}
