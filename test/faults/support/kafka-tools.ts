import { Kafka, logLevel, Partitioners } from 'kafkajs';

/** A raw message as the test reads it back from a topic. */
export interface TopicMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

function client(brokers: string): Kafka {
  return new Kafka({ clientId: 'fault-suite', brokers: [brokers], logLevel: logLevel.NOTHING, retry: { retries: 10 } });
}

/** Produces messages as they are, bypassing every outbox (poison, for instance). */
export async function produceRaw(brokers: string, topic: string, messages: Array<{ key: string; value: string; headers?: Record<string, string> }>): Promise<void> {
  const producer = client(brokers).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

/** Every message of a topic up to its current end, partition by partition in offset order. */
export async function readTopic(brokers: string, topic: string, timeoutMs = 60_000): Promise<TopicMessage[]> {
  const kafka = client(brokers);
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const wanted = new Map(ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]));
  const out: TopicMessage[] = [];
  if (wanted.size === 0) return out;
  const consumer = kafka.consumer({ groupId: `fault-reader-${Date.now()}-${Math.random().toString(36).slice(2)}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reading ${topic} took over ${timeoutMs} ms`)), timeoutMs);
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(Array.isArray(v) ? v[0] : v);
        out.push({ partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers });
        if (BigInt(message.offset) + 1n >= (wanted.get(partition) ?? 0n)) wanted.delete(partition);
        if (wanted.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return out.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/** Per `topic:partition`, the offset the next message will get: what has been produced so far. */
export async function endOffsets(brokers: string, topics: string[]): Promise<Map<string, bigint>> {
  const admin = client(brokers).admin();
  await admin.connect();
  try {
    const out = new Map<string, bigint>();
    for (const topic of topics) for (const p of await admin.fetchTopicOffsets(topic)) out.set(`${topic}:${p.partition}`, BigInt(p.high));
    return out;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Per `topic:partition`, how far `ends` still is ahead of the offsets `groupId` has committed; empty once the group
 * has committed past every one of them (it has consumed, and applied, everything produced up to then).
 */
export async function groupBehind(brokers: string, groupId: string, ends: ReadonlyMap<string, bigint>): Promise<Map<string, bigint>> {
  const topics = [...new Set([...ends.keys()].map((k) => k.slice(0, k.lastIndexOf(':'))))];
  const admin = client(brokers).admin();
  await admin.connect();
  try {
    const committed = new Map<string, bigint>();
    for (const t of await admin.fetchOffsets({ groupId, topics })) {
      for (const p of t.partitions) committed.set(`${t.topic}:${p.partition}`, BigInt(p.offset)); // -1: nothing committed
    }
    const behind = new Map<string, bigint>();
    for (const [key, end] of ends) {
      const at = committed.get(key) ?? -1n;
      if (end > 0n && at < end) behind.set(key, end - (at < 0n ? 0n : at));
    }
    return behind;
  } finally {
    await admin.disconnect();
  }
}
