import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { exportSPKI, generateKeyPair, KeyLike, SignJWT } from 'jose';
import { Client } from 'pg';
import { signDevelopmentToken } from '@civic/auth';
import { REPO_ROOT, ServiceStack, testInfrastructure, waitFor } from '@civic/testing';
import { send } from '../security/callers';
import { projectBody } from '../security/fixtures';
import { RedisProxy } from '../security/redis-proxy';

const ISSUER = 'https://id.civic-match.test';
const AUDIENCE = 'civic-match';
const ALLOWED_ORIGIN = 'https://civic.example.org';
const LIMIT = 10;

/**
 * project-registry as it runs in production: RS256 tokens verified against configured public keys (two, as during
 * a key rotation), issuer, audience and algorithm pinned, /docs behind a token, per-caller rate limits shared by
 * replicas through Redis (and open while Redis is away), security headers, CORS for one named origin, body limits.
 */
describe('security: production mode and abuse limits', () => {
  let stack: ServiceStack;
  let registry: string;
  let proxy: RedisProxy;
  let oldKey: { publicKey: KeyLike; privateKey: KeyLike };
  let newKey: { publicKey: KeyLike; privateKey: KeyLike };
  let subjects = 0;

  /** An RS256 token from "the identity provider". */
  const rs256 = async (role: string, options: { key?: KeyLike; iss?: string; aud?: string; sub?: string; alg?: string; ttl?: number; extra?: Record<string, unknown> } = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return `Bearer ${await new SignJWT({ role, ...(options.extra ?? {}) })
      .setProtectedHeader({ alg: options.alg ?? 'RS256', typ: 'JWT' })
      .setSubject(options.sub ?? `prod-${role}-${++subjects}`)
      .setIssuer(options.iss ?? ISSUER)
      .setAudience(options.aud ?? AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.ttl ?? 300))
      .sign(options.key ?? newKey.privateKey)}`;
  };

  beforeAll(async () => {
    [oldKey, newKey] = await Promise.all([generateKeyPair('RS256'), generateKeyPair('RS256')]);
    const infra = await testInfrastructure();
    proxy = new RedisProxy(new URL(infra.redisUrl));
    await proxy.open();
    stack = await ServiceStack.start({
      names: ['project-registry'],
      env: {
        NODE_ENV: 'production',
        AUTH_HS256_SECRET: '',
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: AUDIENCE,
        AUTH_PUBLIC_KEY: `${await exportSPKI(oldKey.publicKey)}\n${await exportSPKI(newKey.publicKey)}`,
        RATE_LIMIT_MAX: String(LIMIT),
        RATE_LIMIT_ANONYMOUS_MAX: '40',
        CORS_ORIGINS: ALLOWED_ORIGIN,
        REDIS_URL: proxy.url,
      },
    });
    registry = stack.service('project-registry').url;
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await proxy?.cut();
  });

  describe('authentication', () => {
    it('accepts RS256 tokens signed with either key of a rotation', async () => {
      expect((await send(registry, 'GET', '/projects', { authorization: await rs256('admin', { key: newKey.privateKey }) })).status).toBe(200);
      expect((await send(registry, 'GET', '/projects', { authorization: await rs256('admin', { key: oldKey.privateKey }) })).status).toBe(200);
    });

    it('pins algorithm, issuer and audience: development HS256 tokens, other issuers and audiences, unknown keys are 401', async () => {
      const stranger = await generateKeyPair('RS256');
      const refused = {
        developmentToken: `Bearer ${await signDevelopmentToken({ role: 'admin' })}`,
        hs256WithProductionClaims: `Bearer ${await signDevelopmentToken({ role: 'admin', issuer: ISSUER, audience: AUDIENCE })}`,
        otherIssuer: await rs256('admin', { iss: 'https://evil.example' }),
        otherAudience: await rs256('admin', { aud: 'another-api' }),
        unknownKey: await rs256('admin', { key: stranger.privateKey }),
        rs512: await rs256('admin', { alg: 'RS512' }),
        expired: await rs256('admin', { ttl: -600 }),
      };
      for (const [name, authorization] of Object.entries(refused)) {
        const res = await send(registry, 'GET', '/projects', { authorization });
        expect([name, res.status, res.body.error.code]).toEqual([name, 401, 'unauthenticated']);
      }
    });

    it('keeps /health open, puts /docs behind a token in production, and gives /metrics to administrators and scrapers only', async () => {
      expect((await send(registry, 'GET', '/health')).status).toBe(200);
      const docs = await send(registry, 'GET', '/docs/openapi.json');
      expect(docs.status).toBe(401);
      expect(docs.body.error.code).toBe('unauthenticated');
      expect((await send(registry, 'GET', '/docs/openapi.json', { authorization: await rs256('coordinator', { extra: { university: 'fdu' } }) })).status).toBe(200);
      expect((await send(registry, 'GET', '/metrics')).status).toBe(401);
      expect((await send(registry, 'GET', '/metrics', { authorization: await rs256('coordinator', { extra: { university: 'fdu' } }) })).status).toBe(403);
      expect((await send(registry, 'GET', '/metrics', { authorization: await rs256('service') })).status).toBe(200);
    });

    it('refuses to start in production with a development secret, or with no key, and names the setting', () => {
      const main = resolve(REPO_ROOT, 'dist/services/reporting/src/main.js');
      const start = (env: Record<string, string>) =>
        spawnSync(process.execPath, ['-r', resolve(REPO_ROOT, 'tools/register-paths.js'), main], {
          env: { ...process.env, PORT: '3999', NODE_ENV: 'production', AUTH_ISSUER: ISSUER, ...env },
          encoding: 'utf8',
          timeout: 60_000,
        });
      const withSecret = start({ AUTH_HS256_SECRET: 'civic-match-development-secret-do-not-use-in-production' });
      expect(withSecret.status).toBe(78);
      expect(withSecret.stderr).toMatch(/AUTH_HS256_SECRET = "<hidden>": an HS256 secret is refused in production/);
      expect(withSecret.stderr).not.toContain('do-not-use');
      const withoutKey = start({});
      expect(withoutKey.status).toBe(78);
      expect(withoutKey.stderr).toMatch(/AUTH_JWKS_URL is missing: production needs a verification key/);
      const devIssuer = start({ AUTH_ISSUER: 'civic-match-dev', AUTH_JWKS_URL: 'https://id.example/jwks.json' });
      expect(devIssuer.status).toBe(78);
      expect(devIssuer.stderr).toMatch(/AUTH_ISSUER = "civic-match-dev": .*production identity provider/);
    });
  });

  describe('headers', () => {
    it('sets security headers on API answers and none that name the framework', async () => {
      const res = await send(registry, 'GET', '/projects', { authorization: await rs256('admin') });
      expect([res.status, res.text.slice(0, 200)]).toEqual([200, expect.any(String)]);
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    });

    it('answers CORS preflights for the configured origin only', async () => {
      const preflight = (origin: string) =>
        send(registry, 'OPTIONS', '/projects', { headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
      const allowed = await preflight(ALLOWED_ORIGIN);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      const other = await preflight('https://evil.example');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('rate limits', () => {
    it('limits each caller per window across replicas: the limit, then 429 in the one error shape with Retry-After', async () => {
      const replica = await stack.startReplica('project-registry');
      const authorization = await rs256('service', { sub: `replicated-${stack.runId}` });
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < LIMIT + 2; i++) {
        // Alternate between the two processes: they share the counter in Redis.
        last = await send(i % 2 ? replica.url : registry, 'GET', '/metrics', { authorization });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([...Array(LIMIT).fill(200), 429, 429]);
      expect(last!.body).toEqual({ error: expect.objectContaining({ status: 429, code: 'too_many_requests' }), correlationId: expect.any(String) });
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last!.headers.get('ratelimit-limit')).toBe(String(LIMIT));
      expect(last!.headers.get('ratelimit-remaining')).toBe('0');
      // Another caller has its own budget.
      expect((await send(registry, 'GET', '/metrics', { authorization: await rs256('service') })).status).toBe(200);
      await replica.stop();
    });

    it('counts requests without a valid token by address, so guessing tokens is throttled too', async () => {
      const first = await send(registry, 'GET', '/projects', { authorization: 'Bearer a.b.c' });
      expect(first.status).toBe(401);
      const remaining = Number(first.headers.get('ratelimit-remaining'));
      for (let i = 0; i < remaining; i++) expect((await send(registry, 'GET', '/projects')).status).toBe(401);
      const throttled = await send(registry, 'GET', '/projects');
      expect(throttled.status).toBe(429);
      expect(throttled.body.error.code).toBe('too_many_requests');
    });

    it('fails open while Redis is away: requests go through unlimited, and the limit is back when Redis is', async () => {
      const authorization = await rs256('service', { sub: `redis-outage-${stack.runId}` });
      for (let i = 0; i < LIMIT; i++) await send(registry, 'GET', '/metrics', { authorization });
      expect((await send(registry, 'GET', '/metrics', { authorization })).status).toBe(429);
      await proxy.cut();
      try {
        await waitFor('the service to notice Redis is gone', async () => (await send(registry, 'GET', '/health')).status === 503, { timeoutMs: 20_000, intervalMs: 200 });
        const during = [];
        for (let i = 0; i < 3; i++) during.push((await send(registry, 'GET', '/metrics', { authorization })).status);
        expect(during).toEqual([200, 200, 200]);
      } finally {
        await proxy.open();
      }
      await waitFor('Redis to be back', async () => (await send(registry, 'GET', '/health')).status === 200, { timeoutMs: 30_000, intervalMs: 200 });
      expect((await send(registry, 'GET', '/metrics', { authorization })).status).toBe(429);
    });
  });

  describe('bodies', () => {
    it('refuses bodies over the limit (413), nested too deep or carrying prototype keys (400), and writes nothing', async () => {
      const authorization = await rs256('admin');
      const db = new Client({ connectionString: stack.databaseUrl('project-registry') });
      await db.connect();
      try {
        const count = async () => (await db.query(`SELECT (SELECT count(*) FROM project)::int AS p, (SELECT count(*) FROM audit_entry)::int AS a`)).rows[0];
        const before = await count();
        const huge = await send(registry, 'POST', '/projects', { authorization, body: JSON.stringify({ ...projectBody(), name: 'x'.repeat(21 * 1024 * 1024) }) });
        expect(huge.status).toBe(413);
        expect(huge.body.error.code).toBe('payload_too_large');

        let deep: unknown = 'x';
        for (let i = 0; i < 40; i++) deep = { a: deep };
        const nested = await send(registry, 'POST', '/projects', { authorization, body: { ...projectBody(), nameEn: deep } });
        expect(nested.status).toBe(400);
        expect(nested.body.error.details[0]).toMatchObject({ rule: 'maxDepth' });

        const polluted = await send(registry, 'POST', '/projects', { authorization, body: `{"externalKey":"P-POLLUTE","__proto__":{"isAdmin":true}}` });
        expect(polluted.status).toBe(400);
        expect(polluted.body.error.details).toEqual([expect.objectContaining({ field: '__proto__', rule: 'forbiddenKey' })]);
        const nestedPollution = await send(registry, 'POST', '/projects', { authorization, body: { ...projectBody(), slots: { constructor: { prototype: { x: 1 } } } } });
        expect(nestedPollution.status).toBe(400);
        expect(nestedPollution.body.error.details[0]).toMatchObject({ field: 'slots.constructor', rule: 'forbiddenKey' });
        // PostgreSQL text cannot hold NUL: refused at the door wherever it hides, rather than failing in the database.
        const nulPath = await send(registry, 'GET', '/projects/P%0001', { authorization });
        expect([nulPath.status, nulPath.body.error.details?.[0]?.rule]).toEqual([400, 'noNul']);
        const nulJson = await send(registry, 'POST', '/projects', { authorization, body: { ...projectBody(), name: 'a\u0000b' } });
        expect([nulJson.status, nulJson.body.error.details?.[0]]).toEqual([400, expect.objectContaining({ field: 'name', rule: 'noNul' })]);
        const nulCsv = await send(registry, 'POST', '/projects/imports', { authorization, body: 'external_key\r\nP\u00001\r\n', headers: { 'content-type': 'text/csv' } });
        expect([nulCsv.status, nulCsv.body.error.details?.[0]?.rule]).toEqual([400, 'noNul']);
        expect(await count()).toEqual(before);

        // A good write in production is audited with the identity provider's subject.
        const created = await send(registry, 'POST', '/projects', { authorization: await rs256('admin', { sub: 'alice@shanghai.gov' }), body: projectBody() });
        expect(created.status).toBe(201);
        const { rows } = await db.query(`SELECT actor_subject, actor_role, action, target FROM audit_entry ORDER BY id DESC LIMIT 1`);
        expect(rows[0]).toEqual({ actor_subject: 'alice@shanghai.gov', actor_role: 'admin', action: 'POST /projects', target: {} });
      } finally {
        await db.end();
      }
    });
  });
});
