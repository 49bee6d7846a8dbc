import type { ErrorCode } from '@civic/contracts';
import type { ConsoleSession, ConsoleUser } from '../session/session.store';

/** An answer of the console itself (not a service's) in the one error shape. */
export class ConsoleError extends Error {
  constructor(readonly status: number, readonly code: ErrorCode, message: string, readonly details?: unknown[]) {
    super(message);
  }
}

/** The signed-in user, or 401. */
export function requireUser(s: ConsoleSession): ConsoleUser {
  if (!s.user || !s.accessToken) throw new ConsoleError(401, 'unauthenticated', 'sign in first');
  return s.user;
}

/** An administrator, or 403 (the console's administrator pages; the services check again). */
export function requireAdmin(s: ConsoleSession): ConsoleUser {
  const user = requireUser(s);
  if (user.role !== 'admin') throw new ConsoleError(403, 'forbidden', 'administrators only');
  return user;
}

/** An administrator, or the coordinator of `universityId`; another university's coordinator gets 404, as from the services. */
export function requireUniversity(s: ConsoleSession, universityId: string): ConsoleUser {
  const user = requireUser(s);
  if (user.role === 'admin') return user;
  if (user.role !== 'coordinator' || user.universityId !== universityId) throw new ConsoleError(404, 'not_found', `university ${universityId} does not exist`);
  return user;
}
