import { Client } from 'pg';
import { sqlIdentifier } from './commit-notices';

/**
 * Answers computed from some tables, kept until a committed change of them is announced on `channel` (NOTIFY sent
 * after each commit that wrote them: CommitNotices.watch), and for at most `maxAgeMs`.
 *
 * An answer is stored under the change generation read *before* its queries ran, and the generation moves on every
 * notification and every `invalidate()`. A change announced later moves the generation, and the stored answer is
 * never served again. While the LISTEN connection is down (notifications could be missed) nothing is cached or
 * served from the cache; reconnecting starts a new generation.
 *
 * Within the process `invalidate()` runs right after a local commit (CommitNotices' `onLocalCommit`), so the caller
 * that committed reads its change at once. Another process's change is seen once its notification arrives, a
 * moment after its commit; a notification that never comes (the writer died between its commit and the NOTIFY) is
 * covered by `maxAgeMs`.
 *
 * One LISTEN connection per process; replicas each have their own and each hear every commit.
 */
export class ChangeCache<V> {
  private generation = 0;
  private client: Client | undefined;
  private running = false;
  private readonly entries = new Map<string, { generation: number; value: V; storedAt: number }>();

  constructor(
    private readonly options: {
      databaseUrl: string;
      channel: string;
      /** Answers kept at most (the oldest stored goes first). */
      maxEntries: number;
      /** An answer is read again after this long even when no change was announced (default 60 s). */
      maxAgeMs?: number;
      onError?: (message: string) => void;
      /** Told how each `get` was answered: from the cache, read (and stored), read but not stored (a change came in meanwhile), or read while not listening. */
      onAnswer?: (how: 'hit' | 'stored' | 'stale' | 'unlistened') => void;
    },
  ) {}

  /** Whether answers are cached now (the LISTEN connection is up). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  async start(): Promise<void> {
    this.running = true;
    await this.listen().catch((e: Error) => {
      this.options.onError?.(`LISTEN ${this.options.channel} failed (${e.message}); not caching until it is back`);
      this.retry();
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    const client = this.client;
    this.drop();
    await client?.end().catch(() => undefined);
  }

  /** Forgets every answer: something this process just committed may have changed them. */
  invalidate(): void {
    this.generation++;
  }

  /** The cached answer for `key` if nothing changed since it was computed; else computes and stores it. */
  async get(key: string, compute: () => Promise<V>): Promise<V> {
    if (!this.client) {
      this.options.onAnswer?.('unlistened');
      return compute();
    }
    const generation = this.generation;
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation && Date.now() - hit.storedAt < (this.options.maxAgeMs ?? 60_000)) {
      this.options.onAnswer?.('hit');
      return hit.value;
    }
    const value = await compute();
    if (this.client && this.generation === generation) {
      this.entries.delete(key);
      this.entries.set(key, { generation, value, storedAt: Date.now() });
      if (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
      this.options.onAnswer?.('stored');
    } else this.options.onAnswer?.('stale');
    return value;
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl });
    client.on('notification', () => this.generation++);
    const lost = (why: string): void => {
      if (this.client !== client) return;
      this.options.onError?.(`LISTEN ${this.options.channel} connection lost (${why}); not caching until it is back`);
      this.drop();
      void client.end().catch(() => undefined);
      this.retry();
    };
    client.on('error', (e) => lost(e.message));
    client.on('end', () => lost('ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${sqlIdentifier(this.options.channel)}`);
    } catch (e) {
      void client.end().catch(() => undefined);
      throw e;
    }
    if (!this.running) {
      await client.end().catch(() => undefined);
      return;
    }
    // Whatever changed while nobody listened: a new generation, and nothing stored before it is served.
    this.generation++;
    this.entries.clear();
    this.client = client;
  }

  private drop(): void {
    this.client = undefined;
    this.generation++;
    this.entries.clear();
  }

  private retry(): void {
    if (!this.running) return;
    setTimeout(() => {
      if (this.running && !this.client) void this.listen().catch(() => this.retry());
    }, 1000).unref();
  }
}
