import { randomBytes } from 'node:crypto';
import { signDevelopmentToken } from '@civic/auth';
import { plainFetch, ServiceStack } from '@civic/testing';
import type { Caller } from './authorization-matrix';

/** The Authorization header each kind of caller sends ('' sends none). */
export async function callerHeaders(stack: ServiceStack): Promise<Record<Caller, string>> {
  const bearer = (t: string) => `Bearer ${t}`;
  return {
    anonymous: '',
    // An administrator's claims, signed with a key the services do not know.
    forged: bearer(await signDevelopmentToken({ role: 'admin', secret: randomBytes(32).toString('hex') })),
    expired: bearer(await stack.token('admin', { ttl: -600 })),
    admin: bearer(await stack.token('admin', { subject: `${stack.runId}-admin` })),
    service: bearer(await stack.token('service', { subject: `${stack.runId}-service` })),
    coordinator: bearer(await stack.token('coordinator', { university: 'fdu', subject: `${stack.runId}-coordinator-fdu` })),
    otherCoordinator: bearer(await stack.token('coordinator', { university: 'tongji', subject: `${stack.runId}-coordinator-tongji` })),
  };
}

/** A response: status, headers and body (parsed when JSON; only the head of an event stream is read). */
export interface CellResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** Sends one request exactly as given (no default token), with a timeout. */
export async function send(
  base: string,
  method: string,
  path: string,
  options: { authorization?: string; body?: unknown; headers?: Record<string, string>; stream?: boolean; timeoutMs?: number } = {},
): Promise<CellResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 30_000);
  try {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.authorization) headers.authorization = options.authorization;
    let payload: string | undefined;
    if (options.body !== undefined) {
      payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const go = () => plainFetch(`${base}${path}`, { method, headers, body: payload, signal: controller.signal });
    // A kept-alive connection the server closed just as it was reused fails before the request is sent: retry reads once.
    const res = await go().catch((e: unknown) => {
      if (method !== 'GET' && method !== 'OPTIONS') throw e;
      if (!(e instanceof TypeError) || controller.signal.aborted) throw e;
      return go();
    });
    if (options.stream && res.status === 200) {
      controller.abort();
      return { status: res.status, headers: res.headers, body: undefined, text: '' };
    }
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // CSV or other text: keep it
    }
    return { status: res.status, headers: res.headers, body, text };
  } finally {
    clearTimeout(timer);
  }
}
