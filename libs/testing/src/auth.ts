import { DEVELOPMENT_AUTH, parseTtl, Role, signDevelopmentToken } from '@civic/auth';
import { SignJWT } from 'jose';

/** What a test token says: a role, a coordinator's university, its lifetime and subject. */
export interface TokenOptions {
  university?: string;
  /** Seconds, or `90s` / `15m` / `1h`; negative seconds make an expired token. Default one hour. */
  ttl?: number | string;
  subject?: string;
}

/** Signs tokens the way a service started with `env` verifies them (its HS256 secret, issuer and audience). */
export class TokenMinter {
  constructor(
    private readonly secret: string,
    private readonly issuer: string,
    private readonly audience: string,
    /** Prefixes default subjects, so runs sharing Redis never share a rate-limit budget. */
    private readonly subjectPrefix = 'test',
  ) {}

  /** The minter for a service process started with `env` (over this process's environment); undefined in production mode. */
  static forEnv(env: Record<string, string | undefined>, subjectPrefix?: string): TokenMinter | undefined {
    const get = (k: string) => env[k] ?? process.env[k];
    if ((get('NODE_ENV') ?? 'development') === 'production' || get('AUTH_JWKS_URL') || get('AUTH_PUBLIC_KEY')) return undefined;
    return new TokenMinter(get('AUTH_HS256_SECRET') ?? DEVELOPMENT_AUTH.secret, get('AUTH_ISSUER') ?? DEVELOPMENT_AUTH.issuer, get('AUTH_AUDIENCE') ?? DEVELOPMENT_AUTH.audience, subjectPrefix);
  }

  /** A bearer token for `role`. */
  token(role: Role, options: TokenOptions = {}): Promise<string> {
    const ttl = typeof options.ttl === 'string' ? parseTtl(options.ttl) : options.ttl;
    if (options.ttl !== undefined && ttl === undefined) throw new Error(`bad ttl ${options.ttl}`);
    return signDevelopmentToken({
      role,
      universityId: options.university,
      ttlSeconds: ttl,
      subject: options.subject ?? `${this.subjectPrefix}-${role}${options.university ? `-${options.university}` : ''}`,
      secret: this.secret,
      issuer: this.issuer,
      audience: this.audience,
    });
  }

  /** A token with exactly `claims` beside sub, iss, aud and a five-minute exp, correctly signed: for tests of odd claims. */
  signClaims(claims: Record<string, unknown>): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(`${this.subjectPrefix}-custom`)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(this.secret));
  }

  /** `{ authorization: 'Bearer …' }` for `role`. */
  async headers(role: Role, options: TokenOptions = {}): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.token(role, options)}` };
  }
}

/** The unpatched fetch: requests that must go out exactly as written (no default token). */
export const plainFetch: typeof fetch = globalThis.fetch.bind(globalThis);

interface DefaultCredential {
  minter: TokenMinter;
  token?: string;
  mintedAt: number;
}

const defaults = new Map<string, DefaultCredential>();
let patched = false;

/**
 * Makes requests to `origin` that carry no Authorization header go as an administrator. The harness does this
 * for every service it starts outside production, so suites and tools written before authentication (and their
 * plain `fetch` calls) keep working; tests of access control send their own header or use `plainFetch`.
 */
export function useDefaultAdmin(origin: string, minter: TokenMinter): void {
  defaults.set(origin, { minter, mintedAt: 0 });
  if (patched) return;
  patched = true;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.has('authorization')) {
      const auth = await defaultAuthorization(url);
      if (auth) {
        headers.set('authorization', auth);
        return plainFetch(input, { ...init, headers });
      }
    }
    return plainFetch(input, init);
  }) as typeof fetch;
}

/** Forgets the default credential of `origin`. */
export function dropDefaultAdmin(origin: string): void {
  defaults.delete(origin);
}

/** `Bearer <admin token>` when `url` belongs to a service the harness started, else undefined. */
export async function defaultAuthorization(url: string): Promise<string | undefined> {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return undefined;
  }
  const credential = defaults.get(origin);
  if (!credential) return undefined;
  // Tokens live an hour; mint a fresh one every half hour so long suites never send an expired one.
  if (!credential.token || Date.now() - credential.mintedAt > 1_800_000) {
    credential.token = await credential.minter.token('admin', { ttl: 3600 });
    credential.mintedAt = Date.now();
  }
  return `Bearer ${credential.token}`;
}
