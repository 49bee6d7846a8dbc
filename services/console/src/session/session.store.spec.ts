import { ANONYMOUS_SESSION_SECONDS, cookieValue, sameToken, sessionCookie, sessionSecondsLeft } from './session.store';
import { requireAdmin, requireUniversity, ConsoleError } from '../api/access';

describe('sessionSecondsLeft', () => {
  const now = 1_000_000_000_000;
  const user = { subject: 's', name: 'n', role: 'admin' as const };

  it('gives a session nobody signed in to at most fifteen minutes, a signed-in one the idle limit', () => {
    expect(sessionSecondsLeft({ id: 'a', csrf: 'b' }, 28_800, now)).toBe(ANONYMOUS_SESSION_SECONDS);
    expect(sessionSecondsLeft({ id: 'a', csrf: 'b' }, 300, now)).toBe(300);
    expect(sessionSecondsLeft({ id: 'a', csrf: 'b', user }, 28_800, now)).toBe(28_800);
  });

  it('ends a session with its access token unless it has a refresh token', () => {
    const expiresAt = now / 1000 + 600;
    expect(sessionSecondsLeft({ id: 'a', csrf: 'b', user, expiresAt }, 28_800, now)).toBe(600);
    expect(sessionSecondsLeft({ id: 'a', csrf: 'b', user, expiresAt: now / 1000 - 1 }, 28_800, now)).toBeLessThanOrEqual(0);
    expect(sessionSecondsLeft({ id: 'a', csrf: 'b', user, expiresAt, refreshToken: 'r' }, 28_800, now)).toBe(28_800);
  });
});

describe('cookies and CSRF tokens', () => {
  it('reads the session cookie among others and writes it httpOnly and SameSite, Secure only over https', () => {
    expect(cookieValue('a=1; civic_console=abc; b=2', 'civic_console')).toBe('abc');
    expect(cookieValue('a=1', 'civic_console')).toBeUndefined();
    expect(sessionCookie('abc', false, 60)).toBe('civic_console=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60');
    expect(sessionCookie('abc', true, 60)).toMatch(/; Secure$/);
  });

  it('accepts only the exact CSRF token', () => {
    expect(sameToken('t0ken', 't0ken')).toBe(true);
    expect(sameToken('t0kem', 't0ken')).toBe(false);
    expect(sameToken('t0ke', 't0ken')).toBe(false);
    expect(sameToken(undefined, 't0ken')).toBe(false);
  });
});

describe('access to the console API', () => {
  const session = (user?: { role: 'admin' | 'coordinator'; universityId?: string }) => ({
    id: 'x',
    csrf: 'y',
    ...(user ? { user: { subject: 's', name: 'n', ...user }, accessToken: 'token' } : {}),
  });
  const statusOf = (fn: () => unknown) => {
    try {
      fn();
      return 200;
    } catch (e) {
      return (e as ConsoleError).status;
    }
  };

  it('a coordinator reaches their own university, gets 404 for another and 403 for the administrator pages; nobody signed in gets 401', () => {
    const fdu = session({ role: 'coordinator', universityId: 'fdu' });
    expect(statusOf(() => requireUniversity(fdu, 'fdu'))).toBe(200);
    expect(statusOf(() => requireUniversity(fdu, 'tongji'))).toBe(404);
    expect(statusOf(() => requireAdmin(fdu))).toBe(403);
    expect(statusOf(() => requireUniversity(session({ role: 'admin' }), 'tongji'))).toBe(200);
    expect(statusOf(() => requireAdmin(session()))).toBe(401);
  });
});
