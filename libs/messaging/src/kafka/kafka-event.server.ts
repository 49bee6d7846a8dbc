import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { eventPayloadProblems, type EventEnvelope } from '@civic/contracts';
import { Consumer, EachBatchPayload, KafkaMessage, TopicPartitionOffsetAndMetadata } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import type { ModulesContainer } from '@nestjs/core';
import { withCorrelationId } from '../correlation/correlation';
import { DeadLetterStore } from '../dead-letters/dead-letter.store';
import { MalformedEnvelopeError, parseEnvelope } from '../envelope';
import { consumerBatchFallbacks, consumerDeliverySeconds, consumerLag, consumerTransientFailures, eventsConsumed, pipelineTransactions, stageDone } from '../messaging.metrics';
import { MESSAGING_DEFAULTS, MessagingSettings, retryDelayMs } from '../messaging.settings';
import { ConsumerStatus } from './consumer-status';
import { DeferredWrites } from './deferred-writes';
import { EventContext } from './event-context';
import { directEventHandlers, EventHandlerCall } from './event-handlers';
import { TransactionCoalescer } from './transaction-coalescer';
import { deadLetterTopicOf, KafkaConnection, retryTopicOf } from './kafka-connection';
import { DLQ_HEADERS, headerText, originalHeaders, RETRY_HEADERS } from './pipeline-headers';

export interface KafkaEventServerOptions {
  connection: KafkaConnection;
  dataSource: DataSource;
  /** Contract topic names (unprefixed) this service consumes. */
  topics: readonly string[];
  /** Attempts per message before it is dead-lettered (default CONSUMER_MAX_ATTEMPTS). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt (default CONSUMER_RETRY_BASE_MS). */
  retryDelayMs?: number;
  /** The pipeline's tunables (the service's validated config); MESSAGING_DEFAULTS where absent. */
  settings?: Partial<MessagingSettings>;
  /** Told where the consumer is (joining, consuming, stopped), for the detailed health. */
  status?: ConsumerStatus;
  /** The application's modules: their plain event handlers are called directly (directEventHandlers). */
  modules?: ModulesContainer;
}

export type ConsumeOutcome = 'applied' | 'duplicate' | 'ignored' | 'retried' | 'dead_lettered';

const LAG_INTERVAL_MS = 10_000;
const TRANSIENT_BACKOFF_MAX_MS = 5000;
const RETRY_SUFFIX = '.retry';
const START_RETRY_MAX_MS = 30_000;

/** One fetched message and what is known about it before it is applied. */
interface Item {
  message: KafkaMessage;
  topic: string;
  partition: number;
  /** Where the event was first consumed (for a retry-topic message, from its headers). */
  origin: { topic: string; partition: number; offset: string };
  /** Attempts that already failed (0 on the contract topic). */
  failedAttempts: number;
  envelope?: EventEnvelope;
  malformed?: MalformedEnvelopeError;
  /** A retry-topic message of another consumer group: skipped. */
  foreign?: boolean;
  /** Epoch ms before which a retry-topic message must not be applied. */
  notBefore?: number;
}

/** How an attempt ended: applied (with outcomes), failed because of the event, or stopped (shutdown, rebalance). */
type Attempt<T> = { ok: T } | { failed: Error } | { stopped: true };

/** What the batch loop can do: keep the group session alive and know when to give the partition up. */
interface BatchControl {
  heartbeat(): Promise<void>;
  live(): boolean;
}

/**
 * A NestJS transport that consumes contract topics with kafkajs and dispatches each envelope to the
 * `@EventPattern(type)` handler through the idempotent inbox: the inbox rows and the handlers' writes share one
 * transaction (several events per transaction; one per event after a failure, so a failing event is isolated), and
 * offsets are committed once per fetched batch after those transactions. A redelivered event is a no-op.
 *
 * Failures are told apart: when the database (or a lock) is the problem, the event is retried in place until it
 * works, since nothing after it could be applied either; when the event is the problem, it moves to `<topic>.retry`
 * with a `retry-not-before` time and the partition flows on. The same service consumes the retry topic (pausing the
 * partition until a message is due) and after CONSUMER_MAX_ATTEMPTS sends the event to `<topic>.dlq` with its origin
 * and error in headers, and records it in `dead_letter` for `/admin/dead-letters`.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private lagTimer?: NodeJS.Timeout;
  private readonly settings: MessagingSettings;
  private readonly deadLetters: DeadLetterStore;
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private closed = false;
  private readonly handlersByType = new Map<string, MessageHandler | null>();
  /** Handlers called without Nest's per-call proxy, by event type (found once the controllers exist). */
  private direct?: Map<string, EventHandlerCall[]>;
  /** Runs of events from the partitions handled at once, applied together (one transaction for a fetch). */
  private readonly together: TransactionCoalescer<Item, ConsumeOutcome>;
  /** Offsets waiting for the next turn of the event loop, to be committed in one request. */
  private readonly offsetsToCommit: Array<{ offset: TopicPartitionOffsetAndMetadata; resolve(): void; reject(e: unknown): void }> = [];

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
    const settings = { ...MESSAGING_DEFAULTS, ...options.settings };
    if (options.maxAttempts !== undefined) settings.consumerMaxAttempts = options.maxAttempts;
    if (options.retryDelayMs !== undefined) settings.consumerRetryBaseMs = options.retryDelayMs;
    this.settings = settings;
    this.deadLetters = new DeadLetterStore(options.dataSource, options.connection);
    this.together = new TransactionCoalescer((items) => this.applyInTransaction(items), settings.consumerTxBatch);
    // From now on the service has a consumer: the detailed health says so until it has joined.
    options.status?.set('joining');
  }

  /**
   * Starts consuming, retrying (with back-off) while the broker cannot be reached: the service serves HTTP meanwhile,
   * and its writes wait in the outbox.
   */
  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.start();
        callback();
        return;
      } catch (e) {
        await this.consumer?.disconnect().catch(() => undefined);
        this.consumer = undefined;
        if (this.closed) {
          callback();
          return;
        }
        const delay = Math.min(START_RETRY_MAX_MS, 1000 * 2 ** (attempt - 1));
        this.options.status?.set('joining', (e as Error).message);
        this.logger.warn(`consumer start failed (${(e as Error).message}); trying again in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private get group(): string {
    return this.options.connection.groupId;
  }

  private async start(): Promise<void> {
    const { connection, topics, status } = this.options;
    const joining = Date.now();
    status?.set('joining');
    await connection.ensureTopics([...topics, ...topics.map(retryTopicOf), ...topics.map(deadLetterTopicOf)]);
    const consumer = connection.kafka.consumer({
      groupId: this.group,
      allowAutoTopicCreation: false,
      sessionTimeout: this.settings.consumerSessionTimeoutMs,
      heartbeatInterval: Math.min(3000, Math.floor(this.settings.consumerSessionTimeoutMs / 3)),
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (status && status.joinMs === undefined) status.joinMs = Date.now() - joining;
      status?.set('consuming');
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // kafkajs gives up on some errors for good; a consumer that silently stopped would lose the read model.
      if (!payload.restart) {
        this.logger.error(`Kafka consumer crashed and will not restart: ${payload.error?.message}`);
        process.exit(70);
      }
      // kafkajs restarts it and it joins again: the detailed health says so meanwhile.
      status?.set('joining', payload.error?.message);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics, ...topics.map(retryTopicOf)].map((t) => connection.topic(t)), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.settings.consumerPartitionsConcurrently,
      eachBatch: (p) => this.onBatch(p),
    });
    this.lagTimer = setInterval(() => void this.recordLag().catch(() => undefined), LAG_INTERVAL_MS);
    this.lagTimer.unref();
  }

  /** Stops fetching, lets the transaction in hand finish and commit, then leaves the group. */
  async close(): Promise<void> {
    this.closed = true;
    this.options.status?.set('stopped');
    clearInterval(this.lagTimer);
    for (const t of this.resumeTimers) clearTimeout(t);
    await this.consumer?.disconnect().catch(() => undefined);
  }

  on(): never {
    throw new Error('KafkaEventServer has no events to subscribe to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  /**
   * Applies a fetched batch in order, several events per transaction, and commits the offset once at the end: a
   * crash mid-batch redelivers events whose inbox rows make them no-ops.
   */
  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset } = payload;
    let alive = true;
    const ctl: BatchControl = {
      live: () => alive && payload.isRunning() && !payload.isStale(),
      heartbeat: async () => {
        try {
          await payload.heartbeat();
        } catch (e) {
          // A rebalance took the partition away: stop here, the new owner starts from the committed offset.
          alive = false;
          this.logger.warn(`heartbeat failed (${(e as Error).message}); leaving the batch`);
        }
      },
    };
    const arrived = Date.now();
    let t = performance.now();
    let waited = 0;
    for (const m of batch.messages) waited += Math.max(0, arrived - Number(m.timestamp));
    consumerDeliverySeconds.inc(waited / 1000);
    const items = batch.messages.map((m) => this.describe(batch.topic, batch.partition, m));
    stageDone('consumer', 'check', t);
    let last: string | undefined;
    const resolve = (item: Item) => {
      resolveOffset(item.message.offset);
      last = item.message.offset;
    };

    let i = 0;
    while (i < items.length && ctl.live()) {
      const item = items[i];
      if (item.foreign) {
        resolve(item);
        i++;
        continue;
      }
      if (item.notBefore !== undefined && item.notBefore > Date.now()) {
        // Not due: pause this retry partition until it is (the other partitions keep flowing); the next fetch after
        // the resume starts again from this message, since it is not resolved.
        const resume = payload.pause();
        const timer = setTimeout(() => {
          this.resumeTimers.delete(timer);
          resume();
        }, item.notBefore - Date.now());
        this.resumeTimers.add(timer);
        break;
      }
      if (item.malformed) {
        if (!(await this.settle(item, item.malformed, ctl))) break;
        resolve(item);
        i++;
        continue;
      }
      const chunk: Item[] = [];
      for (let j = i; j < items.length && chunk.length < this.settings.consumerTxBatch; j++) {
        const next = items[j];
        if (next.foreign || next.malformed || (next.notBefore !== undefined && next.notBefore > Date.now())) break;
        chunk.push(next);
      }
      const done = await this.applyChunk(chunk, ctl);
      // A partition's offsets resolve in order: resolving the last applied one resolves the run.
      if (done > 0) resolve(chunk[done - 1]);
      i += done;
      if (done < chunk.length) break;
      await ctl.heartbeat();
    }
    if (last !== undefined) {
      // Not awaited: the events are committed in the database, so the next fetch need not wait for the group
      // coordinator's answer. The request leaves on the next turn of the event loop, usually just behind that fetch on
      // the same connection (the broker answers them in order; a leave on shutdown comes after both); if it fails or
      // is lost, whoever consumes the partition next skips the events (inbox). `offsets` is then the answer's wait.
      t = performance.now();
      const where = `${batch.topic}[${batch.partition}]`;
      this.commitOffset({ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }).then(
        () => stageDone('consumer', 'offsets', t),
        (e: Error) => this.logger.warn(`offset commit for ${where} failed: ${e.message}`),
      );
    }
  }

  /**
   * Commits a partition's offset together with the other partitions' that finish at the same time (the partitions of
   * a shared transaction do): one request to the group coordinator instead of one per partition. Requests go out in
   * the order the batches finished, so a partition's later offset is written after its earlier one.
   */
  private commitOffset(offset: TopicPartitionOffsetAndMetadata): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.offsetsToCommit.push({ offset, resolve, reject });
      if (this.offsetsToCommit.length > 1) return;
      const consumer = this.consumer!;
      setImmediate(() => {
        const waiting = this.offsetsToCommit.splice(0);
        Promise.resolve()
          .then(() => consumer.commitOffsets(waiting.map((w) => w.offset)))
          .then(
            () => waiting.forEach((w) => w.resolve()),
            (e) => waiting.forEach((w) => w.reject(e)),
          );
      });
    });
  }

  /**
   * The handler of an event type, looked up once per type: Nest's lookup first tries `JSON.parse` on the pattern,
   * which throws for a plain type name (about 5 µs on this machine, three times per event).
   */
  private handlerOf(type: string): MessageHandler | null {
    let handler = this.handlersByType.get(type);
    if (handler === undefined) {
      handler = this.getHandlerByPattern(type);
      this.handlersByType.set(type, handler);
    }
    return handler;
  }

  /** Reads a message: its envelope (or why it is not one) and, on a retry topic, whose it is and when it is due. */
  private describe(topic: string, partition: number, message: KafkaMessage): Item {
    const item: Item = { message, topic, partition, origin: { topic, partition, offset: message.offset }, failedAttempts: 0 };
    if (topic.endsWith(RETRY_SUFFIX)) {
      const h = message.headers;
      if (headerText(h, RETRY_HEADERS.group) !== this.group) return { ...item, foreign: true };
      item.failedAttempts = Number(headerText(h, RETRY_HEADERS.attempt) ?? 0) || 0;
      item.notBefore = Number(headerText(h, RETRY_HEADERS.notBefore) ?? 0) || 0;
      item.origin = {
        topic: headerText(h, RETRY_HEADERS.originTopic) ?? topic.slice(0, -RETRY_SUFFIX.length),
        partition: Number(headerText(h, RETRY_HEADERS.originPartition) ?? partition),
        offset: headerText(h, RETRY_HEADERS.originOffset) ?? message.offset,
      };
    }
    try {
      item.envelope = parseEnvelope(message.value);
    } catch (e) {
      item.malformed = e instanceof MalformedEnvelopeError ? e : new MalformedEnvelopeError((e as Error).message);
      return item;
    }
    // The payload against its contract, before its handler: a broken one would fail (or, worse, be applied) on
    // every attempt, so it goes to the dead letters at once with the fields at fault. Types without a handler here
    // are ignored whatever they hold.
    const { type, version, payload } = item.envelope;
    const problems = this.handlerOf(type) ? eventPayloadProblems(type, version, payload) : [];
    if (problems.length) {
      item.malformed = new MalformedEnvelopeError(`payload breaks the ${type} v${version} contract: ${problems.join('; ')}`);
    }
    return item;
  }

  /**
   * Applies a run of events: together in one transaction, or one by one if that fails (isolating the failing
   * event, which goes to the retry or dead-letter topic). Returns how many of them are done (all, unless the batch
   * was stopped by a shutdown or a rebalance).
   */
  private async applyChunk(chunk: Item[], ctl: BatchControl): Promise<number> {
    const together = await this.attempt(() => this.together.apply(chunk), ctl);
    if ('stopped' in together) return 0;
    if ('ok' in together) {
      this.countAll(chunk, together.ok);
      return chunk.length;
    }
    if (chunk.length === 1) return (await this.settle(chunk[0], together.failed, ctl)) ? 1 : 0;
    consumerBatchFallbacks.inc();
    for (let k = 0; k < chunk.length; k++) {
      const item = chunk[k];
      const alone = await this.attempt(() => this.applyInTransaction([item]), ctl);
      if ('stopped' in alone) return k;
      if ('ok' in alone) this.count(item, alone.ok[0]);
      else if (!(await this.settle(item, alone.failed, ctl))) return k;
    }
    return chunk.length;
  }

  /** One transaction: the inbox rows of the events (new ones only) and their handlers' writes. */
  private async applyInTransaction(items: Item[]): Promise<ConsumeOutcome[]> {
    let t = performance.now();
    const outcomes = await this.options.dataSource.transaction(async (manager) => {
      const handled = items.filter((i) => this.handlerOf(i.envelope!.type));
      const fresh = new Set<string>();
      if (handled.length) {
        const inserted: Array<{ event_id: string }> = await manager.query(
          `INSERT INTO inbox_event (consumer_group, event_id, type, topic, partition, "offset")
           SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::bigint[])
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [
            this.group,
            handled.map((i) => i.envelope!.id),
            handled.map((i) => i.envelope!.type),
            handled.map((i) => i.topic),
            handled.map((i) => i.partition),
            handled.map((i) => i.message.offset),
          ],
        );
        for (const r of inserted) fresh.add(r.event_id);
      }
      t = stageDone('consumer', 'inbox', t);
      const outcomes: ConsumeOutcome[] = [];
      const deferred = new DeferredWrites();
      for (const item of items) {
        const envelope = item.envelope!;
        const handler = this.handlerOf(envelope.type);
        if (!handler) outcomes.push('ignored');
        // delete: a second copy of the same event in this batch is a duplicate too
        else if (!fresh.delete(envelope.id.toLowerCase())) outcomes.push('duplicate');
        else {
          const running = this.runHandler(handler, envelope, item, manager, deferred);
          if (running) await running;
          outcomes.push('applied');
        }
      }
      t = stageDone('consumer', 'handlers', t);
      // The handlers' set-based writes (EventContext.defer): one statement each for the whole transaction.
      await deferred.flush(manager);
      t = stageDone('consumer', 'write', t);
      return outcomes;
    });
    stageDone('consumer', 'commit', t);
    pipelineTransactions.inc({ side: 'consumer' });
    return outcomes;
  }

  /**
   * Runs an event's handlers with its correlation id. Handlers called directly that finish synchronously (those that
   * defer their write) cost no promise; the result is a promise only when something is left to wait for.
   */
  private runHandler(handler: MessageHandler, envelope: EventEnvelope, item: Item, manager: EntityManager, deferred: DeferredWrites): Promise<void> | undefined {
    const context = new EventContext([manager, envelope, item.topic, item.partition, item.message.offset, deferred]);
    const direct = this.directHandlersOf(envelope.type);
    return withCorrelationId(envelope.correlationId, () => {
      if (!direct) return settled(handler(envelope, context));
      for (let k = 0; k < direct.length; k++) {
        const result = direct[k](envelope, context);
        // An asynchronous handler: it and the ones after it are awaited in order.
        if (isPromise(result) || isObservable(result)) return settled(result).then(() => this.runInOrder(direct.slice(k + 1), envelope, context));
      }
      return undefined;
    });
  }

  private async runInOrder(handlers: EventHandlerCall[], envelope: EventEnvelope, context: EventContext): Promise<void> {
    for (const h of handlers) await settled(h(envelope, context));
  }

  /** The handlers of a type that are called directly, or undefined when it goes through Nest. */
  private directHandlersOf(type: string): EventHandlerCall[] | undefined {
    this.direct ??= this.options.modules ? directEventHandlers(this.options.modules) : new Map();
    return this.direct.get(type);
  }

  /**
   * Runs `fn`, retrying in place (with back-off and heartbeats) for as long as the failure is the environment's
   * (database down, deadlock, Kafka unavailable); a failure that is the event's own is returned.
   */
  private async attempt<T>(fn: () => Promise<T>, ctl: BatchControl, { alwaysRetry = false } = {}): Promise<Attempt<T>> {
    let backoff = 100;
    for (;;) {
      if (!ctl.live()) return { stopped: true };
      try {
        return { ok: await fn() };
      } catch (e) {
        if (!alwaysRetry && !(await this.isTransient(e))) return { failed: e as Error };
        consumerTransientFailures.inc();
        this.logger.warn(`transient failure, retrying in ${backoff} ms: ${(e as Error).message}`);
        const until = Date.now() + backoff;
        while (Date.now() < until && ctl.live()) {
          await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
          await ctl.heartbeat();
        }
        backoff = Math.min(backoff * 2, TRANSIENT_BACKOFF_MAX_MS);
      }
    }
  }

  /** True when the failure is not the event's fault: the database is unreachable, restarting, or a lock gave way. */
  private async isTransient(e: unknown): Promise<boolean> {
    const code = (e as { code?: unknown; driverError?: { code?: unknown } })?.driverError?.code ?? (e as { code?: unknown })?.code;
    if (typeof code === 'string') {
      if (/^(08|53|57P|58)/.test(code) || ['40001', '40P01', '55P03'].includes(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code)) return false; // another SQLSTATE: the statement itself failed
    }
    const message = (e as Error)?.message ?? '';
    if (/Connection terminated|ECONNREFUSED|ECONNRESET|EPIPE|timeout exceeded when trying to connect|connection timeout|Client has encountered a connection error|database system is (starting up|shutting down|in recovery mode)|terminating connection/i.test(message)) {
      return true;
    }
    if ((e as { name?: string })?.name?.startsWith('KafkaJS')) return true;
    return !(await this.databaseAnswers());
  }

  private async databaseAnswers(): Promise<boolean> {
    try {
      await Promise.race([
        this.options.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), 2000).unref()),
      ]);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Deals with an event that failed on its own account: to `<topic>.retry` with the next attempt's time, or, once
   * its attempts are used up (or it is not an envelope at all), to the dead letters. False when stopped first.
   */
  private async settle(item: Item, error: Error, ctl: BatchControl): Promise<boolean> {
    const attempts = item.failedAttempts + 1;
    const dead = error instanceof MalformedEnvelopeError || attempts >= this.settings.consumerMaxAttempts;
    const where = `${item.topic}[${item.partition}]@${item.message.offset}`;
    // Recording the failure must not fail for good: it waits for the database and the broker like any other write.
    const sent = await this.attempt(() => (dead ? this.deadLetter(item, error, attempts) : this.toRetry(item, error, attempts)), ctl, { alwaysRetry: true });
    if (!('ok' in sent)) return false;
    if (dead) this.logger.error(`dead-lettered ${where} (event ${item.envelope?.id ?? 'unreadable'}) after ${attempts} attempt(s): ${error.message}`);
    else this.logger.warn(`event ${item.envelope?.id} (${item.envelope?.type}) failed attempt ${attempts}, retrying later: ${error.message}`);
    this.count(item, dead ? 'dead_lettered' : 'retried');
    return true;
  }

  private async toRetry(item: Item, error: Error, attempts: number): Promise<void> {
    const { message, origin } = item;
    await this.produce(`${origin.topic}${RETRY_SUFFIX}`, {
      key: message.key,
      value: message.value,
      headers: {
        ...originalHeaders(message.headers),
        [RETRY_HEADERS.group]: this.group,
        [RETRY_HEADERS.attempt]: String(attempts),
        [RETRY_HEADERS.notBefore]: String(Date.now() + retryDelayMs(this.settings, attempts)),
        [RETRY_HEADERS.error]: error.message.slice(0, 1000),
        [RETRY_HEADERS.originTopic]: origin.topic,
        [RETRY_HEADERS.originPartition]: String(origin.partition),
        [RETRY_HEADERS.originOffset]: origin.offset,
      },
    });
  }

  private async deadLetter(item: Item, error: Error, attempts: number): Promise<void> {
    const { message, origin } = item;
    const headers = originalHeaders(message.headers);
    await this.deadLetters.record({
      consumerGroup: this.group,
      origin,
      eventId: item.envelope?.id,
      eventType: item.envelope?.type,
      key: message.key?.toString() ?? null,
      value: message.value?.toString() ?? null,
      headers,
      error: error.message,
      attempts,
    });
    await this.produce(`${origin.topic}.dlq`, {
      key: message.key,
      value: message.value,
      headers: {
        ...headers,
        [DLQ_HEADERS.originalTopic]: origin.topic,
        [DLQ_HEADERS.originalPartition]: String(origin.partition),
        [DLQ_HEADERS.originalOffset]: origin.offset,
        [DLQ_HEADERS.group]: this.group,
        [DLQ_HEADERS.error]: error.message.slice(0, 1000),
        [DLQ_HEADERS.attempts]: String(attempts),
        [DLQ_HEADERS.failedAt]: new Date().toISOString(),
      },
    });
  }

  private async produce(topic: string, message: { key: Buffer | null; value: Buffer | null; headers: Record<string, string> }): Promise<void> {
    const producer = await this.options.connection.getProducer();
    try {
      await producer.send({ topic, acks: -1, messages: [message] });
    } catch (e) {
      await this.options.connection.resetProducer(producer);
      throw e;
    }
  }

  /** Counts a run's outcomes with one increment per (topic, type, outcome) rather than one per event. */
  private countAll(items: Item[], outcomes: ConsumeOutcome[]): void {
    const counts = new Map<string, { item: Item; outcome: ConsumeOutcome; n: number }>();
    items.forEach((item, k) => {
      const id = `${item.origin.topic}\u0000${item.envelope?.type}\u0000${outcomes[k]}`;
      const c = counts.get(id);
      if (c) c.n++;
      else counts.set(id, { item, outcome: outcomes[k], n: 1 });
    });
    for (const { item, outcome, n } of counts.values()) this.count(item, outcome, n);
  }

  private count(item: Item, outcome: ConsumeOutcome, n = 1): void {
    eventsConsumed.inc({ topic: this.baseTopic(item.origin.topic), type: item.envelope?.type ?? 'unknown', outcome }, n);
  }

  private baseTopic(topic: string): string {
    return topic.slice(this.options.connection.options.topicPrefix.length);
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

/** Waits for what a handler returned: a promise, an observable (Nest's answer when several handlers share a type), or nothing. */
async function settled(result: unknown): Promise<void> {
  const value = await result;
  if (isObservable(value)) await lastValueFrom(value, { defaultValue: undefined });
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
