import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../roles';

/** The parts of an HTTP request an audit entry records. */
export interface AuditedRequest {
  method: string;
  originalUrl?: string;
  url: string;
  ip?: string;
  params?: Record<string, unknown>;
  route?: { path?: string };
  baseUrl?: string;
  principal?: Principal;
}

/** One HTTP request in flight: what its audit entry will say, and whether it has been written. */
export interface AuditScope {
  request: AuditedRequest;
  correlationId: () => string;
  /** Set once the entry is written: one entry per request, however many transactions it commits. */
  recorded: boolean;
}

const storage = new AsyncLocalStorage<AuditScope>();

/** Runs `fn` (the rest of the request's handling) with `request` as the current audit scope. */
export function withAuditScope<T>(request: AuditedRequest, correlationId: () => string, fn: () => T): T {
  return storage.run({ request, correlationId, recorded: false }, fn);
}

/** The audit scope of the HTTP request whose work is running now, if any. */
export function currentAuditScope(): AuditScope | undefined {
  return storage.getStore();
}
