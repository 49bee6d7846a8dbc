/* global process */
// A real OpenID provider for the browser tests (oidc-provider from the npm registry, its development login form):
// an administrator and the coordinators of two universities. Its access tokens are RS256 JWTs for the resource
// `urn:civic-match` with audience `civic-match` and the `role` / `university` claims the services read, so the
// services verify them against its JWKS exactly as they would a production identity provider's.
// Settings come from the environment: OIDC_TEST_PORT, OIDC_TEST_JWK (a private RSA JWK with kid), OIDC_TEST_CLIENT
// (the console's client JSON), OIDC_TEST_ACCESS_TOKEN_TTL (seconds, default 3600: short, the console must refresh).
// A client allowed the refresh_token grant gets a refresh token (oidc-provider's default would want prompt=consent
// with offline_access, i.e. a consent screen). Prints `READY <issuer>` when it listens.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_TEST_PORT);
const issuer = `http://127.0.0.1:${port}`;
const jwk = JSON.parse(process.env.OIDC_TEST_JWK);
const client = JSON.parse(process.env.OIDC_TEST_CLIENT);
export const RESOURCE = 'urn:civic-match';
const ACCESS_TOKEN_TTL = Number(process.env.OIDC_TEST_ACCESS_TOKEN_TTL || 3600);

const ACCOUNTS = {
  admin: { name: '王管理 (admin)', role: 'admin' },
  'fdu-coordinator': { name: '复旦协调人 (fdu)', role: 'coordinator', university: 'fdu' },
  'tongji-coordinator': { name: '同济协调人 (tongji)', role: 'coordinator', university: 'tongji' },
};

const claimsOf = (id) => {
  const a = ACCOUNTS[id];
  return a && { sub: id, name: a.name, role: a.role, ...(a.university ? { university: a.university } : {}) };
};

const provider = new Provider(issuer, {
  clients: [client],
  jwks: { keys: [jwk] },
  cookies: { keys: ['browser-test-cookie-key-0123456789'] },
  claims: { openid: ['sub'], profile: ['name', 'role', 'university'] },
  // The ID token carries the profile claims (who signed in, their role and university).
  conformIdTokenClaims: false,
  findAccount: (_ctx, id) => (ACCOUNTS[id] ? { accountId: id, claims: () => claimsOf(id) } : undefined),
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => {
        if (resource !== RESOURCE) throw new Provider.errors.InvalidTarget();
        return { scope: 'api', audience: 'civic-match', accessTokenTTL: ACCESS_TOKEN_TTL, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  // The console is a first-party client: no consent screen.
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile offline_access');
    grant.addOIDCClaims(['name', 'role', 'university']);
    grant.addResourceScope(RESOURCE, 'api');
    await grant.save();
    return grant;
  },
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  extraTokenClaims: (_ctx, token) => {
    const c = claimsOf(token.accountId);
    return c ? { role: c.role, ...(c.university ? { university: c.university } : {}) } : undefined;
  },
  ttl: { AccessToken: ACCESS_TOKEN_TTL, IdToken: 3600, Session: 3600, Interaction: 600, Grant: 3600, RefreshToken: 3600 },
});
provider.proxy = false;
provider.listen(port, '127.0.0.1', () => process.stdout.write(`READY ${issuer}\n`));
