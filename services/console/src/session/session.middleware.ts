import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { ConsoleConfig } from '../config/console.config';
import { ConsoleSession, cookieValue, SESSION_COOKIE, sessionCookie, SessionStore, sameToken } from './session.store';
import { errorBody } from '../api/error-body';

/** A request after the session middleware. */
export interface ConsoleRequest extends Request {
  session: ConsoleSession;
}

/** New tokens for a refresh token (the identity provider's token endpoint). */
export interface TokenRefresher {
  refresh(refreshToken: string): Promise<{ accessToken: string; refreshToken?: string; idToken?: string; expiresAt: number }>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** An access token this close to its expiry is renewed first (a request may take a while, a round's stream longer). */
export const REFRESH_MARGIN_SECONDS = 60;

/**
 * Gives every request its session (a new anonymous one when the cookie names none), renews the access token when it
 * is about to expire and the session has a refresh token, and refuses a state-changing request unless it sends the
 * session's CSRF token (header X-CSRF-Token, or the field _csrf of a form) and, when the browser says where it comes
 * from, comes from the console's own origin. Sessions live in Redis: when it does not answer, 503 in the one shape.
 */
export function sessionMiddleware(store: SessionStore, config: ConsoleConfig, refresher?: TokenRefresher) {
  const secure = config.publicUrl.startsWith('https:');
  const origin = new URL(config.publicUrl).origin;
  const renew = refresher ? renewal(store, refresher) : undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    // Probes need no session (and must not leave one in Redis each time).
    if (req.path === '/health') return next();
    void (async () => {
      let session = await store.get(cookieValue(req.headers.cookie, SESSION_COOKIE));
      if (session && renew && session.refreshToken && (session.expiresAt ?? 0) - Date.now() / 1000 < REFRESH_MARGIN_SECONDS) session = await renew(session);
      if (!session) {
        session = await store.create();
        res.append('set-cookie', sessionCookie(session.id, secure, config.sessionIdleSeconds));
      }
      return session;
    })().then(
      (session) => {
        (req as ConsoleRequest).session = session;
        if (SAFE_METHODS.has(req.method)) return next();
        const sentOrigin = req.headers.origin;
        if (sentOrigin !== undefined && sentOrigin !== origin && sentOrigin !== `http://${req.headers.host}`) {
          res.status(403).json(errorBody(403, 'forbidden', 'this request does not come from the console'));
          return;
        }
        const sent = req.headers['x-csrf-token'] ?? (req.body as Record<string, unknown> | undefined)?._csrf;
        if (!sameToken(sent, session.csrf)) {
          res.status(403).json(errorBody(403, 'forbidden', 'the CSRF token is missing or wrong: reload the page'));
          return;
        }
        next();
      },
      (e: Error) => {
        new Logger('Sessions').warn(`the session store does not answer: ${e.message}`);
        res.status(503).json(errorBody(503, 'service_unavailable', 'sessions cannot be read now (the session store does not answer); try again shortly'));
      },
    );
  };
}

/**
 * Renews a session's access token with its refresh token, once per session at a time in this process (the page's
 * parallel requests wait for the same renewal). A refused refresh token ends the session; a provider that does not
 * answer leaves it as it is (its token still works until it expires, and the next request tries again).
 */
function renewal(store: SessionStore, refresher: TokenRefresher): (s: ConsoleSession) => Promise<ConsoleSession | undefined> {
  const logger = new Logger('Sessions');
  const underway = new Map<string, Promise<ConsoleSession | undefined>>();
  const renew = async (s: ConsoleSession): Promise<ConsoleSession | undefined> => {
    try {
      const tokens = await refresher.refresh(s.refreshToken!);
      const renewed: ConsoleSession = { ...s, accessToken: tokens.accessToken, expiresAt: tokens.expiresAt, refreshToken: tokens.refreshToken ?? s.refreshToken, idToken: tokens.idToken ?? s.idToken };
      await store.save(renewed);
      return renewed;
    } catch (e) {
      const refused = (e as { name?: string }).name === 'OPError';
      logger.warn(`refreshing a session's token failed${refused ? ' (refused: the session ends)' : ''}: ${(e as Error).message}`);
      if (refused || (s.expiresAt ?? 0) * 1000 <= Date.now()) {
        await store.destroy(s.id);
        return undefined;
      }
      return s;
    }
  };
  return (s) => {
    let p = underway.get(s.id);
    if (!p) {
      p = renew(s).finally(() => underway.delete(s.id));
      underway.set(s.id, p);
    }
    return p;
  };
}
