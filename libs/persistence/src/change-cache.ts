import { Client } from 'pg';

/** Quotes a PostgreSQL identifier (table, channel) made of letters, digits and `_` only. */
function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`${JSON.stringify(name)} must be lower-case letters, digits and _`);
  return name;
}

/**
 * Migration SQL: every committed change of `tables` (insert, update, delete, truncate) sends NOTIFY on `channel`.
 * Statement-level triggers: one notification per statement, and PostgreSQL folds a transaction's identical
 * notifications into one, delivered only when it commits.
 */
export function notifyOnChangeSql(channel: string, tables: readonly string[]): string[] {
  const fn = `notify_${identifier(channel)}`;
  return [
    `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('${channel}', ''); RETURN NULL; END $$`,
    ...tables.map(
      (t) => `CREATE TRIGGER ${identifier(t)}_${channel} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    ),
  ];
}

/** The reverse of notifyOnChangeSql. */
export function dropNotifyOnChangeSql(channel: string, tables: readonly string[]): string[] {
  return [...tables.map((t) => `DROP TRIGGER IF EXISTS ${identifier(t)}_${identifier(channel)} ON ${t}`), `DROP FUNCTION IF EXISTS notify_${channel}()`];
}

/**
 * Answers computed from tables that notify on change (notifyOnChangeSql), kept until the next committed change.
 *
 * Exact, not time-based: an answer is stored under the change generation read *before* its queries ran, and the
 * generation moves on every notification. A notification arrives only after its transaction committed, so a query
 * that starts after the generation was read sees every change counted in it; a change committed later moves the
 * generation and the stored answer is never served again. While the LISTEN connection is down (notifications
 * could be missed) nothing is cached or served from the cache; reconnecting starts a new generation.
 *
 * A notification reaches the listener a moment after its commit. Within the process, `invalidate()` called right after
 * a local commit (JsonAnswerCache does it from TypeORM's commit events) keeps read-your-writes exact: the caller
 * that committed sees its change at once. A change committed by another process (another replica) is seen once its
 * notification has arrived, typically within a millisecond on one PostgreSQL server.
 *
 * One LISTEN connection per process; replicas each have their own and each hear every commit.
 */
export class ChangeCache<V> {
  private generation = 0;
  private client: Client | undefined;
  private running = false;
  private readonly entries = new Map<string, { generation: number; value: V }>();

  constructor(
    private readonly options: {
      databaseUrl: string;
      channel: string;
      /** Answers kept at most (the oldest stored goes first). */
      maxEntries: number;
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
    if (hit && hit.generation === generation) {
      this.options.onAnswer?.('hit');
      return hit.value;
    }
    const value = await compute();
    if (this.client && this.generation === generation) {
      this.entries.delete(key);
      this.entries.set(key, { generation, value });
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
      await client.query(`LISTEN ${identifier(this.options.channel)}`);
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
