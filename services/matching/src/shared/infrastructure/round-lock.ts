import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { BaseServiceConfig, REDIS_CLIENT, RedisClient, redisKey, SERVICE_CONFIG } from '@civic/platform';

// Compare-and-delete / compare-and-extend: only the holder's token may release or extend the lock.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
// Delete when the token names this holder (`<holder>|<random>`): frees a dead process's lock without knowing its token.
const RELEASE_HOLDER = `local v = redis.call('get', KEYS[1]) if v and string.sub(v, 1, string.len(ARGV[1])) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

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

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(SERVICE_CONFIG) private readonly config: BaseServiceConfig,
  ) {}

  /** Takes `name` (in this deployment's Redis namespace) for `ttlMs`, refreshed every ttl/3 while held; null when another holder has it. */
  async acquire(name: string, ttlMs: number, holder = ''): Promise<HeldLock | null> {
    const key = redisKey(this.config, name);
    if (!this.redis.isReady) {
      this.logger.warn(`Redis unavailable: ${key} is guarded by the database only`);
      return { key, enforced: false, release: async () => undefined };
    }
    const token = `${holder}|${randomUUID()}`;
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

  /** Frees `name` if `holder` holds it (a process known to be dead); true when it did. */
  async releaseHeldBy(name: string, holder: string): Promise<boolean> {
    if (!this.redis.isReady) return false;
    const key = redisKey(this.config, name);
    return (await this.redis.eval(RELEASE_HOLDER, { keys: [key], arguments: [`${holder}|`] })) === 1;
  }
}
