import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { retentionDeleted } from '../messaging.metrics';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { MESSAGING_DEFAULTS, MessagingSettings } from '../messaging.settings';

/** Rows deleted per statement: short transactions, so the relay and the consumers never wait long. */
const BATCH = 5000;
/** The first sweep runs this long after start (or after one interval, if shorter). */
const FIRST_SWEEP_MS = 60_000;

/** What one sweep deleted. */
export interface RetentionSweep {
  outbox: number;
  inbox: number;
}

/**
 * Deletes what the event pipeline no longer needs: outbox rows published before the cut-off and inbox rows applied
 * before it. An inbox row only guards against a redelivery, and Kafka holds no message older than its topics'
 * retention, so `MESSAGING_RETENTION_HOURS` (default 168, Kafka's own default) must be at least the topics'
 * retention. Unpublished outbox rows are never deleted, however old. Batches are locked with SKIP LOCKED: replicas
 * share the work, and a row the relay or a consumer holds is left for the next sweep.
 */
@Injectable()
export class MessagingRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MessagingRetention');
  private readonly settings: MessagingSettings;
  private timers: NodeJS.Timeout[] = [];
  private running?: Promise<unknown>;

  constructor(
    private readonly db: DataSource,
    @Inject(MESSAGING_OPTIONS) options: Pick<MessagingOptions, 'settings'> = {},
  ) {
    this.settings = { ...MESSAGING_DEFAULTS, ...options.settings };
  }

  onApplicationBootstrap(): void {
    const every = this.settings.retentionSweepIntervalMs;
    const tick = (): void => {
      this.running ??= this.sweep()
        .then((n) => n.outbox + n.inbox > 0 && this.logger.log(`deleted ${n.outbox} published outbox rows and ${n.inbox} inbox rows`))
        .catch((e: Error) => this.logger.warn(`retention sweep failed (next in ${every} ms): ${e.message}`))
        .finally(() => (this.running = undefined));
    };
    this.timers = [setTimeout(tick, Math.min(FIRST_SWEEP_MS, every)), setInterval(tick, every)];
    for (const t of this.timers) t.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    await this.running;
  }

  /** Deletes rows older than `olderThan` (default: now minus the retention); returns how many. */
  async sweep(olderThan = new Date(Date.now() - this.settings.retentionHours * 3_600_000), batch = BATCH): Promise<RetentionSweep> {
    const outbox = await this.deleteInBatches(
      `WITH doomed AS (SELECT seq FROM outbox_event WHERE published_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)
       DELETE FROM outbox_event o USING doomed d WHERE o.seq = d.seq`,
      olderThan,
      batch,
    );
    const inbox = await this.deleteInBatches(
      `WITH doomed AS (SELECT consumer_group, event_id FROM inbox_event WHERE applied_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)
       DELETE FROM inbox_event i USING doomed d WHERE i.consumer_group = d.consumer_group AND i.event_id = d.event_id`,
      olderThan,
      batch,
    );
    retentionDeleted.inc({ table: 'outbox_event' }, outbox);
    retentionDeleted.inc({ table: 'inbox_event' }, inbox);
    return { outbox, inbox };
  }

  private async deleteInBatches(sql: string, olderThan: Date, batch: number): Promise<number> {
    let total = 0;
    for (;;) {
      // TypeORM answers a DELETE with [rows, count].
      const [, count] = (await this.db.query(sql, [olderThan, batch])) as [unknown, number];
      total += count;
      if (count < batch) return total;
    }
  }
}
