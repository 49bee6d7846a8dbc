import { Logger } from '@nestjs/common';
import type { Principal } from '../roles';
import { keyPart, ThrottledWarning, withinTimeout } from '../store-call';

/** Where revocations live: one store that every service reads (the shared Redis). */
export interface RevocationStore {
  /** False while the store cannot answer (the check then lets requests through). */
  readonly available: boolean;
  /** The values of `keys`, null for a key that is not set. */
  read(keys: string[]): Promise<Array<string | null>>;
  write(key: string, value: string, ttlSeconds: number): Promise<void>;
}

/** The part of a node-redis client the store uses. */
export interface RedisRevocationClient {
  readonly isReady: boolean;
  mGet(keys: string[]): Promise<Array<string | null>>;
  set(key: string, value: string, options: { EX: number }): Promise<unknown>;
}

/**
 * Revocations in Redis, shared by every service of a deployment: under `<namespace>:revoked:` (REDIS_NAMESPACE), not
 * the per-service rate-limit keys.
 */
export class RedisRevocationStore implements RevocationStore {
  private readonly prefix: string;

  constructor(
    private readonly client: RedisRevocationClient,
    namespace = 'civic',
  ) {
    this.prefix = `${namespace}:`;
  }

  get available(): boolean {
    return this.client.isReady;
  }

  read(keys: string[]): Promise<Array<string | null>> {
    return this.client.mGet(keys.map((k) => this.prefix + k));
  }

  async write(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.client.set(this.prefix + key, value, { EX: ttlSeconds });
  }
}

/** Revocation keys start so; the store puts the deployment's namespace in front. */
export const REVOCATION_KEY_PREFIX = 'revoked:';
/** How long a subject's revocation is kept: longer than any token should live. */
export const SUBJECT_REVOCATION_SECONDS = 30 * 86_400;

/**
 * Revoked credentials, checked after a token is verified: a token by its id (`jti`), kept until the token would have
 * expired anyway; or every token of a subject issued up to a moment (`iat` at or before it; a token without `iat`
 * too), kept 30 days. Fails open like the rate limits: while the store cannot answer, a warning is logged (at most
 * once a minute) and requests go through, so a Redis outage does not take the API down.
 */
export class Revocations {
  private readonly warning = new ThrottledWarning(new Logger('Revocations'));

  constructor(
    private readonly store: RevocationStore,
    private readonly timeoutMs = 250,
  ) {}

  /** True when the principal's token is revoked; null when the store could not answer. */
  async isRevoked(principal: Principal): Promise<boolean | null> {
    if (!this.store.available) return this.unknown('the store (Redis) is unavailable');
    try {
      const keys = [subjectKey(principal.subject), ...(principal.tokenId ? [tokenKey(principal.tokenId)] : [])];
      const [subjectRevokedAt, token] = await withinTimeout(this.store.read(keys), this.timeoutMs);
      if (token) return true;
      return subjectRevokedAt !== null && (principal.issuedAt === undefined || principal.issuedAt <= Number(subjectRevokedAt));
    } catch (e) {
      return this.unknown((e as Error).message);
    }
  }

  /** Revokes one token by its id until `expiresAt` (seconds since the epoch), when it would have expired anyway. */
  async revokeToken(tokenId: string, expiresAt: number, now = Date.now() / 1000): Promise<void> {
    await this.store.write(tokenKey(tokenId), '1', Math.max(60, Math.ceil(expiresAt - now) + 60));
  }

  /** Revokes every token of `subject` issued up to now (whole seconds, as `iat` counts). */
  async revokeSubject(subject: string, now = Date.now() / 1000): Promise<void> {
    await this.store.write(subjectKey(subject), String(Math.floor(now)), SUBJECT_REVOCATION_SECONDS);
  }

  private unknown(why: string): null {
    this.warning.warn(`revocations are not checked: ${why}`);
    return null;
  }
}

const tokenKey = (tokenId: string) => `${REVOCATION_KEY_PREFIX}token:${keyPart(tokenId)}`;
const subjectKey = (subject: string) => `${REVOCATION_KEY_PREFIX}subject:${keyPart(subject)}`;
