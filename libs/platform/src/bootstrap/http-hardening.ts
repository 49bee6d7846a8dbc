import { isUtf8 } from 'node:buffer';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ACCESS_EXTENSION, AuthenticationError, DEFAULT_ACCESS_RULE, describeRule, TokenVerifier } from '@civic/auth';
import { DomainError, ERROR_CODES } from '@civic/contracts';
import { currentCorrelationId } from '@civic/messaging';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { BaseServiceConfig } from '../config/service-config';
import type { ApiErrorBody } from '../errors/api-error';

/** Deeper JSON than this is refused before it reaches the DTOs (class-transformer recurses, and would overflow). */
export const MAX_JSON_DEPTH = 32;

/** Keys that could reach an object's prototype when a body is copied or transformed. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Trust-proxy setting, security headers and CORS (closed unless CORS_ORIGINS names origins). */
export function hardenHttp(app: NestExpressApplication, config: BaseServiceConfig): void {
  const express = app.getHttpAdapter().getInstance();
  express.disable('x-powered-by');
  if (config.TRUST_PROXY) express.set('trust proxy', /^\d+$/.test(config.TRUST_PROXY) ? Number(config.TRUST_PROXY) : config.TRUST_PROXY.split(',').map((s) => s.trim()));
  // The API serves JSON, CSV and event streams: nothing may run or frame. Swagger UI needs its own scripts and styles.
  const api = precomputed(helmet({ contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } }));
  const docs = helmet();
  app.use((req: Request, res: Response, next: NextFunction) => (req.path === '/docs' || req.path.startsWith('/docs/') ? docs(req, res, next) : api(res, next)));
  const origins = config.CORS_ORIGINS?.split(',').map((o) => o.trim());
  if (origins?.length) {
    app.enableCors({
      origin: origins,
      methods: ['GET', 'POST', 'PUT', 'PATCH'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'last-event-id', 'x-correlation-id'],
      exposedHeaders: ['location', 'x-correlation-id', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'],
      credentials: false,
      maxAge: 600,
    });
  }
}

/**
 * A header-setting middleware run once against a stand-in response, then replayed as the headers it set and removed:
 * helmet's middlewares (a dozen per answer) set the same headers on every answer as long as no directive is a
 * function of the request, and none of ours is. Throws if the middleware does anything else.
 */
export function precomputed(middleware: (req: Request, res: Response, next: (e?: unknown) => void) => void): (res: Response, next: NextFunction) => void {
  const set: Array<[string, string | string[]]> = [];
  const removed: string[] = [];
  let called = false;
  const standIn = {
    setHeader: (name: string, value: string | string[]) => set.push([name, value]),
    removeHeader: (name: string) => removed.push(name),
  };
  middleware({ method: 'GET', url: '/', headers: {} } as Request, standIn as unknown as Response, (e?: unknown) => {
    if (e) throw e;
    called = true;
  });
  if (!called) throw new Error('the middleware did not call next() at once: its headers cannot be precomputed');
  return (res: Response, next: NextFunction) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
}

const NUL_MESSAGE = 'NUL characters are not allowed';

/**
 * Refuses a NUL character in the URL (path or query, `%00`) or anywhere in a JSON body (keys and strings): PostgreSQL
 * text cannot hold one, so it could only end in a database error. Then refuses a JSON body nested deeper than
 * MAX_JSON_DEPTH or holding a prototype key (`__proto__`, `constructor`, `prototype`) anywhere. Each is a 400 naming
 * the place. Walks iteratively, so a hostile body cannot overflow the stack here.
 */
export function rejectHostileJson(req: Request, _res: Response, next: NextFunction): void {
  const url = req.originalUrl ?? req.url;
  if (/%00/.test(url) || url.includes('\u0000')) return next(DomainError.invalid(NUL_MESSAGE, [{ field: 'url', rule: 'noNul', message: NUL_MESSAGE }]));
  const body: unknown = req.body;
  // A raw upload (text/csv) that is not UTF-8 is left to the service, which names the encoding problem itself.
  const nulInText = typeof body === 'string' ? body.includes('\u0000') : Buffer.isBuffer(body) && body.includes(0) && isUtf8(body);
  if (nulInText) return next(DomainError.invalid(NUL_MESSAGE, [{ field: 'body', rule: 'noNul', message: NUL_MESSAGE }]));
  if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return next();
  const stack: Array<{ value: object; path: string; depth: number }> = [{ value: body, path: '', depth: 1 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (depth > MAX_JSON_DEPTH) {
      const message = `the body is nested more than ${MAX_JSON_DEPTH} levels deep`;
      return next(DomainError.invalid(message, [{ field: path || 'body', rule: 'maxDepth', message }]));
    }
    for (const key of Object.keys(value)) {
      const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (!Array.isArray(value) && FORBIDDEN_KEYS.has(key)) {
        const message = `${key} is not allowed as a field name`;
        return next(DomainError.invalid(message, [{ field, rule: 'forbiddenKey', message }]));
      }
      const child = (value as Record<string, unknown>)[key];
      if (key.includes('\u0000') || (typeof child === 'string' && child.includes('\u0000'))) {
        return next(DomainError.invalid(NUL_MESSAGE, [{ field, rule: 'noNul', message: NUL_MESSAGE }]));
      }
      if (child !== null && typeof child === 'object') stack.push({ value: child, path: field, depth: depth + 1 });
    }
  }
  next();
}

/** In production the OpenAPI documents need a valid token too (any role). */
export function requireTokenForDocs(verifier: TokenVerifier): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    verifier.verifyAuthorizationHeader(req.headers.authorization).then(
      () => next(),
      (e: unknown) => {
        const status = e instanceof AuthenticationError && e.reason === 'unavailable' ? 503 : 401;
        if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="civic-match"');
        const message = e instanceof AuthenticationError ? e.message : 'a bearer token is required';
        const body: ApiErrorBody = { error: { status, code: status === 401 ? ERROR_CODES.unauthenticated : ERROR_CODES.serviceUnavailable, message }, correlationId: currentCorrelationId() };
        res.status(status).json(body);
      },
    );
  };
}

/**
 * Marks each operation of the OpenAPI document with who may call it (the `x-civic-access` extension; routes that
 * declare nothing get the default, administrators only) and its security requirement (none for public routes).
 */
export function documentAccess(doc: OpenAPIObject): void {
  for (const item of Object.values(doc.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const) {
      const op = item[method] as (Record<string, any> & { responses: Record<string, unknown> }) | undefined;
      if (!op) continue;
      op[ACCESS_EXTENSION] ??= describeRule(DEFAULT_ACCESS_RULE);
      if (op[ACCESS_EXTENSION].public) {
        op.security = [];
        continue;
      }
      op.security = [{ bearer: [] }];
      op.responses['401'] ??= { description: 'no valid bearer token' };
      op.responses['403'] ??= { description: "the caller's role may not do this" };
      op.responses['429'] ??= { description: 'the caller is over its rate limit; Retry-After says when to come back' };
    }
  }
}
