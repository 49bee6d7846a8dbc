import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Admin, ConfigResourceTypes, ConfigSource, Kafka, logLevel, LogEntry, Partitioners, Producer } from 'kafkajs';
import { kafkaClientErrors } from '../messaging.metrics';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';

const LEVELS: Record<number, 'error' | 'warn' | 'log' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

/** Partitions per topic: enough for two replicas of a consumer to share work. */
export const TOPIC_PARTITIONS = 3;

/**
 * The largest record batch a topic takes. The broker's default (1 MB) refuses a round.completed of about 3,000
 * projects (the event carries the round's roster and teams), and the relay would retry that send for ever with every
 * later event of the service behind it; 16 MiB holds a season of about 45,000 projects.
 */
export const TOPIC_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const MAX_MESSAGE_BYTES = 'max.message.bytes';

/** The retry topic of a contract topic: events a consumer failed on, waiting for another attempt. */
export function retryTopicOf(base: string): string {
  return `${base}.retry`;
}

/** The dead-letter topic of a contract topic: events a consumer gave up on. */
export function deadLetterTopicOf(base: string): string {
  return `${base}.dlq`;
}

/** Something /health reports beside the broker (the outbox relay registers one); it throws when unhealthy. */
export type PipelineProbe = () => Promise<Record<string, unknown>>;

/**
 * The service's one Kafka client (kafkajs stays behind this lib): a lazily connected idempotent producer, an admin
 * client, topic naming with the run's prefix, and a liveness probe for /health.
 */
@Injectable()
export class KafkaConnection implements OnApplicationShutdown {
  readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;
  private readonly logger = new Logger('Kafka');
  private readonly probes = new Map<string, PipelineProbe>();

  constructor(@Inject(MESSAGING_OPTIONS) readonly options: MessagingOptions) {
    this.kafka = new Kafka({
      clientId: options.source,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      retry: { initialRetryTime: 200, retries: 10 },
      logCreator:
        () =>
        ({ level, log }: LogEntry) => {
          // kafkajs's own fields (its correlationId is a request counter) go under `kafka`, not over ours.
          const { message, ...kafka } = log;
          if (level === logLevel.ERROR || level === logLevel.WARN) kafkaClientErrors.inc({ level: level === logLevel.ERROR ? 'error' : 'warn' });
          this.logger[LEVELS[level] ?? 'log']({ kafka, msg: message });
        },
    });
  }

  /** The full topic name for a contract topic in this run. */
  topic(base: string): string {
    return `${this.options.topicPrefix}${base}`;
  }

  /** The consumer group of this service (prefixed like topics). */
  get groupId(): string {
    return `${this.options.topicPrefix}${this.options.source}`;
  }

  /** The idempotent producer (acks from all in-sync replicas, one request in flight so per-key order holds). */
  getProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        // An idempotent producer must not give up on a send; the relay bounds its own wait on shutdown.
        retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 5000 },
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })().catch((e) => {
      this.producer = undefined;
      throw e;
    });
    return this.producer;
  }

  /**
   * Drops the producer after a send failed with an unknown outcome. Its sequence numbers may no longer match what
   * the broker wrote, and reusing it could make the broker take a different batch for a duplicate and drop it; a new
   * producer gets a new id, so a resend can only duplicate (which consumers' inboxes absorb), never vanish.
   */
  async resetProducer(failed?: Producer): Promise<void> {
    const current = this.producer;
    if (!current) return;
    const producer = await current.catch(() => undefined);
    if (failed && producer !== failed) return;
    if (this.producer === current) this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  getAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((e) => {
      this.admin = undefined;
      throw e;
    });
    return this.admin;
  }

  /** Creates the given contract topics (prefixed) if they do not exist yet, each taking TOPIC_MAX_MESSAGE_BYTES. */
  async ensureTopics(bases: readonly string[]): Promise<void> {
    const admin = await this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const topics = bases.map((b) => this.topic(b));
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      // No waitForLeaders: on a busy broker kafkajs's own wait can fail at once with UNKNOWN_TOPIC_OR_PARTITION
      // while the new topic's metadata propagates; poll for leaders instead.
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: TOPIC_PARTITIONS,
          replicationFactor: 1,
          configEntries: [{ name: MAX_MESSAGE_BYTES, value: String(TOPIC_MAX_MESSAGE_BYTES) }],
        })),
      });
      await waitForLeaders(admin, missing);
    }
    await raiseMessageLimit(admin, topics.filter((t) => existing.has(t)));
  }

  /** Adds a named probe to what ping() reports (e.g. the outbox backlog). */
  registerProbe(name: string, probe: PipelineProbe): void {
    this.probes.set(name, probe);
  }

  /**
   * Resolves when the cluster answers a metadata request, with the registered probes' figures (the outbox's
   * backlog and oldest age); rejects when the broker does not answer or a probe says the pipeline is stuck.
   */
  async ping(): Promise<Record<string, unknown>> {
    const admin = await this.getAdmin();
    const cluster = await admin.describeCluster();
    const detail: Record<string, unknown> = { brokers: cluster.brokers.length };
    for (const [name, probe] of this.probes) detail[name] = await probe();
    return detail;
  }

  async onApplicationShutdown(): Promise<void> {
    const [producer, admin] = await Promise.allSettled([this.producer, this.admin]);
    if (producer.status === 'fulfilled' && producer.value) await producer.value.disconnect().catch(() => undefined);
    if (admin.status === 'fulfilled' && admin.value) await admin.value.disconnect().catch(() => undefined);
  }
}

/** Resolves when every partition of the given topics has a leader; fails after `timeoutMs`. */
export async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const meta = await admin.fetchTopicMetadata({ topics });
      if (meta.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
    if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no leaders after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Gives topics created before the limit existed TOPIC_MAX_MESSAGE_BYTES. AlterConfigs replaces a topic's whole set of
 * overrides, so the ones it has (an operator's retention, say) are sent again beside the new limit.
 */
async function raiseMessageLimit(admin: Admin, topics: string[]): Promise<void> {
  if (topics.length === 0) return;
  const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })) });
  const low = resources.filter((r) => Number(r.configEntries.find((e) => e.configName === MAX_MESSAGE_BYTES)?.configValue ?? 0) < TOPIC_MAX_MESSAGE_BYTES);
  if (low.length === 0) return;
  await admin.alterConfigs({
    validateOnly: false,
    resources: low.map((r) => ({
      type: ConfigResourceTypes.TOPIC,
      name: r.resourceName,
      configEntries: [
        ...r.configEntries.filter((e) => e.configSource === ConfigSource.TOPIC_CONFIG && e.configName !== MAX_MESSAGE_BYTES).map((e) => ({ name: e.configName, value: e.configValue })),
        { name: MAX_MESSAGE_BYTES, value: String(TOPIC_MAX_MESSAGE_BYTES) },
      ],
    })),
  });
}
