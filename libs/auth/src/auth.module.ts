import { DynamicModule, Inject, Injectable, Module, OnModuleInit, Optional } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessGuard } from './access/access.guard';
import { AuditSubscriber } from './audit/audit.subscriber';
import { RateLimiter, RateLimitOptions, RateLimitStore } from './rate-limit/rate-limiter';
import { Revocations, RevocationStore } from './revocation/revocations';
import { TokenVerifier, TokenVerifierOptions } from './tokens/token-verifier';

/** Everything the auth module needs, built by the service core from its validated config. */
export interface AuthModuleOptions {
  /** The service's name: audit entries and rate-limit keys carry it. */
  service: string;
  verifier: TokenVerifierOptions;
  rateLimit: RateLimitOptions & { store: RateLimitStore };
  /** Revoked tokens and subjects, shared by every service. */
  revocations: RevocationStore;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

/** Adds the audit subscriber to the service's data source once it is up (after its migrations ran). */
@Injectable()
class AuditInstaller implements OnModuleInit {
  constructor(
    @Inject(AUTH_OPTIONS) private readonly options: AuthModuleOptions,
    @Optional() @InjectDataSource() private readonly db?: DataSource,
  ) {}

  onModuleInit(): void {
    if (this.db && !this.db.subscribers.some((s) => s instanceof AuditSubscriber)) this.db.subscribers.push(new AuditSubscriber(this.options.service));
  }
}

/**
 * Authentication, authorization, rate limits and the audit log for one service: a global guard in front of every
 * route, and the audit subscriber on its database.
 */
@Module({})
export class AuthModule {
  static forRootAsync(options: { inject: any[]; useFactory: (...args: any[]) => AuthModuleOptions }): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: AUTH_OPTIONS, inject: options.inject, useFactory: options.useFactory },
        { provide: TokenVerifier, inject: [AUTH_OPTIONS], useFactory: (o: AuthModuleOptions) => new TokenVerifier(o.verifier) },
        { provide: RateLimiter, inject: [AUTH_OPTIONS], useFactory: (o: AuthModuleOptions) => new RateLimiter(o.rateLimit.store, o.rateLimit) },
        { provide: Revocations, inject: [AUTH_OPTIONS], useFactory: (o: AuthModuleOptions) => new Revocations(o.revocations) },
        { provide: APP_GUARD, useClass: AccessGuard },
        AuditInstaller,
      ],
      exports: [AUTH_OPTIONS, TokenVerifier, RateLimiter, Revocations],
    };
  }
}
