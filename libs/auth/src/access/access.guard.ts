import { CanActivate, ExecutionContext, Injectable, Logger, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ERROR_CODES } from '@civic/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { Counter, register } from 'prom-client';
import type { DataSource } from 'typeorm';
import { RateLimiter, RateLimitVerdict } from '../rate-limit/rate-limiter';
import { Revocations } from '../revocation/revocations';
import type { Principal } from '../roles';
import { AuthenticationError, TokenVerifier } from '../tokens/token-verifier';
import { ACCESS_RULE, AccessRule, DEFAULT_ACCESS_RULE, RecordOwnership } from './access-rule';
import { decideAccess } from './authorize';

/** What the guard attaches to a request it lets through. */
export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  /** A coordinator's university, where matching's coordinator endpoints read it (CoordinatorUniversity). */
  coordinator?: { universityId: string };
}

const refused =
  (register.getSingleMetric('http_requests_refused_total') as Counter<'reason'> | undefined) ??
  new Counter({ name: 'http_requests_refused_total', help: 'Requests refused before their handler, by reason', labelNames: ['reason'] as const });

/**
 * The one gate in front of every route: authenticate the bearer token (401), count the request against the
 * caller's rate limit (429), refuse a revoked token (401), then apply the route's rule (403 for a role it does not
 * name, 404 for another university's data). Routes that declare no rule are for administrators only; only
 * `@Public()` routes skip it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly limiter: RateLimiter,
    private readonly revocations: Revocations,
    @Optional() @InjectDataSource() private readonly db?: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Kafka event handlers are not HTTP: the transport authenticates the broker connection, not each message.
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]) ?? DEFAULT_ACCESS_RULE;
    if (rule.public) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();

    let principal: Principal;
    try {
      principal = await this.verifier.verifyAuthorizationHeader(req.headers.authorization);
    } catch (e) {
      if (!(e instanceof AuthenticationError)) throw e;
      // Failed attempts count against the address, so guessing tokens is throttled too.
      this.enforce(await this.limiter.forAddress(req.ip), res);
      if (e.reason === 'unavailable') {
        this.logger.warn(`token not verified: ${e.detail}`);
        refused.inc({ reason: 'keys_unavailable' });
        throw new DomainError(ERROR_CODES.serviceUnavailable, e.message);
      }
      if (e.detail) this.logger.debug(`token refused (${e.reason}): ${e.detail}`);
      refused.inc({ reason: 'unauthenticated' });
      res.setHeader('WWW-Authenticate', `Bearer realm="civic-match"${e.reason === 'missing' ? '' : ', error="invalid_token"'}`);
      throw new DomainError(ERROR_CODES.unauthenticated, e.message);
    }
    // Both ask Redis: one round trip's wait, not two.
    const [verdict, revoked] = await Promise.all([this.limiter.forSubject(principal.subject), this.revocations.isRevoked(principal)]);
    this.enforce(verdict, res);
    if (revoked) {
      refused.inc({ reason: 'revoked' });
      res.setHeader('WWW-Authenticate', 'Bearer realm="civic-match", error="invalid_token"');
      throw new DomainError(ERROR_CODES.unauthenticated, 'the bearer token has been revoked');
    }
    req.principal = principal;
    if (principal.role === 'coordinator' && principal.universityId) req.coordinator = { universityId: principal.universityId };

    const decision = await decideAccess(rule, principal, { params: req.params ?? {}, query: req.query ?? {}, body: req.body }, (r, id) => this.ownerOf(r, id));
    if (!decision.allowed) {
      refused.inc({ reason: decision.status === 404 ? 'hidden' : 'forbidden' });
      throw new DomainError(decision.status === 404 ? ERROR_CODES.notFound : ERROR_CODES.forbidden, decision.message);
    }
    // Express 5 parses req.query on every read: pin the narrowed copy on the request itself.
    if (decision.query) Object.defineProperty(req, 'query', { value: decision.query, writable: true, configurable: true, enumerable: true });
    return true;
  }

  /** Sets the RateLimit headers and refuses with 429 when the caller is over its limit. */
  private enforce(verdict: RateLimitVerdict | null, res: Response): void {
    if (!verdict) return;
    res.setHeader('RateLimit-Limit', String(verdict.limit));
    res.setHeader('RateLimit-Remaining', String(verdict.remaining));
    res.setHeader('RateLimit-Reset', String(verdict.resetSeconds));
    if (verdict.allowed) return;
    res.setHeader('Retry-After', String(verdict.resetSeconds));
    refused.inc({ reason: 'rate_limited' });
    throw new DomainError(ERROR_CODES.tooManyRequests, `too many requests: at most ${verdict.limit} per window; retry in ${verdict.resetSeconds} s`);
  }

  /** The university a stored record belongs to, from the service's own table; null when there is none (or the id cannot match). */
  private async ownerOf(record: RecordOwnership, id: string): Promise<string | null> {
    if (!this.db) return null;
    try {
      const rows: Array<{ owner: unknown }> = await this.db.query(
        `SELECT "${record.column}" AS owner FROM "${record.table}" WHERE "${record.idColumn ?? 'id'}" = $1 LIMIT 1`,
        [id],
      );
      return typeof rows[0]?.owner === 'string' ? rows[0].owner : null;
    } catch (e) {
      this.logger.warn(`ownership of ${record.table} ${JSON.stringify(id)} not read: ${(e as Error).message}`);
      return null;
    }
  }
}
