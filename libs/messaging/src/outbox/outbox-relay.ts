import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { ALL_TOPICS } from '@civic/contracts';
import { DataSource } from 'typeorm';
import { KafkaConnection } from '../kafka/kafka-connection';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { eventsPublished, outboxBacklog } from '../messaging.metrics';
import { OUTBOX_CHANNEL } from './outbox';

const BATCH = 500;
const IDLE_POLL_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
/** One relay at a time per database publishes, so per-key order holds even with several replicas. */
const RELAY_LOCK = 72_823_001;

interface OutboxRow {
  seq: string;
  topic: string;
  key: string;
  type: string;
  envelope: Record<string, unknown>;
}

/**
 * Publishes committed outbox rows to Kafka in commit order, awaiting every send, and marks them published in the
 * same transaction that locked them. A crash between send and mark republishes: consumers' inboxes absorb that.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private running = false;
  private wakeUp?: () => void;
  private loop?: Promise<void>;
  private listener?: Client;
  private backlogTimer?: NodeJS.Timeout;
  private topicsReady?: Promise<void>;
  /** Rows published since start (for tests and the start-up summary). */
  published = 0;
  lastError?: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.listen().catch((e) => this.logger.warn({ err: e }, 'LISTEN failed; relying on polling'));
    this.loop = this.run();
    this.backlogTimer = setInterval(() => void this.backlog().catch(() => undefined), 5000);
    this.backlogTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    clearInterval(this.backlogTimer);
    this.wakeUp?.();
    // A send waiting for an absent broker must not hold shutdown forever: unpublished rows stay in the outbox.
    await Promise.race([this.loop, new Promise((r) => setTimeout(r, 5000).unref())]);
    await this.listener?.end().catch(() => undefined);
  }

  /** Rows not yet published. */
  async backlog(): Promise<number> {
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM outbox_event WHERE published_at IS NULL`);
    outboxBacklog.set(count);
    return count;
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl });
    client.on('notification', () => this.wakeUp?.());
    client.on('error', (e) => {
      this.logger.warn({ err: e }, 'outbox LISTEN connection lost; polling until it is back');
      this.listener = undefined;
      setTimeout(() => this.running && void this.listen().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = client;
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
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  /** Publishes up to one batch; returns how many rows it published. */
  async publishBatch(): Promise<number> {
    const producer = await this.kafka.getProducer();
    this.topicsReady ??= this.kafka.ensureTopics(ALL_TOPICS).catch((e) => {
      this.topicsReady = undefined;
      throw e;
    });
    await this.topicsReady;
    return this.dataSource.transaction(async (m) => {
      const [{ locked }] = await m.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [RELAY_LOCK]);
      if (!locked) return 0;
      const rows: OutboxRow[] = await m.query(
        `SELECT seq, topic, key, type, envelope FROM outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
        [BATCH],
      );
      if (rows.length === 0) return 0;
      const byTopic = new Map<string, OutboxRow[]>();
      for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic: this.kafka.topic(topic),
          messages: list.map((r) => ({
            key: r.key,
            value: JSON.stringify(r.envelope),
            headers: {
              'event-id': String(r.envelope.id),
              'event-type': r.type,
              'correlation-id': String(r.envelope.correlationId ?? ''),
            },
          })),
        })),
      });
      await m.query(`UPDATE outbox_event SET published_at = now() WHERE seq = ANY($1::bigint[])`, [rows.map((r) => r.seq)]);
      for (const r of rows) eventsPublished.inc({ topic: r.topic, type: r.type });
      this.published += rows.length;
      return rows.length;
    });
  }
}
