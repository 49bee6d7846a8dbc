import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { ALL_TOPICS } from '@civic/contracts';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { KafkaConnection } from '../kafka/kafka-connection';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { eventsPublished, outboxBacklog, outboxOldestAge, outboxPublishFailures, pipelineTransactions, stageDone } from '../messaging.metrics';
import { MESSAGING_DEFAULTS, MessagingSettings } from '../messaging.settings';
import { OUTBOX_CHANNEL } from './outbox';

const IDLE_POLL_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
const STATS_INTERVAL_MS = 2000;

interface OutboxRow {
  seq: string;
  topic: string;
  key: string;
  type: string;
  eventId: string;
  correlationId: string | null;
  /** The envelope as PostgreSQL prints the jsonb: sent as is, never parsed and serialised again here. */
  value: string;
}

/** What /health and the metrics say about the outbox. */
export interface OutboxStatus {
  backlog: number;
  oldestAgeMs: number;
  /** True when the figures are the last known ones because the database did not answer. */
  stale?: boolean;
}

/**
 * Only the oldest unpublished row of each (topic, key) is eligible, and eligible rows are locked with SKIP LOCKED:
 * relays of several replicas take disjoint batches, and a key's next event cannot leave before the previous one
 * is marked published (its row is then no longer unpublished), so per-key order holds across replicas.
 *
 * Found in two steps whose plans do not depend on the table's statistics: the first (lanes + 1) x batch waiting rows
 * in order (HEAD_CANDIDATES: the other lanes' locked batches and one more batch), of which the first row of each key is that key's oldest unpublished row (every
 * waiting row before it is in the prefix); then those rows, locked (LOCK_HEADS). One statement with a `NOT EXISTS` per
 * row did the same, but the planner, whose statistics were gathered while nothing waited, joined it as a nested loop
 * over every waiting row: quadratic in the backlog (950 ms for 500 of 2,000 waiting rows; docs/benchmarks.md).
 * A key's rows are written one transaction after the other (its aggregate's row lock), so no earlier row of a key
 * commits after a later one, and since rows only leave the waiting set, a head stays a head until it is published.
 */
const HEAD_CANDIDATES = `SELECT seq, topic, key FROM outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT $1`;
const LOCK_HEADS = `
  SELECT o.seq, o.topic, o.key, o.type, o.event_id AS "eventId", o.envelope->>'correlationId' AS "correlationId",
    o.envelope::text AS value
  FROM outbox_event o
  WHERE o.seq = ANY($1::bigint[]) AND o.published_at IS NULL
  ORDER BY o.seq
  LIMIT $2
  FOR UPDATE OF o SKIP LOCKED`;

/** Of waiting rows in order, the first of each (topic, key): the seqs of the keys' oldest unpublished rows. */
export function keyHeads(prefix: ReadonlyArray<{ seq: string; topic: string; key: string }>): string[] {
  const seen = new Set<string>();
  const heads: string[] = [];
  for (const r of prefix) {
    const id = `${r.topic}\u0000${r.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    heads.push(r.seq);
  }
  return heads;
}

/** Counts published rows with one increment per (topic, type) rather than one per row. */
function countPublished(rows: readonly OutboxRow[]): void {
  const counts = new Map<string, { topic: string; type: string; n: number }>();
  for (const r of rows) {
    const id = `${r.topic}\u0000${r.type}`;
    const c = counts.get(id);
    if (c) c.n++;
    else counts.set(id, { topic: r.topic, type: r.type, n: 1 });
  }
  for (const { topic, type, n } of counts.values()) eventsPublished.inc({ topic, type }, n);
}

/**
 * Publishes committed outbox rows to Kafka, in order per key, awaiting every send, and marks them published in the
 * transaction that locked them. A crash between send and mark rolls the transaction back and republishes the rows:
 * consumers' inboxes absorb that. Replicas share the outbox (row locks, SKIP LOCKED); the backlog and the age of the
 * oldest waiting row are metrics and part of /health.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly settings: MessagingSettings;
  private running = false;
  /** The sleeping lanes' wake-ups: a notification wakes every lane. */
  private readonly sleepers = new Set<() => void>();
  private loop?: Promise<unknown>;
  private listener?: Client;
  private statsTimer?: NodeJS.Timeout;
  private topicsReady?: Promise<void>;
  private lastStatus: { backlog: number; oldest: number | null } = { backlog: 0, oldest: null };
  /** Rows published since start (for tests and the start-up summary). */
  published = 0;
  /** Batches that failed since start. */
  failures = 0;
  lastError?: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.settings = { ...MESSAGING_DEFAULTS, ...options.settings };
    kafka.registerProbe('outbox', () => this.healthProbe());
  }

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.listen().catch((e) => this.logger.warn({ err: e }, 'LISTEN failed; relying on polling'));
    // Several lanes, each a loop of its own transactions, share the outbox as replicas' relays do: while one lane waits
    // for the broker's acknowledgement, another locks the next batch (its send queues behind the first on the
    // producer's connection), and marking one batch overlaps the next one's send.
    this.loop = Promise.all(Array.from({ length: this.settings.outboxLanes }, () => this.run()));
    this.statsTimer = setInterval(() => void this.status().catch(() => undefined), STATS_INTERVAL_MS);
    this.statsTimer.unref();
  }

  /** Stops the loop before the database and the producer close (their shutdown hooks run after this one). */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    clearInterval(this.statsTimer);
    this.wakeAll();
    // A send waiting for an absent broker must not hold shutdown forever: unpublished rows stay in the outbox.
    await Promise.race([this.loop, new Promise((r) => setTimeout(r, 5000).unref())]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
  }

  /** Rows not yet published. */
  async backlog(): Promise<number> {
    return (await this.status()).backlog;
  }

  /** Backlog and age of the oldest waiting row, fresh from the database (the last known figures if it does not answer). */
  async status(): Promise<OutboxStatus> {
    try {
      const [row] = await this.dataSource.query(
        `SELECT count(*)::int AS backlog, (extract(epoch FROM min(created_at)) * 1000)::float8 AS oldest FROM outbox_event WHERE published_at IS NULL`,
      );
      this.lastStatus = { backlog: row.backlog, oldest: row.oldest === null ? null : Number(row.oldest) };
      const status = this.describe(this.lastStatus);
      outboxBacklog.set(status.backlog);
      outboxOldestAge.set(status.oldestAgeMs / 1000);
      return status;
    } catch {
      return { ...this.describe(this.lastStatus), stale: true };
    }
  }

  private describe({ backlog, oldest }: { backlog: number; oldest: number | null }): OutboxStatus {
    return { backlog, oldestAgeMs: oldest === null ? 0 : Math.max(0, Math.round(Date.now() - oldest)) };
  }

  /** The outbox part of /health: its figures, or an error once a threshold is passed (the service answers 503). */
  private async healthProbe(): Promise<Record<string, unknown>> {
    const s = await this.status();
    const { outboxHealthMaxBacklog: maxBacklog, outboxHealthMaxAgeMs: maxAge } = this.settings;
    if (s.backlog > maxBacklog || s.oldestAgeMs > maxAge) {
      throw new Error(
        `outbox stuck: ${s.backlog} unpublished rows, oldest ${s.oldestAgeMs} ms ` +
          `(limits OUTBOX_HEALTH_MAX_BACKLOG ${maxBacklog}, OUTBOX_HEALTH_MAX_AGE_MS ${maxAge})${this.lastError ? `; last error: ${this.lastError}` : ''}`,
      );
    }
    return { ...s };
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl });
    client.on('notification', () => this.wakeAll());
    client.on('error', (e) => {
      this.logger.warn({ err: e }, 'outbox LISTEN connection lost; polling until it is back');
      this.listener = undefined;
      void client.end().catch(() => undefined);
      this.relisten();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (e) {
      void client.end().catch(() => undefined);
      this.relisten();
      throw e;
    }
    this.listener = client;
    // Rows committed while we were not listening are found by this wake-up rather than the next poll.
    this.wakeAll();
  }

  private relisten(): void {
    if (!this.running) return;
    setTimeout(() => this.running && !this.listener && void this.listen().catch(() => undefined), 1000).unref();
  }

  private async run(): Promise<void> {
    let backoff = 200;
    while (this.running) {
      try {
        const n = await this.publishBatch();
        backoff = 200;
        this.lastError = undefined;
        if (n > 0) continue;
      } catch (e) {
        this.failures++;
        outboxPublishFailures.inc();
        this.lastError = (e as Error).message;
        this.logger.warn({ err: e, retryInMs: backoff }, 'outbox publish failed; will retry');
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        continue;
      }
      await this.sleep(IDLE_POLL_MS);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.sleepers.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  private wakeAll(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  /** Publishes up to one batch; returns how many rows it published. */
  async publishBatch(): Promise<number> {
    const producer = await this.kafka.getProducer();
    this.topicsReady ??= this.kafka.ensureTopics(ALL_TOPICS).catch((e) => {
      this.topicsReady = undefined;
      throw e;
    });
    await this.topicsReady;
    let t = performance.now();
    const published = await this.dataSource.transaction(async (m) => {
      // Marking rows published need not wait for the disk: a mark lost in a crash only republishes the rows, which
      // the consumers' inboxes absorb (docs/reliability.md), and it saves a WAL flush per batch.
      await m.query(`SET LOCAL synchronous_commit = off`);
      const batch = this.settings.outboxBatch;
      // The prefix holds the batches the other lanes have locked (still waiting) and one batch more.
      const heads = keyHeads(await m.query(HEAD_CANDIDATES, [batch * (this.settings.outboxLanes + 1)]));
      if (heads.length === 0) return 0;
      // Heads another relay holds are skipped (SKIP LOCKED); the rest of the prefix's heads fill the batch.
      const rows: OutboxRow[] = await m.query(LOCK_HEADS, [heads, batch]);
      if (rows.length === 0) return 0;
      t = stageDone('relay', 'lock', t);
      await this.send(producer, rows);
      t = stageDone('relay', 'send', t);
      await m.query(`UPDATE outbox_event SET published_at = now() WHERE seq = ANY($1::bigint[])`, [rows.map((r) => r.seq)]);
      countPublished(rows);
      this.published += rows.length;
      return rows.length;
    });
    if (published > 0) {
      stageDone('relay', 'mark', t);
      pipelineTransactions.inc({ side: 'relay' });
    }
    return published;
  }

  private async send(producer: Producer, rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, OutboxRow[]>();
    for (const r of rows) {
      const list = byTopic.get(r.topic);
      if (list) list.push(r);
      else byTopic.set(r.topic, [r]);
    }
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic: this.kafka.topic(topic),
          messages: list.map((r) => ({
            key: r.key,
            value: r.value,
            headers: {
              'event-id': r.eventId,
              'event-type': r.type,
              'correlation-id': r.correlationId ?? '',
            },
          })),
        })),
      });
    } catch (e) {
      await this.kafka.resetProducer(producer);
      throw e;
    }
  }
}
