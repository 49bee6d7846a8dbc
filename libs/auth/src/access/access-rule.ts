import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Role, ROLES } from '../roles';

/**
 * How a coordinator's university bounds a route. Each named part is checked against the token's `university` claim:
 * a path, query or stored record of another university is a 404 (as if it did not exist: never its data), a body
 * that would write for another university is a 403.
 */
export interface CoordinatorScope {
  /** Route parameter naming the university (`/universities/:universityId/...`). */
  path?: string;
  /** Query filter naming the university: absent means the coordinator's own, another is 404. */
  query?: string;
  /** Body field naming the university of the record being written. */
  body?: string;
  /** The stored record a route parameter names must belong to the university (looked up in the service's own table). */
  record?: RecordOwnership;
}

/** Where a record's university is stored: `SELECT <column> FROM <table> WHERE <idColumn> = :<param>`. */
export interface RecordOwnership {
  table: string;
  param: string;
  column: string;
  /** Defaults to `id`. */
  idColumn?: string;
  /** The word the 404 uses (`expert T000001 does not exist`); defaults to the table's name. */
  noun?: string;
}

/** Who may call a route. Routes that declare nothing are for administrators only. */
export interface AccessRule {
  /** No token needed (only /health). */
  public?: boolean;
  roles: Role[];
  /** Present when coordinators may call the route bounded by their university; absent means unbounded. */
  coordinator?: CoordinatorScope;
}

export const ACCESS_RULE = 'civic:access-rule';

/** What a route that declares nothing allows: administrators only (no other way in). */
export const DEFAULT_ACCESS_RULE: AccessRule = Object.freeze({ roles: ['admin'] as Role[] }) as AccessRule;

/** The OpenAPI extension carrying each operation's rule, so the documents say who may call what. */
export const ACCESS_EXTENSION = 'x-civic-access';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** A grant: a role, or `{ coordinator: scope }` for coordinators bounded by their university. */
export type Grant = Role | { coordinator: CoordinatorScope };

/** Builds the rule `@Authorize` stores; throws at start-up on a malformed grant. */
export function accessRuleOf(grants: readonly Grant[]): AccessRule {
  const roles = new Set<Role>();
  let coordinator: CoordinatorScope | undefined;
  for (const g of grants) {
    if (typeof g === 'string') {
      if (!(ROLES as readonly string[]).includes(g)) throw new Error(`unknown role ${g}`);
      roles.add(g);
      continue;
    }
    const r = g.coordinator.record;
    if (r && ![r.table, r.column, r.idColumn ?? 'id'].every((id) => IDENTIFIER.test(id))) {
      throw new Error(`record ownership names must be lower-case SQL identifiers: ${JSON.stringify(r)}`);
    }
    roles.add('coordinator');
    coordinator = g.coordinator;
  }
  if (roles.size === 0) throw new Error('@Authorize needs at least one role');
  return coordinator ? { roles: [...roles], coordinator } : { roles: [...roles] };
}

/**
 * Who may call the decorated route (method) or every route of the controller (class; a method's own rule wins):
 * `@Authorize('admin', 'service')`, `@Authorize('admin', { coordinator: { path: 'universityId' } })`.
 * Administrators may do everything, but say so: a rule lists every role it lets in.
 */
export function Authorize(...grants: Grant[]): MethodDecorator & ClassDecorator {
  const rule = accessRuleOf(grants);
  return applyDecorators(SetMetadata(ACCESS_RULE, rule), ApiExtension(ACCESS_EXTENSION, describeRule(rule)));
}

/** No token needed: for /health only. */
export function Public(): MethodDecorator & ClassDecorator {
  const rule: AccessRule = { public: true, roles: [] };
  return applyDecorators(SetMetadata(ACCESS_RULE, rule), ApiExtension(ACCESS_EXTENSION, describeRule(rule)));
}

/** The rule as the OpenAPI extension shows it. */
export function describeRule(rule: AccessRule): Record<string, unknown> {
  if (rule.public) return { public: true };
  const scope = rule.coordinator;
  return {
    roles: rule.roles,
    ...(scope
      ? {
          coordinatorScope: {
            ...(scope.path ? { path: scope.path } : {}),
            ...(scope.query ? { query: scope.query } : {}),
            ...(scope.body ? { body: scope.body } : {}),
            ...(scope.record ? { record: `${scope.record.table}.${scope.record.column}` } : {}),
          },
        }
      : {}),
  };
}
