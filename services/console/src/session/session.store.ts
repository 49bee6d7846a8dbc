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
  /** Seconds since the epoch when the token expires; the session ends then. */
  expiresAt?: number;
  idToken?: string;
  pending?: PendingSignIn;
  lastSeen: number;
}

export const SESSION_COOKIE = 'civic_console';
const MAX_SESSIONS = 10_000;

/**
 * Sessions in this process's memory, keyed by a random 256-bit id that only the httpOnly cookie carries. One console
 * process holds its sessions; a restart signs everybody out (they sign in again, nothing else is lost).
 */
export class SessionStore {
  private readonly sessions = new Map<string, ConsoleSession>();

  constructor(private readonly idleSeconds: number) {}

  /** The live session of `id`, or undefined when it is unknown, idle too long or its token expired. */
  get(id: string | undefined): ConsoleSession | undefined {
    if (!id) return undefined;
    const s = this.sessions.get(id);
    if (!s) return undefined;
    const now = Date.now();
    if (now - s.lastSeen > this.idleSeconds * 1000 || (s.expiresAt !== undefined && s.expiresAt * 1000 <= now)) {
      this.sessions.delete(id);
      return undefined;
    }
    s.lastSeen = now;
    return s;
  }

  /** A new anonymous session (it gets a user at sign-in). */
  create(): ConsoleSession {
    if (this.sessions.size >= MAX_SESSIONS) {
      // Maps iterate in insertion order: drop the oldest.
      const oldest = this.sessions.keys().next().value;
      if (oldest) this.sessions.delete(oldest);
    }
    const s: ConsoleSession = { id: randomToken(), csrf: randomToken(), lastSeen: Date.now() };
    this.sessions.set(s.id, s);
    return s;
  }

  /** Signing in gets a fresh id and CSRF token (no session fixation). */
  rotate(old: ConsoleSession): ConsoleSession {
    this.sessions.delete(old.id);
    const s: ConsoleSession = { ...old, id: randomToken(), csrf: randomToken(), lastSeen: Date.now() };
    this.sessions.set(s.id, s);
    return s;
  }

  destroy(id: string): void {
    this.sessions.delete(id);
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
