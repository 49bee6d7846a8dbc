import type { EntityManager } from 'typeorm';

/** A set-based write: the items several events of one consumer transaction handed over, written at once. */
export type BatchWrite<T> = (manager: EntityManager, items: T[]) => Promise<void>;

/** The writes handlers deferred in one consumer transaction, each run once at its end (in order of first use). */
export class DeferredWrites {
  private readonly pending = new Map<BatchWrite<unknown>, unknown[]>();

  /** Queues `item` for `write`. */
  add<T>(write: BatchWrite<T>, item: T): void {
    const items = this.pending.get(write as BatchWrite<unknown>);
    if (items) items.push(item);
    else this.pending.set(write as BatchWrite<unknown>, [item]);
  }

  /** Runs every queued write with its items, then forgets them. */
  async flush(manager: EntityManager): Promise<void> {
    for (const [write, items] of this.pending) await write(manager, items);
    this.pending.clear();
  }
}

/**
 * Of several states of one aggregate, the one with the highest revision (the first of equals), in the order the
 * aggregates first appear: what a revision-guarded upsert of many events in one statement must be given, since
 * `ON CONFLICT DO UPDATE` cannot touch one row twice.
 */
export function newestPerKey<T>(items: readonly T[], keyOf: (item: T) => string, revisionOf: (item: T) => number): T[] {
  const newest = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    const seen = newest.get(key);
    if (!seen || revisionOf(item) > revisionOf(seen)) newest.set(key, item);
  }
  return [...newest.values()];
}
