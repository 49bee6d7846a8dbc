import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { REDIS_CLIENT, RedisClient } from '@civic/platform';

// Compare-and-delete / compare-and-extend: only the holder's token may release or extend the lock.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/** A lock this process holds; refreshes itself until released. */
export interface HeldLock {
  readonly key: string;
  /** False when Redis was down at acquisition and only the database constraint guards the work. */
  readonly enforced: boolean;
  release(): Promise<void>;
}

/**
 * Short-lived exclusive locks in Redis (SET NX PX with a random token). They are the fast guard; the database
 * constraints behind them are the guarantee, so while Redis is down work proceeds on those alone.
 */
@Injectable()
export class RedisLocks {
  private readonly logger = new Logger('RedisLocks');

  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  /** Takes `key` for `ttlMs` (refreshed every ttl/3 while held); null when another holder has it. */
  async acquire(key: string, ttlMs: number): Promise<HeldLock | null> {
    if (!this.redis.isReady) {
      this.logger.warn(`Redis unavailable: ${key} is guarded by the database only`);
      return { key, enforced: false, release: async () => undefined };
    }
    const token = randomUUID();
    const ok = await this.redis.set(key, token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } });
    if (ok !== 'OK') return null;
    const timer = setInterval(() => {
      void this.redis.eval(EXTEND, { keys: [key], arguments: [token, String(ttlMs)] }).catch(() => undefined);
    }, Math.max(250, Math.floor(ttlMs / 3)));
    timer.unref();
    let released = false;
    return {
      key,
      enforced: true,
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(timer);
        await this.redis.eval(RELEASE, { keys: [key], arguments: [token] }).catch((e: Error) => this.logger.warn(`could not release ${key}: ${e.message}`));
      },
    };
  }
}
