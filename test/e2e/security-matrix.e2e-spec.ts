import { Client } from 'pg';
import { SERVICE_NAMES, ServiceName, ServiceStack } from '@civic/testing';
import { AUTHORIZATION_MATRIX, Caller, CALLERS, routeKey } from '../security/authorization-matrix';
import { callerHeaders, send } from '../security/callers';
import { expertBody, seedSecurityFixtures, SecurityFixtures } from '../security/fixtures';
import { openApiOperations } from '../security/openapi';

const ERROR_CODES: Record<number, string> = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 429: 'too_many_requests' };

/**
 * The authorization matrix (test/security/authorization-matrix.ts) against the five real services: one request per
 * role x route x ownership cell; every route of the OpenAPI documents must have a row; the documents' declared
 * access agrees with the matrix; coordinators never see another university's data; writes are audited.
 */
describe('security: authorization matrix', () => {
  let stack: ServiceStack;
  let f: SecurityFixtures;
  let headers: Record<Caller, string>;
  const url = (s: ServiceName) => stack.service(s).url;

  beforeAll(async () => {
    stack = await ServiceStack.start({ names: SERVICE_NAMES });
    f = await seedSecurityFixtures(stack);
    headers = await callerHeaders(stack);
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
  });

  describe.each(AUTHORIZATION_MATRIX.map((r) => ({ ...r, label: `${r.service} ${r.method} ${r.path}` })))('$label', (row) => {
    it.each(CALLERS.map((c) => [c, row.expect[c]] as const))('%s gets %i', async (caller, expected) => {
      const req = row.request(f, caller);
      const res = await send(url(row.service), row.method, req.path, { authorization: headers[caller], body: req.body, headers: req.headers, stream: req.stream });
      if (res.status !== expected) throw new Error(`${caller} ${row.method} ${req.path}: expected ${expected}, got ${res.status} ${res.text.slice(0, 300)}`);
      if (expected >= 400) {
        // A status without one fixed code (409: the route's own conflict) still answers in the one error shape.
        const code = ERROR_CODES[expected] ?? expect.any(String);
        expect(res.body).toEqual({ error: expect.objectContaining({ status: expected, code, message: expect.any(String) }), correlationId: expect.any(String) });
      }
      if (expected === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="civic-match"/);
      // Another university's record is answered exactly like a record that does not exist: no data in the body.
      if (caller === 'otherCoordinator' && expected === 404) expect(Object.keys(res.body).sort()).toEqual(['correlationId', 'error']);
    });
  });

  describe('the matrix covers the OpenAPI documents', () => {
    it('every route of every service has a row, and every row names a documented route', async () => {
      const documented = new Set<string>();
      for (const s of stack.services.keys()) for (const op of await openApiOperations(url(s))) documented.add(routeKey(s, op.method, op.path));
      const rows = new Set(AUTHORIZATION_MATRIX.filter((r) => !r.notInOpenApi).map((r) => routeKey(r.service, r.method, r.path)));
      expect([...documented].filter((k) => !rows.has(k)).sort()).toEqual([]);
      expect([...rows].filter((k) => !documented.has(k)).sort()).toEqual([]);
    });

    it('each document declares (x-civic-access) exactly the roles the matrix lets in', async () => {
      const mismatches: string[] = [];
      for (const s of stack.services.keys()) {
        for (const op of await openApiOperations(url(s))) {
          const r = AUTHORIZATION_MATRIX.find((m) => routeKey(m.service, m.method, m.path) === routeKey(s, op.method, op.path));
          if (!r) continue;
          const lets = (['admin', 'service', 'coordinator'] as const).filter((role) => r.expect[role] !== 403).sort();
          const declared = op.access.public ? ['admin', 'coordinator', 'service'] : [...(op.access.roles ?? [])].sort();
          if (JSON.stringify(lets) !== JSON.stringify(declared)) mismatches.push(`${routeKey(s, op.method, op.path)}: matrix ${lets} vs document ${declared}`);
          if (!op.access.public && !op.security?.some((x) => 'bearer' in x)) mismatches.push(`${routeKey(s, op.method, op.path)}: no bearer security requirement`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  });

  describe("coordinators see only their own university's people", () => {
    it('a coordinator listing experts without a filter gets only its own university', async () => {
      const res = await send(url('expert-pool'), 'GET', '/experts?pageSize=200', { authorization: headers.coordinator });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(new Set(res.body.items.map((e: { universityId: string }) => e.universityId))).toEqual(new Set(['fdu']));
    });

    it("a coordinator cannot reach another university's proposal through its own path either: 404", async () => {
      const res = await send(url('matching'), 'POST', `/universities/tongji/assignments/${f.fduAssignments[0]}/accept`, { authorization: headers.otherCoordinator });
      expect(res.status).toBe(404);
      const own = await send(url('matching'), 'GET', '/universities/tongji/assignments', { authorization: headers.otherCoordinator });
      expect(own.status).toBe(200);
      expect(own.body.assignments.every((a: { universityId: string }) => a.universityId === 'tongji')).toBe(true);
      expect(own.body.assignments.map((a: { assignmentId: string }) => a.assignmentId)).toContain(f.tongjiAssignment);
    });

    it("a coordinator cannot move its expert to another university, nor read or change another university's expert", async () => {
      const move = await send(url('expert-pool'), 'PATCH', `/experts/${f.fduExpert}`, { authorization: headers.coordinator, body: { universityId: 'tongji', collegeId: 'tj_law' } });
      expect(move.status).toBe(403);
      const read = await send(url('expert-pool'), 'GET', `/experts/${f.tongjiExpert}`, { authorization: headers.coordinator });
      expect(read.status).toBe(404);
      expect(read.body.error.message).toBe(`expert ${f.tongjiExpert} does not exist`);
      const still = await send(url('expert-pool'), 'GET', `/experts/${f.fduExpert}`, { authorization: headers.admin });
      expect(still.body.universityId).toBe('fdu');
    });

    it('a well-signed token naming a role outside the three, or a coordinator without a university, gets 401', async () => {
      const minter = stack.service('matching').minter!;
      for (const claims of [{ role: 'superuser' }, { role: 'coordinator' }, { role: 'coordinator', university: 'atlantis' }, {}]) {
        const res = await send(url('matching'), 'GET', '/rounds', { authorization: `Bearer ${await minter.signClaims(claims)}` });
        expect([JSON.stringify(claims), res.status]).toEqual([JSON.stringify(claims), 401]);
      }
    });
  });

  describe('defaults', () => {
    it('keeps CORS closed when no origin is configured: no browser origin is let in', async () => {
      const preflight = await send(url('project-registry'), 'OPTIONS', '/projects', {
        headers: { origin: 'https://civic.example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const simple = await send(url('project-registry'), 'GET', '/projects', { authorization: headers.admin, headers: { origin: 'https://civic.example.org' } });
      expect(simple.status).toBe(200);
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('refuses a JSON body over the 1 MB default limit with 413 in the one error shape', async () => {
      const res = await send(url('matching'), 'POST', '/rounds', { authorization: headers.admin, body: JSON.stringify({ strategy: 'optimal', pad: 'x'.repeat(1_100_000) }) });
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({ status: 413, code: 'payload_too_large' });
    });

    it('serves the OpenAPI documents outside production without a token, each declaring bearer security', async () => {
      const res = await send(url('reporting'), 'GET', '/docs/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    });
  });

  describe('audit log', () => {
    it('records who changed what and when, in the owning service, and nothing for refused requests', async () => {
      const db = new Client({ connectionString: stack.databaseUrl('expert-pool') });
      await db.connect();
      try {
        const correlationId = `audit-${stack.runId}`;
        const created = await send(url('expert-pool'), 'POST', '/experts', { authorization: headers.coordinator, body: expertBody('fdu'), headers: { 'x-correlation-id': correlationId } });
        expect(created.status).toBe(201);
        const refused = await send(url('expert-pool'), 'POST', '/experts', { authorization: headers.service, body: expertBody('fdu'), headers: { 'x-correlation-id': `${correlationId}-refused` } });
        expect(refused.status).toBe(403);
        const invalid = await send(url('expert-pool'), 'POST', '/experts', { authorization: headers.admin, body: { kind: 'teacher' }, headers: { 'x-correlation-id': `${correlationId}-invalid` } });
        expect(invalid.status).toBe(400);

        const { rows } = await db.query(`SELECT * FROM audit_entry WHERE correlation_id LIKE $1 ORDER BY id`, [`${correlationId}%`]);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          service: 'expert-pool',
          actor_subject: `${stack.runId}-coordinator-fdu`,
          actor_role: 'coordinator',
          actor_university: 'fdu',
          action: 'POST /experts',
          path: '/experts',
          correlation_id: correlationId,
        });
        expect(rows[0].occurred_at).toBeInstanceOf(Date);
        expect(rows[0].token_id).toEqual(expect.any(String));

        // The matrix's own writes were audited too: one entry per successful write, none for the refused cells.
        const { rows: matrixRows } = await db.query(`SELECT actor_role, action, target FROM audit_entry WHERE action LIKE 'PATCH %' ORDER BY id`);
        expect(matrixRows.map((r) => r.actor_role).sort()).toEqual(['admin', 'coordinator']);
        expect(matrixRows[0]).toMatchObject({ action: 'PATCH /experts/:id', target: { id: f.fduExpert } });
      } finally {
        await db.end();
      }
    });

    it("records a coordinator's answer to a proposal in matching's own database", async () => {
      const db = new Client({ connectionString: stack.databaseUrl('matching') });
      await db.connect();
      try {
        const { rows } = await db.query(`SELECT actor_role, actor_university, action, target FROM audit_entry WHERE action LIKE '%/decline' ORDER BY id`);
        expect(rows.map((r) => r.actor_role)).toEqual(['admin', 'coordinator']);
        expect(rows[1]).toMatchObject({ actor_university: 'fdu', target: { universityId: 'fdu', assignmentId: f.fduAssignments[2] } });
        // The coordinator's accept repeated the administrator's: it changed nothing, so it left no entry.
        const { rows: accepts } = await db.query(`SELECT actor_role FROM audit_entry WHERE action LIKE '%/accept'`);
        expect(accepts.map((r) => r.actor_role)).toEqual(['admin']);
      } finally {
        await db.end();
      }
    });
  });
});
