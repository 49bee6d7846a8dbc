import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '@civic/auth';

/** Who is signed in: from the identity provider's ID token (or the development sign-in). */
export interface ConsoleUser {
  subject: string;
  name: string;
  role: Role;
  universityId?: string;
}

/** A sign-in under way: what the callback must find again (RFC 7636 verifier, state and nonce). */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  startedAt: number;
}

export interface ConsoleSession {
  id: string;
  /** The synchronizer token every state-changing request must send back (X-CSRF-Token or the form's _csrf). */
  csrf: string;
  user?: ConsoleUser;
  /** The user's bearer token for the services; never sent to the browser. */
  accessToken?: string;
  /** Seconds since the epoch when the access token expires; the session ends then unless it can be refreshed. */
  expiresAt?: number;
  /** The provider's refresh token (scope offline_access): the console renews the access token before it expires. */
  refreshToken?: string;
  idToken?: string;
  pending?: PendingSignIn;
}

export const SESSION_COOKIE = 'civic_console';
/** A session nobody has signed in to lives this long: long enough for a sign-in at the provider (its login page). */
export const ANONYMOUS_SESSION_SECONDS = 15 * 60;
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** What the store needs of a Redis client (node-redis v5's `createClient()` has it). */
export interface SessionRedis {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options: { EX: number }): Promise<unknown>;
  expire(key: string, seconds: number): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

/**
 * How many seconds a session has left from `nowMs`: the idle limit, cut short by the end of its life (the access
 * token's expiry, when it cannot be refreshed) or, before sign-in, by ANONYMOUS_SESSION_SECONDS. 0 or less: it is over.
 */
export function sessionSecondsLeft(s: ConsoleSession, idleSeconds: number, nowMs: number): number {
  if (!s.user) return Math.min(idleSeconds, ANONYMOUS_SESSION_SECONDS);
  if (s.refreshToken || s.expiresAt === undefined) return idleSeconds;
  return Math.min(idleSeconds, Math.floor(s.expiresAt - nowMs / 1000));
}

/**
 * Sessions in Redis, one key per session (`<namespace>:console:session:<id>`) whose TTL is the time the session has
 * left: every request that finds it starts its idle time again. The id is random (256 bits) and only the httpOnly
 * cookie carries it. The console holds nothing else, so a restart (or another replica) finds everybody still signed
 * in. A handler that changes a session saves it before it answers.
 */
export class SessionStore {
  constructor(
    private readonly redis: SessionRedis,
    private readonly namespace: string,
    private readonly idleSeconds: number,
  ) {}

  private key(id: string): string {
    return `${this.namespace}:console:session:${id}`;
  }

  /** The live session of `id`, or undefined when it is unknown or over; finding it starts its idle time again. */
  async get(id: string | undefined): Promise<ConsoleSession | undefined> {
    if (!id || !SESSION_ID.test(id)) return undefined;
    const text = await this.redis.get(this.key(id));
    if (!text) return undefined;
    const s = JSON.parse(text) as ConsoleSession;
    const left = sessionSecondsLeft(s, this.idleSeconds, Date.now());
    if (left <= 0) {
      await this.redis.del(this.key(id));
      return undefined;
    }
    await this.redis.expire(this.key(id), left);
    return s;
  }

  /** A new anonymous session (it gets a user at sign-in), saved. */
  async create(): Promise<ConsoleSession> {
    const s: ConsoleSession = { id: randomToken(), csrf: randomToken() };
    await this.save(s);
    return s;
  }

  /** Writes the session with the time it has left (deleting it when it has none). */
  async save(s: ConsoleSession): Promise<void> {
    const left = sessionSecondsLeft(s, this.idleSeconds, Date.now());
    if (left <= 0) await this.redis.del(this.key(s.id));
    else await this.redis.set(this.key(s.id), JSON.stringify(s), { EX: left });
  }

  /** Signing in gets a fresh id and CSRF token (no session fixation); `change` is applied before the new one is saved. */
  async rotate(old: ConsoleSession, change: Partial<ConsoleSession>): Promise<ConsoleSession> {
    await this.redis.del(this.key(old.id));
    const s: ConsoleSession = { ...old, ...change, id: randomToken(), csrf: randomToken() };
    delete s.pending;
    await this.save(s);
    return s;
  }

  async destroy(id: string): Promise<void> {
    await this.redis.del(this.key(id));
  }
}

/** 256 random bits, base64url. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison of a sent CSRF token with the session's. */
export function sameToken(sent: unknown, expected: string): boolean {
  if (typeof sent !== 'string' || sent.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}

/** Reads one cookie from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** The Set-Cookie value of the session cookie: httpOnly, SameSite=Lax (the provider's redirect back is a top-level GET), Secure over https. */
export function sessionCookie(id: string, secure: boolean, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}
