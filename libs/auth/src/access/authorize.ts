import type { Principal } from '../roles';
import type { AccessRule, RecordOwnership } from './access-rule';

/** The parts of a request a rule looks at. */
export interface AccessRequest {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

/** Reads the university of a stored record; null when there is no such record. */
export type OwnerLookup = (record: RecordOwnership, id: string) => Promise<string | null>;

/** The outcome: allowed (possibly with the query narrowed to the caller's university), or refused with a status. */
export type AccessDecision =
  | { allowed: true; query?: Record<string, unknown> }
  | { allowed: false; status: 403 | 404; message: string };

/**
 * Decides whether `principal` may make `request` under `rule`. A coordinator's checks, in order: the path's
 * university, the query's university, the stored record's university (each 404 when another), then the body's
 * university (403 when another: the caller asked to write for a university they do not coordinate).
 */
export async function decideAccess(rule: AccessRule, principal: Principal, request: AccessRequest, lookup: OwnerLookup): Promise<AccessDecision> {
  if (!rule.roles.includes(principal.role)) {
    return { allowed: false, status: 403, message: `the ${principal.role} role may not do this` };
  }
  const scope = rule.coordinator;
  if (principal.role !== 'coordinator' || !scope) return { allowed: true };
  const own = principal.universityId;
  if (!own) return { allowed: false, status: 403, message: 'a coordinator token must name a university' };

  if (scope.path) {
    const value = String(request.params[scope.path] ?? '');
    if (value !== own) return { allowed: false, status: 404, message: `university ${value} does not exist` };
  }
  let query: Record<string, unknown> | undefined;
  if (scope.query) {
    const value = request.query[scope.query];
    if (value === undefined || value === '') query = { ...request.query, [scope.query]: own };
    else if (value !== own) return { allowed: false, status: 404, message: `university ${String(value)} does not exist` };
  }
  if (scope.record) {
    const id = String(request.params[scope.record.param] ?? '');
    const owner = id ? await lookup(scope.record, id) : null;
    if (owner !== own) return { allowed: false, status: 404, message: `${scope.record.noun ?? scope.record.table} ${id} does not exist` };
  }
  if (scope.body && request.body !== null && typeof request.body === 'object' && !Array.isArray(request.body)) {
    const body = request.body as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(body, scope.body) && body[scope.body] !== own) {
      return { allowed: false, status: 403, message: `you coordinate ${own}: ${scope.body} must be ${own}` };
    }
  }
  return query ? { allowed: true, query } : { allowed: true };
}
