import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { CONSOLE_CONFIG } from '../config/console.tokens';
import type { ConsoleConfig, Upstream } from '../config/console.config';
import type { ConsoleSession } from '../session/session.store';
import { errorBody } from './error-body';

/** What a service answered. */
export interface UpstreamAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A service answered with an error, or could not be reached: the browser gets the same status and body. */
export class UpstreamError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(`upstream answered ${status}`);
  }
}

/** Calls the services with the signed-in user's bearer token; the services check it themselves. */
@Injectable()
export class UpstreamClient {
  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {}

  url(service: Upstream, path: string): string {
    return `${this.config.upstreams[service]}${path}`;
  }

  /** One request; throws UpstreamError on any status of 400 and above. */
  async call<T = any>(session: ConsoleSession, service: Upstream, method: string, path: string, body?: { json?: unknown; text?: string; contentType?: string }): Promise<UpstreamAnswer<T>> {
    const res = await this.raw(session, service, method, path, body);
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    if (res.status >= 400) throw new UpstreamError(res.status, parsed);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** The fetch Response itself (streams and downloads). */
  async raw(session: ConsoleSession, service: Upstream, method: string, path: string, body?: { json?: unknown; text?: string; contentType?: string }, extra: Record<string, string> = {}): Promise<globalThis.Response> {
    if (!session.accessToken) throw new UpstreamError(401, errorBody(401, 'unauthenticated', 'sign in first'));
    const headers: Record<string, string> = { authorization: `Bearer ${session.accessToken}`, ...extra };
    let payload: string | undefined;
    if (body?.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body?.text !== undefined) {
      headers['content-type'] = body.contentType ?? 'text/plain';
      payload = body.text;
    }
    try {
      return await fetch(this.url(service, path), { method, headers, body: payload });
    } catch {
      throw new UpstreamError(503, errorBody(503, 'service_unavailable', `the ${service} service does not answer now; try again shortly`));
    }
  }

  /** Every item of a numbered-page list (GET with page/pageSize), up to `max` items. */
  async all<T>(session: ConsoleSession, service: Upstream, path: string, query: URLSearchParams, max = 20_000): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; out.length < max; page++) {
      query.set('page', String(page));
      query.set('pageSize', '1000');
      const { body } = await this.call<{ items: T[]; total: number }>(session, service, 'GET', `${path}?${query}`);
      out.push(...body.items);
      if (body.items.length < 1000 || out.length >= body.total) break;
    }
    return out;
  }
}

/** Sends an UpstreamError's status and body (the services' one error shape) to the browser. */
export function sendUpstreamError(res: Response, e: UpstreamError): void {
  res.status(e.status).json(e.body);
}
