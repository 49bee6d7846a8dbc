/**
 * The authorization matrix, as data: for every route of every service, the status each kind of caller gets.
 * `coordinator` is fdu's coordinator acting on fdu's records (its own university); `otherCoordinator` is tongji's
 * coordinator acting on the same fdu records. The e2e suite sends one real request per cell and checks the status;
 * another test fails when a route of the OpenAPI documents has no row here. docs/security.md states the same model.
 */
import type { ServiceName } from '@civic/testing';
import { expertBody, projectBody, SecurityFixtures } from './fixtures';

export const CALLERS = ['anonymous', 'forged', 'expired', 'admin', 'service', 'coordinator', 'otherCoordinator'] as const;
export type Caller = (typeof CALLERS)[number];

/** A request a cell sends: path (with query) and body. */
export interface CellRequest {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** A server-sent-events stream: only the response head is read. */
  stream?: boolean;
}

export interface MatrixRow {
  service: ServiceName;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** The OpenAPI path template. */
  path: string;
  /** Whose record the request names, when that matters. */
  ownership?: string;
  expect: Record<Caller, number>;
  request: (f: SecurityFixtures, caller: Caller) => CellRequest;
  /** Routes the OpenAPI documents leave out on purpose (the Prometheus scrape endpoint). */
  notInOpenApi?: boolean;
}

const UNAUTHENTICATED = { anonymous: 401, forged: 401, expired: 401 } as const;
type Authenticated = Record<'admin' | 'service' | 'coordinator' | 'otherCoordinator', number>;

function row(service: ServiceName, method: MatrixRow['method'], path: string, expect: Authenticated, request: MatrixRow['request'], extra: Partial<MatrixRow> = {}): MatrixRow {
  return { service, method, path, expect: { ...UNAUTHENTICATED, ...expect }, request, ...extra };
}

const ADMIN_ONLY = (ok: number): Authenticated => ({ admin: ok, service: 403, coordinator: 403, otherCoordinator: 403 });
const ADMIN_AND_SERVICE = (ok: number): Authenticated => ({ admin: ok, service: ok, coordinator: 403, otherCoordinator: 403 });
const ADMIN_AND_COORDINATORS = (ok: number): Authenticated => ({ admin: ok, service: 403, coordinator: ok, otherCoordinator: ok });
const EVERY_ROLE = (ok: number): Authenticated => ({ admin: ok, service: ok, coordinator: ok, otherCoordinator: ok });
/** fdu's record: its coordinator and administrators reach it; tongji's coordinator gets the 404 of a record that does not exist. */
const OWN_UNIVERSITY = (ok: number): Authenticated => ({ admin: ok, service: 403, coordinator: ok, otherCoordinator: 404 });

const SERVICES: ServiceName[] = ['project-registry', 'expert-pool', 'matching', 'reporting', 'notifications'];
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

export const AUTHORIZATION_MATRIX: MatrixRow[] = [
  // Every service: the three health probes are open, metrics are for administrators and scrapers (service role).
  ...SERVICES.flatMap((s) =>
    ['/health', '/health/live', '/health/ready'].map((path) =>
      row(s, 'GET', path, EVERY_ROLE(200), () => ({ path }), { expect: { anonymous: 200, forged: 200, expired: 200, ...EVERY_ROLE(200) } }),
    ),
  ),
  ...SERVICES.map((s) => row(s, 'GET', '/metrics', ADMIN_AND_SERVICE(200), () => ({ path: '/metrics' }), { notInOpenApi: true })),
  // Every service: its consumer's dead letters are for administrators (the matrix names one that does not exist).
  ...SERVICES.flatMap((s) => [
    row(s, 'GET', '/admin/dead-letters', ADMIN_ONLY(200), () => ({ path: '/admin/dead-letters?status=dead' })),
    row(s, 'GET', '/admin/dead-letters/{id}', ADMIN_ONLY(404), () => ({ path: `/admin/dead-letters/${NO_SUCH_ID}` })),
    row(s, 'POST', '/admin/dead-letters/{id}/replay', ADMIN_ONLY(404), () => ({ path: `/admin/dead-letters/${NO_SUCH_ID}/replay` })),
  ]),

  // project-registry: administrators manage projects; coordinators read them (to name preferences, to weigh proposals).
  row('project-registry', 'POST', '/projects', ADMIN_ONLY(201), () => ({ path: '/projects', body: projectBody() })),
  row('project-registry', 'GET', '/projects', ADMIN_AND_COORDINATORS(200), () => ({ path: '/projects?districtId=huangpu' })),
  row('project-registry', 'GET', '/projects/{id}', ADMIN_AND_COORDINATORS(200), (f) => ({ path: `/projects/${f.project}` })),
  row('project-registry', 'PATCH', '/projects/{id}', ADMIN_ONLY(200), (f) => ({ path: `/projects/${f.project}`, body: { nameEn: `renamed ${Date.now()}` } })),
  row('project-registry', 'POST', '/projects/{id}/withdraw', ADMIN_ONLY(200), (f) => ({ path: `/projects/${f.projectToWithdraw}/withdraw` })),
  row('project-registry', 'POST', '/projects/imports', ADMIN_ONLY(202), () => ({ path: '/projects/imports', body: { rows: [projectBody()] } })),
  row('project-registry', 'GET', '/projects/imports/{id}', ADMIN_ONLY(200), (f) => ({ path: `/projects/imports/${f.projectImportId}` })),

  // expert-pool: coordinators manage their own university's experts; the catalogue is reference data for every role.
  row(
    'expert-pool',
    'POST',
    '/experts',
    { admin: 201, service: 403, coordinator: 201, otherCoordinator: 403 },
    () => ({ path: '/experts', body: expertBody('fdu') }),
    { ownership: 'body names fdu (tongji\'s coordinator may not write for fdu: 403)' },
  ),
  row('expert-pool', 'GET', '/experts', OWN_UNIVERSITY(200), () => ({ path: '/experts?universityId=fdu' }), { ownership: 'filter names fdu' }),
  row('expert-pool', 'GET', '/experts/{id}', OWN_UNIVERSITY(200), (f) => ({ path: `/experts/${f.fduExpert}` }), { ownership: "fdu's expert" }),
  // Each caller asks for a different change, so each allowed one really changes something (and is audited).
  row('expert-pool', 'PATCH', '/experts/{id}', OWN_UNIVERSITY(200), (f, c) => ({ path: `/experts/${f.fduExpert}`, body: { availability: c === 'admin' ? 'weekends' : 'evenings' } }), {
    ownership: "fdu's expert",
  }),
  row('expert-pool', 'POST', '/experts/imports', ADMIN_ONLY(202), () => ({ path: '/experts/imports', body: { rows: [expertBody('fdu')] } })),
  row('expert-pool', 'GET', '/experts/imports/{id}', ADMIN_ONLY(200), (f) => ({ path: `/experts/imports/${f.expertImportId}` })),
  row('expert-pool', 'GET', '/catalogue/universities', EVERY_ROLE(200), () => ({ path: '/catalogue/universities' })),
  row('expert-pool', 'GET', '/catalogue/universities/{id}/colleges', EVERY_ROLE(200), () => ({ path: '/catalogue/universities/fdu/colleges' })),
  row('expert-pool', 'GET', '/catalogue/disciplines', EVERY_ROLE(200), () => ({ path: '/catalogue/disciplines' })),
  row('expert-pool', 'GET', '/known-projects/summary', ADMIN_ONLY(200), () => ({ path: '/known-projects/summary' })),
  // Coordinators' addresses are personal data and decide who gets mail: administrators only.
  row('expert-pool', 'GET', '/coordinators', ADMIN_ONLY(200), () => ({ path: '/coordinators' })),
  row('expert-pool', 'PUT', '/universities/{universityId}/coordinators', ADMIN_ONLY(200), () => ({
    path: '/universities/fdu/coordinators',
    body: { coordinators: [{ email: 'fdu-matrix@example.org', name: 'Matrix (synthetic)', language: 'en' }] },
  })),

  // matching: rounds are the administrators'; coordinators see and answer their own university's proposals.
  row('matching', 'POST', '/rounds', ADMIN_ONLY(202), () => ({
    path: '/rounds',
    body: { strategy: 'stable', dryRun: true, scope: { districtIds: ['huangpu'] }, options: { maxDistanceKm: null } },
  })),
  row('matching', 'GET', '/rounds', ADMIN_ONLY(200), () => ({ path: '/rounds' })),
  row('matching', 'GET', '/rounds/{id}', ADMIN_ONLY(200), (f) => ({ path: `/rounds/${f.roundId}` })),
  row('matching', 'GET', '/rounds/{id}/assignments', ADMIN_ONLY(200), (f) => ({ path: `/rounds/${f.roundId}/assignments` })),
  row('matching', 'GET', '/read-model/summary', ADMIN_ONLY(200), () => ({ path: '/read-model/summary' })),
  // The round lifecycle is the administrators' (coordinators see only what was published to their university).
  row('matching', 'POST', '/rounds/preflight', ADMIN_ONLY(200), () => ({ path: '/rounds/preflight', body: { scope: { districtIds: ['huangpu'] } } })),
  row('matching', 'GET', '/rounds/{id}/diagnosis', ADMIN_ONLY(200), (f) => ({ path: `/rounds/${f.roundId}/diagnosis` })),
  row('matching', 'GET', '/rounds/{id}/draft', ADMIN_ONLY(200), (f) => ({ path: `/rounds/${f.roundId}/draft` })),
  row('matching', 'GET', '/rounds/{id}/audit', ADMIN_ONLY(200), (f) => ({ path: `/rounds/${f.roundId}/audit` })),
  // The mutations name a round that does not exist: administrators get its 404, nothing changes.
  row('matching', 'POST', '/rounds/{id}/edits', ADMIN_ONLY(404), () => ({
    path: `/rounds/${NO_SUCH_ID}/edits`,
    body: { revision: 1, reason: 'matrix', edits: [{ op: 'remove', expertId: 'T000001', projectId: 'P00001' }] },
  })),
  row('matching', 'POST', '/rounds/{id}/publish', ADMIN_ONLY(404), () => ({ path: `/rounds/${NO_SUCH_ID}/publish`, body: {} })),
  row('matching', 'POST', '/rounds/{id}/cancel', ADMIN_ONLY(404), () => ({ path: `/rounds/${NO_SUCH_ID}/cancel`, body: {} })),
  row('matching', 'POST', '/rounds/{id}/withdraw', ADMIN_ONLY(404), () => ({ path: `/rounds/${NO_SUCH_ID}/withdraw`, body: { reason: 'matrix' } })),
  row('matching', 'GET', '/universities/{universityId}/assignments', OWN_UNIVERSITY(200), (f) => ({ path: `/universities/fdu/assignments?roundId=${f.roundId}` }), {
    ownership: "fdu's assignments",
  }),
  row(
    'matching',
    'POST',
    '/universities/{universityId}/assignments/{assignmentId}/accept',
    OWN_UNIVERSITY(200),
    (f) => ({ path: `/universities/fdu/assignments/${f.fduAssignments[0]}/accept` }),
    { ownership: "a proposal to fdu's expert" },
  ),
  row(
    'matching',
    'POST',
    '/universities/{universityId}/assignments/{assignmentId}/decline',
    OWN_UNIVERSITY(200),
    // Administrators and the coordinator decline different proposals: each decline is a real change.
    (f, c) => ({ path: `/universities/fdu/assignments/${f.fduAssignments[c === 'admin' ? 1 : 2]}/decline`, body: { reason: 'schedule_conflict', note: 'matrix' } }),
    { ownership: "a proposal to fdu's expert" },
  ),

  // Team answers (one-university rounds): the fixture round has mixed teams, so the callers let in get its 409.
  row(
    'matching',
    'POST',
    '/universities/{universityId}/rounds/{roundId}/projects/{projectId}/accept',
    OWN_UNIVERSITY(409),
    (f) => ({ path: `/universities/fdu/rounds/${f.roundId}/projects/${f.project}/accept` }),
    { ownership: "fdu's team on a project" },
  ),
  row(
    'matching',
    'POST',
    '/universities/{universityId}/rounds/{roundId}/projects/{projectId}/decline',
    OWN_UNIVERSITY(409),
    (f) => ({ path: `/universities/fdu/rounds/${f.roundId}/projects/${f.project}/decline`, body: { reason: 'other', note: 'matrix' } }),
    { ownership: "fdu's team on a project" },
  ),

  // reporting: read-only, for administrators and other systems (service role).
  row('reporting', 'GET', '/rounds', ADMIN_AND_SERVICE(200), () => ({ path: '/rounds' })),
  row('reporting', 'GET', '/rounds/{id}/report', ADMIN_AND_SERVICE(200), (f) => ({ path: `/rounds/${f.roundId}/report` })),
  row('reporting', 'GET', '/rounds/{id}/report.csv', ADMIN_AND_SERVICE(200), (f) => ({ path: `/rounds/${f.roundId}/report.csv?table=summary` })),
  row('reporting', 'GET', '/rounds/{id}/assignments.csv', ADMIN_AND_SERVICE(200), (f) => ({ path: `/rounds/${f.roundId}/assignments.csv` })),
  row('reporting', 'GET', '/responses', ADMIN_AND_SERVICE(200), () => ({ path: '/responses' })),
  row('reporting', 'GET', '/rounds/{id}/responses', ADMIN_AND_SERVICE(200), (f) => ({ path: `/rounds/${f.roundId}/responses` })),
  row('reporting', 'GET', '/events', ADMIN_AND_SERVICE(200), () => ({ path: '/events?limit=5' })),
  row('reporting', 'GET', '/events/stream', ADMIN_AND_SERVICE(200), () => ({ path: '/events/stream?types=round.completed', stream: true })),

  // notifications: the mail outbox (addresses, refusals) is for administrators.
  row('notifications', 'GET', '/admin/mails', ADMIN_ONLY(200), () => ({ path: '/admin/mails?status=refused' })),
];

/** `METHOD /path` of a row, as the OpenAPI coverage test names routes. */
export function routeKey(service: ServiceName, method: string, path: string): string {
  return `${service} ${method.toUpperCase()} ${path}`;
}
