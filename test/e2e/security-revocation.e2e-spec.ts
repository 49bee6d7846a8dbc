import { plainFetch, ServiceStack, testInfrastructure, uniqueRunId } from '@civic/testing';
import { runRevoke } from '../../tools/revoke/revoke';

/** Revoking a token, or every token of a subject, with `npm run revoke`, against two real services sharing Redis. */
describe('security: revoked tokens', () => {
  let stack: ServiceStack;
  let redisUrl: string;
  const subject = uniqueRunId('revoked-admin');

  beforeAll(async () => {
    stack = await ServiceStack.start({ names: ['project-registry', 'reporting'] });
    redisUrl = (await testInfrastructure()).redisUrl;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const status = async (service: 'project-registry' | 'reporting', token: string) => {
    const res = await plainFetch(`${stack.service(service).url}/${service === 'reporting' ? 'rounds' : 'projects'}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } }, challenge: res.headers.get('www-authenticate') };
  };
  const revoke = async (...argv: string[]) => {
    const out: string[] = [];
    // The tool writes in the stack's Redis namespace, as an operator of that deployment would set it.
    const code = await runRevoke(argv, { REDIS_URL: redisUrl, REDIS_NAMESPACE: stack.service('reporting').env.REDIS_NAMESPACE }, { out: (s) => out.push(s), err: (s) => out.push(s) });
    return { code, out: out.join('\n') };
  };

  it('refuses a revoked token on every service, and nothing else of its subject', async () => {
    const token = await stack.token('admin', { subject });
    const sibling = await stack.token('admin', { subject });
    expect((await status('project-registry', token)).status).toBe(200);

    const revoked = await revoke('--token', token);
    expect(revoked).toMatchObject({ code: 0, out: expect.stringMatching(/^revoked token /) });
    for (const service of ['project-registry', 'reporting'] as const) {
      const res = await status(service, token);
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 'unauthenticated', message: 'the bearer token has been revoked' });
      expect(res.challenge).toBe('Bearer realm="civic-match", error="invalid_token"');
    }
    expect((await status('reporting', sibling)).status).toBe(200);
  });

  it('revokes every token of a subject issued until now; one issued after works', async () => {
    const before = await stack.token('admin', { subject });
    expect(await revoke('--sub', subject)).toMatchObject({ code: 0 });
    expect((await status('project-registry', before)).status).toBe(401);
    // `iat` counts whole seconds: a token issued in the same second counts as issued before.
    await new Promise((r) => setTimeout(r, 1100));
    const after = await stack.token('admin', { subject });
    expect((await status('project-registry', after)).status).toBe(200);
  });

  it('ends an open event stream once its token is revoked, saying so in a last event', async () => {
    const token = await stack.token('service', { subject: uniqueRunId('revoked-feed') });
    const res = await plainFetch(`${stack.service('reporting').url}/events/stream?types=round.started`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const text = res.text(); // resolves only when the server ends the stream
    await revoke('--token', token);
    const messages = (await text).split('\n\n').filter((m) => m.includes('event: '));
    expect(messages.at(-1)).toMatch(/^event: token-revoked\ndata: \{"message":"the bearer token has been revoked/);
  });

  it('explains a bad command and exits 2', async () => {
    expect(await revoke('--jti', 'x')).toMatchObject({ code: 2, out: expect.stringContaining('--jti needs --exp') });
    expect(await revoke('--token', 'not-a-jwt')).toMatchObject({ code: 2, out: expect.stringContaining('--token is not a JWT') });
    expect(await revoke('--sub', 'a', '--jti', 'b')).toMatchObject({ code: 2, out: expect.stringContaining('exactly one') });
  });
});
