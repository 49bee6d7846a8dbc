/** What an administrator did to a round (matching's `GET /rounds/{id}/audit` lists them, oldest first). */
export const ROUND_AUDIT_ACTIONS = ['edit', 'publish', 'cancel', 'withdraw'] as const;
export type RoundAuditAction = (typeof ROUND_AUDIT_ACTIONS)[number];

/** One audited action on a round: who (the token's subject), when, what, why. */
export interface RoundAuditEntry {
  action: RoundAuditAction;
  /** The round's revision after the action. */
  revision: number;
  actor: string;
  reason: string | null;
  /**
   * edit: edits, added, removed; publish: changes, resolved, added, removed, proposed; cancel: fromStatus, phase;
   * withdraw: includeAccepted, withdrawn, kept.
   */
  detail: Record<string, unknown>;
  at: string;
}
