import { DEVELOPMENT_AUTH, TokenVerifier } from '@civic/auth';
import { parseTokenArgs } from './token-args';
import { runToken } from './token';

const run = async (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runToken(argv, env, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('npm run token', () => {
  const verifier = new TokenVerifier({ key: { kind: 'hs256-secret', secret: DEVELOPMENT_AUTH.secret }, issuer: DEVELOPMENT_AUTH.issuer, audience: DEVELOPMENT_AUTH.audience });

  it('prints a coordinator token that a development service accepts', async () => {
    const { code, out } = await run(['--role', 'coordinator', '--university', 'fdu', '--ttl', '15m']);
    expect(code).toBe(0);
    const principal = await verifier.verify(out.trim());
    expect(principal).toMatchObject({ role: 'coordinator', universityId: 'fdu', subject: 'dev-coordinator-fdu' });
  });

  it('signs with the secret, issuer and audience of the environment, as the services read them', async () => {
    const env = { AUTH_HS256_SECRET: 'k'.repeat(40), AUTH_ISSUER: 'local-idp', AUTH_AUDIENCE: 'civic-local' };
    const { out } = await run(['--role', 'service', '--sub', 'etl'], env);
    const local = new TokenVerifier({ key: { kind: 'hs256-secret', secret: env.AUTH_HS256_SECRET }, issuer: 'local-idp', audience: 'civic-local' });
    await expect(local.verify(out.trim())).resolves.toMatchObject({ role: 'service', subject: 'etl' });
  });

  it('refuses to run in production, and explains bad arguments', async () => {
    expect((await run(['--role', 'admin'], { NODE_ENV: 'production' })).code).toBe(2);
    expect(parseTokenArgs(['--role', 'root'])).toEqual({ error: '--role must be admin, coordinator or service, got root' });
    expect(parseTokenArgs(['--role', 'coordinator'])).toEqual({ error: 'a coordinator token needs --university' });
    expect(parseTokenArgs(['--role', 'coordinator', '--university', 'atlantis'])).toEqual({ error: 'unknown university atlantis' });
    expect(parseTokenArgs(['--role', 'admin', '--ttl', 'forever'])).toEqual({ error: '--ttl must look like 90s, 15m, 1h or 7d, got forever' });
    expect(parseTokenArgs(['--role', 'admin', '--university', 'fdu'])).toEqual({ error: '--university is for coordinator tokens only' });
  });
});
