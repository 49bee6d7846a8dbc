import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, KeyLike, SignJWT } from 'jose';
import { DEVELOPMENT_AUTH, parseTtl, signDevelopmentToken } from './development-token';
import { AuthenticationError, TokenVerifier } from './token-verifier';

const ISSUER = 'https://id.civic.example';
const AUDIENCE = 'civic-match';

async function rs256(privateKey: KeyLike, claims: Record<string, unknown>, opts: { kid?: string; iss?: string; aud?: string; exp?: number; alg?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: opts.alg ?? 'RS256', ...(opts.kid ? { kid: opts.kid } : {}) })
    .setSubject('u-1')
    .setIssuer(opts.iss ?? ISSUER)
    .setAudience(opts.aud ?? AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(opts.exp ?? now + 300)
    .sign(privateKey);
}

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    if (e instanceof AuthenticationError) return e.reason;
    throw e;
  }
}

describe('TokenVerifier with the HS256 development secret', () => {
  const verifier = new TokenVerifier({ key: { kind: 'hs256-secret', secret: DEVELOPMENT_AUTH.secret }, issuer: DEVELOPMENT_AUTH.issuer, audience: DEVELOPMENT_AUTH.audience });

  it('accepts a development token and returns the caller with its role and university', async () => {
    const token = await signDevelopmentToken({ role: 'coordinator', universityId: 'fdu', subject: 'li.wei' });
    await expect(verifier.verifyAuthorizationHeader(`Bearer ${token}`)).resolves.toMatchObject({ subject: 'li.wei', role: 'coordinator', universityId: 'fdu' });
  });

  it('refuses a missing header, another scheme and a non-JWT as 401 reasons', async () => {
    expect(await reason(verifier.verifyAuthorizationHeader(undefined))).toBe('missing');
    expect(await reason(verifier.verifyAuthorizationHeader('Basic YWRtaW46YWRtaW4='))).toBe('malformed');
    expect(await reason(verifier.verifyAuthorizationHeader('Bearer not-a-token'))).toBe('malformed');
    expect(await reason(verifier.verifyAuthorizationHeader(['Bearer a.b.c', 'Bearer d.e.f']))).toBe('malformed');
  });

  it('refuses an expired token', async () => {
    const token = await signDevelopmentToken({ role: 'admin', ttlSeconds: -120 });
    expect(await reason(verifier.verify(token))).toBe('expired');
  });

  it('refuses a token signed with another secret, or for another issuer or audience', async () => {
    expect(await reason(verifier.verify(await signDevelopmentToken({ role: 'admin', secret: 'x'.repeat(40) })))).toBe('invalid');
    expect(await reason(verifier.verify(await signDevelopmentToken({ role: 'admin', issuer: 'someone-else' })))).toBe('invalid');
    expect(await reason(verifier.verify(await signDevelopmentToken({ role: 'admin', audience: 'another-api' })))).toBe('invalid');
  });

  it('refuses an unsigned token (alg none) and a token whose signature was tampered with', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'x', role: 'admin', iss: DEVELOPMENT_AUTH.issuer, aud: DEVELOPMENT_AUTH.audience, exp: 9e9 })).toString('base64url');
    expect(await reason(verifier.verify(`${header}.${payload}.`))).toBe('malformed');
    const real = await signDevelopmentToken({ role: 'service' });
    const [h, , s] = real.split('.');
    expect(await reason(verifier.verify(`${h}.${payload}.${s}`))).toBe('invalid');
  });

  it('remembers a verified token by its exact text only: the same token with another signature is still refused', async () => {
    const real = await signDevelopmentToken({ role: 'admin' });
    await expect(verifier.verify(real)).resolves.toMatchObject({ role: 'admin' });
    const forged = `${real.slice(0, -2)}${real.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await reason(verifier.verify(forged))).toBe('invalid');
    await expect(verifier.verify(real)).resolves.toMatchObject({ role: 'admin' });
  });

  it('stops accepting a remembered token once it expires', async () => {
    const strict = new TokenVerifier({ key: { kind: 'hs256-secret', secret: DEVELOPMENT_AUTH.secret }, issuer: DEVELOPMENT_AUTH.issuer, audience: DEVELOPMENT_AUTH.audience, clockToleranceSeconds: 0 });
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('s')
      .setIssuer(DEVELOPMENT_AUTH.issuer)
      .setAudience(DEVELOPMENT_AUTH.audience)
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(DEVELOPMENT_AUTH.secret));
    await expect(strict.verify(token)).resolves.toMatchObject({ role: 'admin', expiresAt: exp });
    await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 50));
    expect(await reason(strict.verify(token))).toBe('expired');
  });

  it('refuses a token with no Civic Match role, an unknown role, or a coordinator without a known university', async () => {
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('s')
        .setIssuer(DEVELOPMENT_AUTH.issuer)
        .setAudience(DEVELOPMENT_AUTH.audience)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(DEVELOPMENT_AUTH.secret));
    expect(await reason(verifier.verify(await sign({})))).toBe('claims');
    expect(await reason(verifier.verify(await sign({ role: 'superuser' })))).toBe('claims');
    expect(await reason(verifier.verify(await sign({ role: 'coordinator' })))).toBe('claims');
    expect(await reason(verifier.verify(await sign({ role: 'coordinator', university: 'atlantis' })))).toBe('claims');
  });

  it('refuses a token without an expiry', async () => {
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('s')
      .setIssuer(DEVELOPMENT_AUTH.issuer)
      .setAudience(DEVELOPMENT_AUTH.audience)
      .sign(new TextEncoder().encode(DEVELOPMENT_AUTH.secret));
    expect(await reason(verifier.verify(token))).toBe('invalid');
  });

  it('refuses a secret too short to be safe', () => {
    expect(() => new TokenVerifier({ key: { kind: 'hs256-secret', secret: 'short' }, issuer: 'i', audience: 'a' })).toThrow(/32 characters/);
  });
});

describe('TokenVerifier with RS256 public keys', () => {
  let oldKey: { publicKey: KeyLike; privateKey: KeyLike };
  let newKey: { publicKey: KeyLike; privateKey: KeyLike };
  let verifier: TokenVerifier;

  beforeAll(async () => {
    [oldKey, newKey] = await Promise.all([generateKeyPair('RS256'), generateKeyPair('RS256')]);
    // During a rotation both public keys are configured, one PEM block after the other.
    const pem = `${await exportSPKI(oldKey.publicKey)}\n${await exportSPKI(newKey.publicKey)}`;
    verifier = new TokenVerifier({ key: { kind: 'rs256-public-keys', pem }, issuer: ISSUER, audience: AUDIENCE });
  });

  it('accepts tokens signed with either configured key', async () => {
    await expect(verifier.verify(await rs256(oldKey.privateKey, { role: 'admin' }))).resolves.toMatchObject({ role: 'admin' });
    await expect(verifier.verify(await rs256(newKey.privateKey, { role: 'service' }))).resolves.toMatchObject({ role: 'service' });
  });

  it('pins the algorithm: an HS256 token is refused even when it names a valid issuer and audience', async () => {
    const hs = await signDevelopmentToken({ role: 'admin', issuer: ISSUER, audience: AUDIENCE });
    expect(await reason(verifier.verify(hs))).toBe('invalid');
  });

  it('refuses a token signed by a key it does not know, and pins the issuer and audience', async () => {
    const stranger = await generateKeyPair('RS256');
    expect(await reason(verifier.verify(await rs256(stranger.privateKey, { role: 'admin' })))).toBe('invalid');
    expect(await reason(verifier.verify(await rs256(newKey.privateKey, { role: 'admin' }, { iss: 'https://evil.example' })))).toBe('invalid');
    expect(await reason(verifier.verify(await rs256(newKey.privateKey, { role: 'admin' }, { aud: 'other' })))).toBe('invalid');
  });

  it('refuses a public key that is not RSA or is too short', async () => {
    const ec = await generateKeyPair('ES256');
    expect(() => new TokenVerifier({ key: { kind: 'rs256-public-keys', pem: '' }, issuer: ISSUER, audience: AUDIENCE })).toThrow(/PUBLIC KEY/);
    const ecPem = await exportSPKI(ec.publicKey);
    expect(() => new TokenVerifier({ key: { kind: 'rs256-public-keys', pem: ecPem }, issuer: ISSUER, audience: AUDIENCE })).toThrow(/not RSA/);
  });
});

describe('TokenVerifier with a JWKS URL', () => {
  let server: Server;
  let url: string;
  let keys: { publicKey: KeyLike; privateKey: KeyLike };
  let up = true;

  beforeAll(async () => {
    keys = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      if (!up) return res.destroy();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(() => new Promise((r) => server.close(r)));

  it('picks the key by kid from the set and verifies the token', async () => {
    const verifier = new TokenVerifier({ key: { kind: 'rs256-jwks', url }, issuer: ISSUER, audience: AUDIENCE });
    await expect(verifier.verify(await rs256(keys.privateKey, { role: 'coordinator', university: 'tongji' }, { kid: 'k1' }))).resolves.toMatchObject({
      role: 'coordinator',
      universityId: 'tongji',
    });
    expect(await reason(verifier.verify(await rs256(keys.privateKey, { role: 'admin' }, { kid: 'unknown' })))).toBe('invalid');
  });

  it('says the keys are unavailable (not that the token is bad) when the JWKS endpoint does not answer', async () => {
    up = false;
    try {
      const verifier = new TokenVerifier({ key: { kind: 'rs256-jwks', url }, issuer: ISSUER, audience: AUDIENCE });
      expect(await reason(verifier.verify(await rs256(keys.privateKey, { role: 'admin' }, { kid: 'k1' })))).toBe('unavailable');
    } finally {
      up = true;
    }
  });
});

describe('parseTtl', () => {
  it('reads seconds, minutes, hours and days, and refuses anything else', () => {
    expect(parseTtl('90')).toBe(90);
    expect(parseTtl('15m')).toBe(900);
    expect(parseTtl('1h')).toBe(3600);
    expect(parseTtl('7d')).toBe(604800);
    expect(parseTtl('0')).toBeUndefined();
    expect(parseTtl('1w')).toBeUndefined();
    expect(parseTtl('-5m')).toBeUndefined();
  });
});
