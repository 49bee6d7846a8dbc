import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '@civic/contracts';

/** The one error shape of every Civic Match HTTP answer. */
export function errorBody(status: number, code: ErrorCode, message: string, details?: unknown[]): Record<string, unknown> {
  return { error: { status, code, message, ...(details ? { details } : {}) }, correlationId: randomUUID() };
}
