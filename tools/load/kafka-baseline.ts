/**
 * The raw Kafka baseline the event pipeline is compared with: kafkajs alone, no database, producing envelope-sized
 * messages the way the outbox relay does (idempotent producer, acks from all replicas, one request in flight,
 * batches awaited one after the other) and consuming them in a group (or several) on the same machine.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';

export interface KafkaBaselineResult {
  groups: number;
  messages: number;
  valueBytes: number;
  batch: number;
  /** First send to last send acknowledged. */
  produceMs: number;
  producedPerSecond: number;
  /** First send to last message consumed. */
  endToEndMs: number;
  consumedPerSecond: number;
  /** CPU time of this process (producer and consumer; the broker not counted) per message, first send to last consumed. */
  cpuUsPerMessage: number;
}

export interface KafkaBaselineOptions {
  brokers: string[];
  topic: string;
  messages?: number;
  valueBytes?: number;
  batch?: number;
  partitions?: number;
  /** Consumer groups reading the topic, each in full (the pipeline's fan-out is three: matching, reporting, expert-pool); 1 by default. */
  groups?: number;
}

/** Produces and consumes `messages` messages on a fresh topic (deleted afterwards); resolves with the rates. */
export async function kafkaBaseline(options: KafkaBaselineOptions): Promise<KafkaBaselineResult> {
  const messages = options.messages ?? 5000;
  const valueBytes = options.valueBytes ?? 1500;
  const batch = options.batch ?? 500;
  const kafka = new Kafka({ clientId: 'load-baseline', brokers: options.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: options.topic, numPartitions: options.partitions ?? 3, replicationFactor: 1 }] });
  for (let i = 0; i < 150; i++) {
    const meta = await admin.fetchTopicMetadata({ topics: [options.topic] }).catch(() => undefined);
    if (meta?.topics[0]?.partitions.length && meta.topics[0].partitions.every((p) => p.leader >= 0)) break;
    await new Promise((r) => setTimeout(r, 200));
  }

  // Each group reads every message; the run ends when the last group has read them all.
  const consumers = await Promise.all(
    Array.from({ length: options.groups ?? 1 }, async (_, g) => {
      const consumer = kafka.consumer({ groupId: `${options.topic}.group${g}` });
      await consumer.connect();
      await consumer.subscribe({ topics: [options.topic], fromBeginning: true });
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      let consumed = 0;
      let onDone: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (onDone = resolve));
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch: b }) => {
          consumed += b.messages.length;
          const last = b.messages[b.messages.length - 1];
          if (last) await consumer.commitOffsets([{ topic: b.topic, partition: b.partition, offset: (BigInt(last.offset) + 1n).toString() }]);
          if (consumed >= messages) onDone();
        },
      });
      await joined;
      return { consumer, done };
    }),
  );

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const filler = randomBytes(Math.ceil(valueBytes / 2)).toString('hex').slice(0, valueBytes);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let sent = 0; sent < messages; sent += batch) {
    const n = Math.min(batch, messages - sent);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [{ topic: options.topic, messages: Array.from({ length: n }, (_, k) => ({ key: `key-${sent + k}`, value: filler })) }],
    });
  }
  const produceMs = performance.now() - t0;
  await Promise.all(consumers.map((c) => c.done));
  const endToEndMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);

  await producer.disconnect();
  await Promise.all(consumers.map((c) => c.consumer.disconnect()));
  await admin.deleteTopics({ topics: [options.topic] }).catch(() => undefined);
  await admin.disconnect();
  return {
    groups: options.groups ?? 1,
    messages,
    valueBytes,
    batch,
    produceMs: Math.round(produceMs),
    producedPerSecond: Math.round(messages / (produceMs / 1000)),
    endToEndMs: Math.round(endToEndMs),
    consumedPerSecond: Math.round(messages / (endToEndMs / 1000)),
    cpuUsPerMessage: Math.round((cpu.user + cpu.system) / messages),
  };
}
