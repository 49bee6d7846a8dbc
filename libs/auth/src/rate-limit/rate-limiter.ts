import { Logger } from '@nestjs/common';
import { keyPart, ThrottledWarning, withinTimeout } from '../store-call';

/** Counts hits in a window shared by every replica. */
export interface RateLimitStore {
  /** Adds one hit to `key`; returns the count in the current window and the milliseconds until it resets. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
  /** False while the store cannot answer (the limiter then lets requests through). */
  readonly available: boolean;
}

/** The part of a node-redis client the store uses. */
export interface RedisLike {
  readonly isReady: boolean;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

// Fixed window that starts at a caller's first hit: INCR, and set the expiry when the key is new (or lost its TTL).
const HIT = `
local n = redis.call('INCR', KEYS[1])
local t = redis.call('PTTL', KEYS[1])
if t < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); t = tonumber(ARGV[1]) end
return {n, t}`;

/** Counters in Redis, so replicas of a service share each caller's budget. */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly client: RedisLike,
    private readonly prefix: string,
  ) {}

  get available(): boolean {
    return this.client.isReady;
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const [count, resetMs] = (await this.client.eval(HIT, { keys: [this.prefix + key], arguments: [String(windowMs)] })) as [number, number];
    return { count: Number(count), resetMs: Number(resetMs) };
  }
}

export interface RateLimitOptions {
  /** Requests per window for a caller with a valid token (keyed by its subject); 0 turns the limit off. */
  max: number;
  /** Requests per window for requests without a valid token (keyed by client address). */
  anonymousMax: number;
  windowMs: number;
  /** How long a store call may take before the limiter gives up on it and lets the request through. */
  timeoutMs?: number;
}

/** The verdict for one request, with what the RateLimit headers report. */
export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/**
 * Per-caller fixed-window limits. Fails open: when the store is down or slow the request goes through and a warning
 * is logged (at most once a minute) — an outage of Redis must not take the API down with it.
 */
export class RateLimiter {
  private readonly warning = new ThrottledWarning(new Logger('RateLimit'));

  constructor(
    private readonly store: RateLimitStore,
    readonly options: RateLimitOptions,
  ) {}

  /** Counts a request of an authenticated caller. Null when no limit applies or the store could not answer. */
  forSubject(subject: string): Promise<RateLimitVerdict | null> {
    return this.consume(`sub:${keyPart(subject)}`, this.options.max);
  }

  /** Counts a request that carries no valid token, by client address. */
  forAddress(address: string | undefined): Promise<RateLimitVerdict | null> {
    return this.consume(`ip:${keyPart(address ?? 'unknown')}`, this.options.anonymousMax);
  }

  private async consume(key: string, max: number): Promise<RateLimitVerdict | null> {
    if (max <= 0) return null;
    if (!this.store.available) {
      this.warning.warn('rate limits are not enforced: the store (Redis) is unavailable');
      return null;
    }
    try {
      const { count, resetMs } = await withinTimeout(this.store.hit(key, this.options.windowMs), this.options.timeoutMs ?? 250);
      return { allowed: count <= max, limit: max, remaining: Math.max(0, max - count), resetSeconds: Math.max(1, Math.ceil(resetMs / 1000)) };
    } catch (e) {
      this.warning.warn(`rate limits are not enforced: ${(e as Error).message}`);
      return null;
    }
  }
}
