import type { Principal } from '@civic/auth';
import { COORDINATOR_EVENTS, DomainError } from '@civic/contracts';

/**
 * Event types the feed serves to administrators only: `coordinators.set` carries coordinators' names and email
 * addresses, which dashboards and warehouses (the `service` role) have no use for. Their rows are skipped for other
 * callers (the cursor still moves past them), and asking for them by type is a 403.
 */
export const ADMIN_ONLY_FEED_TYPES: readonly string[] = [COORDINATOR_EVENTS.set];

/** The types this caller may not read, or null when it may read every type. */
export function hiddenFeedTypes(principal: Principal | undefined): readonly string[] | null {
  return principal?.role === 'admin' ? null : ADMIN_ONLY_FEED_TYPES;
}

/** Refuses a type filter that names a type this caller may not read. */
export function checkFeedTypes(types: readonly string[] | undefined, hidden: readonly string[] | null): void {
  const refused = (types ?? []).filter((t) => hidden?.includes(t));
  if (refused.length) {
    throw new DomainError('forbidden', `${refused.join(', ')} events are served to administrators only`, [
      { field: 'types', rule: 'admin_only', message: `${refused.join(', ')} events are served to administrators only` },
    ]);
  }
}
