import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import type { EventEnvelope } from '@civic/contracts';
import { Consumer, EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { withCorrelationId } from '../correlation/correlation';
import { MalformedEnvelopeError, parseEnvelope } from '../envelope';
import { consumerLag, eventsConsumed } from '../messaging.metrics';
import { EventContext } from './event-context';
import { KafkaConnection } from './kafka-connection';

export interface KafkaEventServerOptions {
  connection: KafkaConnection;
  dataSource: DataSource;
  /** Contract topic names (unprefixed) this service consumes. */
  topics: readonly string[];
  /** Attempts per message before it is dead-lettered. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt. */
  retryDelayMs?: number;
}

type Outcome = 'applied' | 'duplicate' | 'ignored' | 'dead_lettered';

const LAG_INTERVAL_MS = 10_000;

/**
 * A NestJS transport that consumes contract topics with kafkajs and dispatches each envelope to the
 * `@EventPattern(type)` handler through the idempotent inbox: the inbox row and the handler's writes share one
 * transaction, and offsets are committed only after those transactions commit (once per fetched batch). Redeliveries are no-ops; a message that keeps
 * failing goes to `<topic>.dlq` with its origin in headers, and the partition moves on.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private lagTimer?: NodeJS.Timeout;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 200;
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (e) {
      callback(e);
    }
  }

  private async start(): Promise<void> {
    const { connection, topics } = this.options;
    await connection.ensureTopics(topics);
    const consumer = connection.kafka.consumer({
      groupId: connection.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // kafkajs gives up on some errors for good; a consumer that silently stopped would lose the read model.
      if (!payload.restart) {
        this.logger.error(`Kafka consumer crashed and will not restart: ${payload.error?.message}`);
        process.exit(70);
      }
    });
    await consumer.connect();
    await consumer.subscribe({ topics: topics.map((t) => connection.topic(t)), fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (p) => this.onBatch(p) });
    this.lagTimer = setInterval(() => void this.recordLag().catch(() => undefined), LAG_INTERVAL_MS);
    this.lagTimer.unref();
  }

  /** Stops fetching, lets the message in hand finish and commit, then leaves the group. */
  async close(): Promise<void> {
    clearInterval(this.lagTimer);
    await this.consumer?.disconnect().catch(() => undefined);
  }

  on(): never {
    throw new Error('KafkaEventServer has no events to subscribe to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  /**
   * Applies a fetched batch message by message (each in its own inbox transaction) and commits the offset once at
   * the end: a crash mid-batch redelivers messages whose inbox rows make them no-ops.
   */
  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    let last: string | undefined;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      await this.onMessage(batch.topic, batch.partition, message, heartbeat);
      resolveOffset(message.offset);
      last = message.offset;
      await heartbeat();
    }
    if (last !== undefined) {
      await this.consumer!.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
    }
  }

  private async onMessage(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<void> {
    const baseTopic = topic.slice(this.options.connection.options.topicPrefix.length);
    let outcome: Outcome;
    let type = 'unknown';
    try {
      const envelope = parseEnvelope(message.value);
      type = envelope.type;
      outcome = await this.applyWithRetries(envelope, topic, partition, message.offset, heartbeat);
    } catch (e) {
      await this.deadLetter(topic, partition, message.offset, message.key, message.value, message.headers, e as Error);
      outcome = 'dead_lettered';
    }
    eventsConsumed.inc({ topic: baseTopic, type, outcome });
  }

  private async applyWithRetries(
    envelope: EventEnvelope,
    topic: string,
    partition: number,
    offset: string,
    heartbeat: () => Promise<void>,
  ): Promise<Outcome> {
    const handler = this.getHandlerByPattern(envelope.type);
    if (!handler) return 'ignored';
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.applyOnce(handler, envelope, topic, partition, offset);
      } catch (e) {
        if (e instanceof MalformedEnvelopeError || attempt >= this.maxAttempts) throw e;
        this.logger.warn(`event ${envelope.id} (${envelope.type}) failed attempt ${attempt}: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, this.retryDelayMs * 2 ** (attempt - 1)));
        await heartbeat();
      }
    }
  }

  private applyOnce(handler: MessageHandler, envelope: EventEnvelope, topic: string, partition: number, offset: string): Promise<Outcome> {
    return withCorrelationId(envelope.correlationId, () =>
      this.options.dataSource.transaction(async (manager) => {
        const inserted: unknown[] = await manager.query(
          `INSERT INTO inbox_event (consumer_group, event_id, type, topic, partition, "offset")
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING event_id`,
          [this.options.connection.groupId, envelope.id, envelope.type, topic, partition, offset],
        );
        if (inserted.length === 0) return 'duplicate' as const;
        const context = new EventContext([manager, envelope, topic, partition, offset]);
        await lastValueFrom(this.transformToObservable(await handler(envelope, context)), { defaultValue: undefined });
        return 'applied' as const;
      }),
    );
  }

  private async deadLetter(
    topic: string,
    partition: number,
    offset: string,
    key: Buffer | null,
    value: Buffer | null,
    headers: IHeaders | undefined,
    error: Error,
  ): Promise<void> {
    this.logger.error(`dead-lettering ${topic}[${partition}]@${offset}: ${error.message}`);
    const producer = await this.options.connection.getProducer();
    await producer.send({
      topic: `${topic}.dlq`,
      acks: -1,
      messages: [
        {
          key,
          value,
          headers: {
            ...headers,
            'dlq-original-topic': topic,
            'dlq-original-partition': String(partition),
            'dlq-original-offset': offset,
            'dlq-consumer-group': this.options.connection.groupId,
            'dlq-error': error.message.slice(0, 1000),
          },
        },
      ],
    });
  }

  private async recordLag(): Promise<void> {
    const { connection, topics } = this.options;
    const admin = await connection.getAdmin();
    for (const base of topics) {
      const topic = connection.topic(base);
      const [ends, committed] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({ groupId: connection.groupId, topics: [topic] }),
      ]);
      const done = new Map(committed[0]?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
      for (const p of ends) {
        const at = done.get(p.partition) ?? -1;
        const lag = Number(p.high) - (at < 0 ? Number(p.low) : at);
        consumerLag.set({ group: connection.groupId, topic: base, partition: String(p.partition) }, Math.max(0, lag));
      }
    }
  }
}
