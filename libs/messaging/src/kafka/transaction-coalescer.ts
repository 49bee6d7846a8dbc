/** One caller's run of events, waiting to be applied together with other callers' runs. */
interface Waiting<I, O> {
  items: I[];
  resolve(outcomes: O[]): void;
  reject(error: unknown): void;
}

/**
 * Applies runs of events handed over at about the same time (the batches of several partitions from one fetch) in one
 * transaction, one transaction at a time: each transaction's fixed costs (BEGIN, COMMIT and its fsync, the round
 * trips) are paid once for all of them instead of once per partition. Each caller gets the outcomes of its own items.
 * When a transaction of several callers' runs fails, each run is applied again on its own, so a failing event fails
 * only its own caller (who then isolates it) and nothing is applied twice: a failed transaction applied nothing.
 */
export class TransactionCoalescer<I, O> {
  private queue: Array<Waiting<I, O>> = [];
  private draining = false;

  /**
   * @param applyAll applies the items in one transaction, returning one outcome per item in order
   * @param maxItems a transaction takes further callers' runs only while it stays within this many items
   */
  constructor(
    private readonly applyAll: (items: I[]) => Promise<O[]>,
    private readonly maxItems: number,
  ) {}

  /** Applies `items` in a transaction shared with the runs other callers hand over meanwhile. */
  apply(items: I[]): Promise<O[]> {
    return new Promise<O[]>((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length) {
        // One turn of the event loop, so that the other partitions' batches of the same fetch join this transaction.
        await new Promise((r) => setImmediate(r));
        const group = this.take();
        if (group.length === 1) await this.run(group[0]);
        else {
          try {
            const outcomes = await this.applyAll(group.flatMap((w) => w.items));
            let at = 0;
            for (const w of group) {
              w.resolve(outcomes.slice(at, at + w.items.length));
              at += w.items.length;
            }
          } catch {
            for (const w of group) await this.run(w);
          }
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** The first waiting run, and the next ones while they fit within maxItems. */
  private take(): Array<Waiting<I, O>> {
    let n = this.queue[0].items.length;
    let k = 1;
    while (k < this.queue.length && n + this.queue[k].items.length <= this.maxItems) n += this.queue[k++].items.length;
    return this.queue.splice(0, k);
  }

  private async run(w: Waiting<I, O>): Promise<void> {
    try {
      w.resolve(await this.applyAll(w.items));
    } catch (e) {
      w.reject(e);
    }
  }
}
