import { cookieValue, sameToken, SessionStore, sessionCookie } from './session.store';
import { requireAdmin, requireUniversity, ConsoleError } from '../api/access';

describe('SessionStore', () => {
  it('finds a session by its id, and rotating it at sign-in changes the id and the CSRF token', () => {
    const store = new SessionStore(3600);
    const s = store.create();
    expect(store.get(s.id)).toBe(s);
    const rotated = store.rotate(s);
    expect(rotated.id).not.toBe(s.id);
    expect(rotated.csrf).not.toBe(s.csrf);
    expect(store.get(s.id)).toBeUndefined();
    expect(store.get(rotated.id)).toBe(rotated);
  });

  it('ends a session whose token has expired, and a destroyed one', () => {
    const store = new SessionStore(3600);
    const s = store.create();
    s.expiresAt = Math.floor(Date.now() / 1000) - 1;
    expect(store.get(s.id)).toBeUndefined();
    const t = store.create();
    store.destroy(t.id);
    expect(store.get(t.id)).toBeUndefined();
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
    lastSeen: 0,
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
