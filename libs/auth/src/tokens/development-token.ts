import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { Role, ROLE_CLAIM, UNIVERSITY_CLAIM } from '../roles';

/**
 * Local defaults: what a service outside production verifies with when nothing is configured, and what
 * `npm run token` signs with. A production service refuses to start with any HS256 secret, this one included.
 */
export const DEVELOPMENT_AUTH = {
  secret: 'civic-match-development-secret-do-not-use-in-production',
  issuer: 'civic-match-dev',
  audience: 'civic-match',
} as const;

export interface DevelopmentTokenRequest {
  role: Role;
  /** Required for a coordinator: the university id of the catalogue (fdu, tongji, ...). */
  universityId?: string;
  /** Seconds the token lives (default one hour); negative makes an already expired token (tests). */
  ttlSeconds?: number;
  subject?: string;
  secret?: string;
  issuer?: string;
  audience?: string;
}

/** Signs an HS256 token with the development (or a given) secret; for local use and tests only. */
export async function signDevelopmentToken(request: DevelopmentTokenRequest): Promise<string> {
  const { role, universityId } = request;
  if (role === 'coordinator' && !universityId) throw new Error('a coordinator token needs a university');
  const now = Math.floor(Date.now() / 1000);
  const ttl = request.ttlSeconds ?? 3600;
  const claims: Record<string, unknown> = { [ROLE_CLAIM]: role };
  if (universityId) claims[UNIVERSITY_CLAIM] = universityId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject ?? (role === 'coordinator' ? `dev-coordinator-${universityId}` : `dev-${role}`))
    .setIssuer(request.issuer ?? DEVELOPMENT_AUTH.issuer)
    .setAudience(request.audience ?? DEVELOPMENT_AUTH.audience)
    .setIssuedAt(ttl < 0 ? now + ttl - 60 : now)
    .setExpirationTime(now + ttl)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(request.secret ?? DEVELOPMENT_AUTH.secret));
}

/** Reads a lifetime such as `90s`, `15m`, `1h`, `7d` or a bare number of seconds; undefined when malformed. */
export function parseTtl(text: string): number | undefined {
  const m = /^(\d{1,7})([smhd]?)$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return n > 0 ? n : undefined;
}
