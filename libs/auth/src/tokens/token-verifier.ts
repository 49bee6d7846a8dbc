import { createPublicKey, KeyObject } from 'node:crypto';
import { isKnownUniversity } from '@civic/catalogue';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify } from 'jose';
import { isRole, Principal, ROLE_CLAIM, UNIVERSITY_CLAIM } from '../roles';

/** Where the keys that sign tokens come from. Production accepts only the two RS256 kinds. */
export type VerificationKey =
  | { kind: 'hs256-secret'; secret: string }
  | { kind: 'rs256-public-keys'; pem: string }
  | { kind: 'rs256-jwks'; url: string };

export interface TokenVerifierOptions {
  key: VerificationKey;
  issuer: string;
  audience: string;
  /** Allowed clock skew between the identity provider and this service. */
  clockToleranceSeconds?: number;
}

/** Why a request is not authenticated. `unavailable` means the keys could not be fetched (the caller may retry). */
export type AuthenticationFailure = 'missing' | 'malformed' | 'expired' | 'invalid' | 'claims' | 'unavailable';

/** A token that does not authenticate its bearer; `message` is safe to show the caller. */
export class AuthenticationError extends Error {
  constructor(
    readonly reason: AuthenticationFailure,
    message: string,
    /** For the log only: what the verifier objected to. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

const MAX_TOKEN_LENGTH = 8192;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const SECRET_MIN_LENGTH = 32;
/** Verified tokens remembered at most (the oldest goes first), and for at most this long (and never past `exp`). */
const VERIFIED_MAX_ENTRIES = 1000;
const VERIFIED_MAX_AGE_MS = 60_000;

/** A key, or jose's remote key set (a function that picks the key by the token's header). */
type KeySource = KeyObject | Uint8Array | ReturnType<typeof createRemoteJWKSet>;

/**
 * Verifies bearer tokens: signature with the configured key, algorithm pinned (HS256 for a development secret,
 * RS256 for public keys and JWKS), issuer and audience pinned, `exp` and `sub` required, and the Civic Match claims
 * (a known role; a coordinator's known university).
 */
export class TokenVerifier {
  private readonly algorithms: string[];
  private readonly keys: KeySource[];
  /**
   * Tokens whose signature and claims were verified, by their exact text: a client sends the same token with every
   * request, and the signature check was the guard's largest share of a small read's CPU. An entry is used until the
   * token's `exp` (with the same clock tolerance) and for at most VERIFIED_MAX_AGE_MS, less than the 10 minutes for
   * which the JWKS keys themselves are cached; revocation and rate limits are still checked on every request.
   */
  private readonly verified = new Map<string, { principal: Principal; untilMs: number }>();

  constructor(private readonly options: TokenVerifierOptions) {
    const { key } = options;
    if (key.kind === 'hs256-secret') {
      if (key.secret.length < SECRET_MIN_LENGTH) throw new Error(`an HS256 secret needs at least ${SECRET_MIN_LENGTH} characters`);
      this.algorithms = ['HS256'];
      this.keys = [new TextEncoder().encode(key.secret)];
    } else if (key.kind === 'rs256-public-keys') {
      this.algorithms = ['RS256'];
      this.keys = parseRsaPublicKeys(key.pem);
    } else {
      this.algorithms = ['RS256'];
      // jose caches the set, refetches it when a token names an unknown kid (at most every 30 s), and drops it after 10 min.
      this.keys = [createRemoteJWKSet(new URL(key.url), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 600_000 })];
    }
  }

  /** The algorithms this verifier accepts (exactly one). */
  get acceptedAlgorithms(): readonly string[] {
    return this.algorithms;
  }

  /** Reads `Authorization: Bearer <token>` and returns the caller, or throws AuthenticationError. */
  async verifyAuthorizationHeader(header: string | string[] | undefined): Promise<Principal> {
    if (header === undefined || header === '') throw new AuthenticationError('missing', 'a bearer token is required');
    if (Array.isArray(header)) throw new AuthenticationError('malformed', 'send one Authorization header');
    const m = /^Bearer +(\S+)\s*$/i.exec(header);
    if (!m) throw new AuthenticationError('malformed', 'the Authorization header must be "Bearer <token>"');
    return this.verify(m[1]);
  }

  /** Verifies one compact JWS and returns the caller, or throws AuthenticationError. */
  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.untilMs) return { ...known.principal };
      this.verified.delete(token);
    }
    if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) throw new AuthenticationError('malformed', 'the bearer token is not a signed JWT');
    let payload: JWTPayload | undefined;
    let lastError: unknown;
    for (const key of this.keys) {
      try {
        ({ payload } = await jwtVerify(token, key as never, {
          algorithms: this.algorithms,
          issuer: this.options.issuer,
          audience: this.options.audience,
          clockTolerance: this.options.clockToleranceSeconds ?? 10,
          requiredClaims: ['sub', 'exp'],
        }));
        break;
      } catch (e) {
        lastError = e;
        // Only a signature mismatch is worth trying the next key for (rotation: the old and the new key side by side).
        if (!(e instanceof errors.JWSSignatureVerificationFailed)) break;
      }
    }
    if (!payload) throw toAuthenticationError(lastError, this.options.key.kind === 'rs256-jwks');
    const principal = principalOf(payload);
    this.remember(token, principal);
    return { ...principal };
  }

  private remember(token: string, principal: Principal): void {
    const now = Date.now();
    // exp is required (requiredClaims); the entry ends when jwtVerify would start to call the token expired.
    const untilMs = Math.min(now + VERIFIED_MAX_AGE_MS, ((principal.expiresAt ?? 0) + (this.options.clockToleranceSeconds ?? 10)) * 1000);
    if (untilMs <= now) return;
    if (this.verified.size >= VERIFIED_MAX_ENTRIES) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { principal, untilMs });
  }
}

function toAuthenticationError(e: unknown, remoteKeys: boolean): AuthenticationError {
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  if (e instanceof errors.JWTExpired) return new AuthenticationError('expired', 'the bearer token has expired', detail);
  // A JWKS endpoint that does not answer (or answers garbage) is not the caller's fault.
  const fetchFailed = e instanceof errors.JWKSTimeout || e instanceof errors.JWKSInvalid || !(e instanceof errors.JOSEError);
  if (remoteKeys && fetchFailed) return new AuthenticationError('unavailable', 'the signing keys cannot be fetched now; try again shortly', detail);
  return new AuthenticationError('invalid', 'the bearer token is not valid here', detail);
}

function principalOf(payload: JWTPayload): Principal {
  const sub = payload.sub;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 256) throw new AuthenticationError('claims', 'the token has no usable subject');
  const role = payload[ROLE_CLAIM];
  if (!isRole(role)) throw new AuthenticationError('claims', 'the token carries no Civic Match role', `role=${JSON.stringify(role)}`);
  const principal: Principal = { subject: sub, role };
  if (typeof payload.jti === 'string' && payload.jti.length <= 128) principal.tokenId = payload.jti;
  if (typeof payload.exp === 'number') principal.expiresAt = payload.exp;
  if (typeof payload.iat === 'number') principal.issuedAt = payload.iat;
  if (role === 'coordinator') {
    const university = payload[UNIVERSITY_CLAIM];
    if (typeof university !== 'string' || !isKnownUniversity(university)) {
      throw new AuthenticationError('claims', 'a coordinator token must name a known university', `university=${JSON.stringify(university)}`);
    }
    principal.universityId = university;
  }
  return principal;
}

/** Every `-----BEGIN PUBLIC KEY-----` block in `pem` as an RSA key of at least 2048 bits; throws on anything else. */
export function parseRsaPublicKeys(pem: string): KeyObject[] {
  const text = pem.replace(/\\n/g, '\n');
  const blocks = text.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  if (blocks.length === 0) throw new Error('no "-----BEGIN PUBLIC KEY-----" block (SPKI PEM) found');
  return blocks.map((block, i) => {
    const key = createPublicKey(block);
    if (key.asymmetricKeyType !== 'rsa') throw new Error(`public key ${i + 1} is ${key.asymmetricKeyType}, not RSA`);
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw new Error(`public key ${i + 1} has ${bits} bits; at least 2048 are required`);
    return key;
  });
}
