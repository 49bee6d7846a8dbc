import type { AfterQueryEvent, DataSource, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

/** A PostgreSQL channel or table name: lower-case letters, digits and `_` (they go into SQL text). */
export function sqlIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`${JSON.stringify(name)} must be lower-case letters, digits and _`);
  return name;
}

const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'TRUNCATE', 'COPY']);

/** True when a pg result (or any of a multi-statement result) changed rows (or truncated a table). */
export function changedRows(raw: unknown): boolean {
  const results = Array.isArray(raw) && raw.some((r) => r && typeof r === 'object' && 'command' in r) ? raw : [raw];
  return results.some((r) => {
    const { command, rowCount } = (r ?? {}) as { command?: string; rowCount?: number | null };
    return !!command && WRITES.has(command) && (command === 'TRUNCATE' || (rowCount ?? 0) > 0);
  });
}

function depthOf(runner: QueryRunner): number {
  return (runner as unknown as { transactionDepth?: number }).transactionDepth ?? 0;
}

/**
 * NOTIFY sent after a transaction commits, not inside it. A NOTIFY inside a transaction makes PostgreSQL take one
 * lock for the whole server at its commit and hold it through the commit's WAL flush, so every notifying transaction
 * of every database commits one after the other: with 8 concurrent writers, half the transactions per second and
 * twice the p99 of the same writes without it (docs/benchmarks.md, "NOTIFY and commits"). After the commit, in a
 * transaction of its own with `synchronous_commit` off, the lock is held for microseconds.
 *
 * The notification is a hint (a relay's wake-up, a cache's invalidation), sent without waiting: if the process dies
 * between the commit and the NOTIFY, listeners find out by their own means (the relay polls, ChangeCache entries
 * expire after a bounded time).
 *
 * One per DataSource (`CommitNotices.of(db)`): `notifyAfterCommit` for a transaction that asks for it explicitly
 * (the outbox), `watch` for every committed write whose SQL names one of some tables (the read caches).
 */
export class CommitNotices implements EntitySubscriberInterface {
  private static readonly registered = new WeakMap<DataSource, CommitNotices>();
  private readonly pending = new WeakMap<QueryRunner, Set<string>>();
  private readonly watches: Array<{ names: RegExp; channel: string; onLocalCommit?: () => void }> = [];

  private constructor(private readonly db: DataSource) {}

  /** The one CommitNotices of `db`, registered as its subscriber on first use. */
  static of(db: DataSource): CommitNotices {
    let notices = CommitNotices.registered.get(db);
    if (!notices) {
      notices = new CommitNotices(db);
      CommitNotices.registered.set(db, notices);
      db.subscribers.push(notices);
    }
    return notices;
  }

  /** Sends NOTIFY on `channel` once the transaction of `runner` commits (nothing if it rolls back). */
  notifyAfterCommit(runner: QueryRunner, channel: string): void {
    sqlIdentifier(channel);
    const set = this.pending.get(runner) ?? new Set<string>();
    set.add(channel);
    this.pending.set(runner, set);
  }

  /**
   * After each committed write whose SQL names one of `tables`: `onLocalCommit` at once (this process), then NOTIFY on
   * `channel` (every listener, other processes included). Only the SQL text is looked at: a write made outside
   * TypeORM, or by a trigger, is not seen.
   */
  watch(tables: readonly string[], channel: string, onLocalCommit?: () => void): void {
    this.watches.push({ names: new RegExp(`\\b(${tables.map(sqlIdentifier).join('|')})\\b`, 'i'), channel: sqlIdentifier(channel), onLocalCommit });
  }

  afterQuery(event: AfterQueryEvent<unknown>): void {
    if (!event.success || this.watches.length === 0 || !changedRows(event.rawResults)) return;
    const hit = this.watches.filter((w) => w.names.test(event.query));
    if (hit.length === 0) return;
    if (event.queryRunner.isTransactionActive) {
      for (const w of hit) this.notifyAfterCommit(event.queryRunner, w.channel);
      return;
    }
    this.committed(new Set(hit.map((w) => w.channel)));
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (depthOf(event.queryRunner) > 0) return;
    const channels = this.pending.get(event.queryRunner);
    if (!channels) return;
    this.pending.delete(event.queryRunner);
    this.committed(channels);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (depthOf(event.queryRunner) === 0) this.pending.delete(event.queryRunner);
  }

  private committed(channels: Set<string>): void {
    for (const w of this.watches) if (channels.has(w.channel)) w.onLocalCommit?.();
    const notifies = [...channels].map((c) => `pg_notify('${c}', '')`).join(', ');
    // Not awaited: the caller's commit is done; a lost hint is covered as the class comment says.
    // One statement, its own transaction: its commit need not wait for the WAL flush (it only carries the NOTIFY).
    void this.db.query(`SELECT set_config('synchronous_commit', 'off', true), ${notifies}`).catch(() => undefined);
  }
}
