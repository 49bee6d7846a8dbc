import { createClient } from 'redis';
import { testInfrastructure, uniqueRunId } from '@civic/testing';
import { TestProcess } from '../../tools/browser/test-process';

/**
 * The console keeps its sessions in the real Redis: a signed-in user stays signed in across a restart of the BFF (same
 * cookie, same CSRF token), the key's TTL is the session's time left, sign-out deletes it, and with Redis unreachable
 * the console answers 503 in the one error shape instead of signing anybody in or out.
 */
describe('console sessions in Redis', () => {
  const namespace = `civic-${uniqueRunId()}`;
  const port = 16000 + Math.floor(Math.random() * 400) * 5;
  const url = `http://127.0.0.1:${port}`;
  const IDLE = 900;
  let redis: ReturnType<typeof createClient>;
  let redisUrl: string;
  let consoleApp: TestProcess | undefined;

  const startConsole = (env: Record<string, string> = {}) =>
    TestProcess.start(
      'console',
      'dist/services/console/src/main.js',
      {
        NODE_ENV: 'test',
        PORT: String(port),
        CONSOLE_PUBLIC_URL: url,
        CONSOLE_SESSION_IDLE_SECONDS: String(IDLE),
        REDIS_URL: redisUrl,
        REDIS_NAMESPACE: namespace,
        // The development sign-in: no identity provider, no service is called here.
        OIDC_ISSUER: '',
        ...env,
      },
      /^console: /m,
    );

  /** The session cookie a response sets (`civic_console=<id>`), if any. */
  const cookieOf = (res: Response) => /civic_console=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  const session = async (cookie: string) => {
    const res = await fetch(`${url}/api/session`, { headers: { cookie: `civic_console=${cookie}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as { user: { role: string; subject: string } | null; csrfToken: string };
  };

  beforeAll(async () => {
    redisUrl = (await testInfrastructure()).redisUrl;
    redis = createClient({ url: redisUrl });
    await redis.connect();
  });

  afterAll(async () => {
    await consoleApp?.stop();
    for (const key of await redis.keys(`${namespace}:*`)) await redis.del(key);
    await redis.close();
  });

  it('keeps a signed-in administrator signed in across a restart of the console, until sign-out', async () => {
    consoleApp = await startConsole();
    // An anonymous session first: the sign-in form's CSRF token comes from it.
    const first = await fetch(`${url}/api/session`);
    const anonymous = cookieOf(first)!;
    const { csrfToken: formToken } = (await first.json()) as { csrfToken: string };
    expect(await redis.ttl(`${namespace}:console:session:${anonymous}`)).toBeGreaterThan(0);

    const signIn = await fetch(`${url}/auth/dev-sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `civic_console=${anonymous}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: formToken, role: 'admin' }).toString(),
    });
    expect(signIn.status).toBe(303);
    const cookie = cookieOf(signIn)!;
    expect(cookie).not.toBe(anonymous);
    // Signing in rotated the id: the anonymous session is gone from Redis.
    expect(await redis.exists(`${namespace}:console:session:${anonymous}`)).toBe(0);
    const before = await session(cookie);
    expect(before.user).toEqual(expect.objectContaining({ role: 'admin', subject: 'dev-admin' }));
    // The key lives as long as the session has left: the idle limit here (the development token lasts 8 h).
    const ttl = await redis.ttl(`${namespace}:console:session:${cookie}`);
    expect(ttl).toBeGreaterThan(IDLE - 30);
    expect(ttl).toBeLessThanOrEqual(IDLE);

    await consoleApp.stop();
    consoleApp = await startConsole();

    const after = await session(cookie);
    expect(after.user).toEqual(before.user);
    expect(after.csrfToken).toBe(before.csrfToken);
    // A state-changing call with the same CSRF token is accepted by the new process: sign-out.
    const signOut = await fetch(`${url}/auth/sign-out`, { method: 'POST', headers: { cookie: `civic_console=${cookie}`, 'x-csrf-token': after.csrfToken } });
    expect(signOut.status).toBe(201);
    expect(await redis.exists(`${namespace}:console:session:${cookie}`)).toBe(0);
    expect((await session(cookie)).user).toBeNull();
  });

  it('answers 503 in the one error shape while the session store does not answer, and /health stays 200', async () => {
    await consoleApp?.stop();
    // Port 9 (discard) has no Redis: every session lookup fails at once (no offline queue).
    consoleApp = await startConsole({ REDIS_URL: 'redis://127.0.0.1:9' });
    const res = await fetch(`${url}/api/session`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('service_unavailable');
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });
});
