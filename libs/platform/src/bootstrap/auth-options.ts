import { AuthModuleOptions, DEVELOPMENT_AUTH, RateLimitStore, RevocationStore, VerificationKey } from '@civic/auth';
import type { BaseServiceConfig } from '../config/service-config';

/** The verification key the config names: RS256 (JWKS or public keys) when set, else the HS256 development secret. */
export function verificationKeyOf(config: BaseServiceConfig): VerificationKey {
  if (config.AUTH_JWKS_URL) return { kind: 'rs256-jwks', url: config.AUTH_JWKS_URL };
  if (config.AUTH_PUBLIC_KEY) return { kind: 'rs256-public-keys', pem: config.AUTH_PUBLIC_KEY };
  // Config validation has already refused this branch in production.
  return { kind: 'hs256-secret', secret: config.AUTH_HS256_SECRET ?? DEVELOPMENT_AUTH.secret };
}

/** The auth module's options from a service's validated config. */
export function authOptionsOf(service: string, config: BaseServiceConfig, store: RateLimitStore, revocations: RevocationStore): AuthModuleOptions {
  return {
    service,
    verifier: { key: verificationKeyOf(config), issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE },
    rateLimit: { store, max: config.RATE_LIMIT_MAX, anonymousMax: config.RATE_LIMIT_ANONYMOUS_MAX, windowMs: config.RATE_LIMIT_WINDOW_MS },
    revocations,
  };
}
