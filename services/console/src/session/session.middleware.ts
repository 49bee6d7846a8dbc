import type { NextFunction, Request, Response } from 'express';
import type { ConsoleConfig } from '../config/console.config';
import { ConsoleSession, cookieValue, SESSION_COOKIE, sessionCookie, SessionStore, sameToken } from './session.store';
import { errorBody } from '../api/error-body';

/** A request after the session middleware. */
export interface ConsoleRequest extends Request {
  session: ConsoleSession;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Gives every request its session (a new anonymous one when the cookie names none) and refuses a state-changing
 * request unless it sends the session's CSRF token (header X-CSRF-Token, or the field _csrf of a form) and, when the
 * browser says where it comes from, comes from the console's own origin.
 */
export function sessionMiddleware(store: SessionStore, config: ConsoleConfig) {
  const secure = config.publicUrl.startsWith('https:');
  const origin = new URL(config.publicUrl).origin;
  return (req: Request, res: Response, next: NextFunction): void => {
    let session = store.get(cookieValue(req.headers.cookie, SESSION_COOKIE));
    if (!session) {
      session = store.create();
      res.append('set-cookie', sessionCookie(session.id, secure, config.sessionIdleSeconds));
    }
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
  };
}
