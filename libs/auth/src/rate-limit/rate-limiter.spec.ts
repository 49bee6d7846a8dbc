import { RateLimiter, RateLimitStore } from './rate-limiter';

/** An in-memory store with the same fixed-window semantics as the Redis script. */
class MemoryStore implements RateLimitStore {
  available = true;
  failing = false;
  readonly counts = new Map<string, number>();
  async hit(key: string): Promise<{ count: number; resetMs: number }> {
    if (this.failing) throw new Error('connection reset');
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return { count: n, resetMs: 42_000 };
  }
}

describe('RateLimiter', () => {
  it('allows a caller its limit per window and refuses the next request, keyed by token subject', async () => {
    const store = new MemoryStore();
    const limiter = new RateLimiter(store, { max: 3, anonymousMax: 1, windowMs: 60_000 });
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await limiter.forSubject('alice'));
    expect(verdicts.map((v) => v?.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[3]).toEqual({ allowed: false, limit: 3, remaining: 0, resetSeconds: 42 });
    expect((await limiter.forSubject('bob'))?.allowed).toBe(true);
  });

  it('counts requests without a valid token by address, against the anonymous limit', async () => {
    const store = new MemoryStore();
    const limiter = new RateLimiter(store, { max: 100, anonymousMax: 1, windowMs: 60_000 });
    expect((await limiter.forAddress('10.0.0.1'))?.allowed).toBe(true);
    expect((await limiter.forAddress('10.0.0.1'))?.allowed).toBe(false);
    expect([...store.counts.keys()]).toEqual(['ip:10.0.0.1']);
  });

  it('fails open when the store is down, errors or is slow', async () => {
    const store = new MemoryStore();
    const limiter = new RateLimiter(store, { max: 1, anonymousMax: 1, windowMs: 60_000, timeoutMs: 20 });
    store.available = false;
    expect(await limiter.forSubject('alice')).toBeNull();
    store.available = true;
    store.failing = true;
    expect(await limiter.forSubject('alice')).toBeNull();
    store.failing = false;
    store.hit = () => new Promise(() => undefined);
    expect(await limiter.forSubject('alice')).toBeNull();
  });

  it('turns off with a limit of 0, and hashes subjects that are not plain', async () => {
    const store = new MemoryStore();
    expect(await new RateLimiter(store, { max: 0, anonymousMax: 0, windowMs: 60_000 }).forSubject('x')).toBeNull();
    await new RateLimiter(store, { max: 5, anonymousMax: 5, windowMs: 60_000 }).forSubject('weird subject\n{}');
    expect([...store.counts.keys()][0]).toMatch(/^sub:[0-9a-f]{32}$/);
  });
});
