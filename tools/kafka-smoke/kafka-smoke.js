#!/usr/bin/env node
'use strict';
// Proves that kafkajs 2.2.4 works against the local Kafka broker (deploy/kafka/kafka.sh start):
//   1. admin.createTopics (3 partitions, RF 1, waits for leaders) and the metadata shows them
//   2. idempotent producer: awaited send(acks=-1) returns a partition + offset
//   3. a consumer in a fresh group (manual commits) reads that exact record
//   4. commitOffsets with offset + 1 (the next record to read, not the one just read)
//   5. admin.fetchOffsets for the group returns offset + 1 on that partition
// then cleans up (group, topic). Prints "kafka smoke ok" and exits 0 when all pass.
//
//   node tools/kafka-smoke/kafka-smoke.js          (KAFKA_BROKERS=127.0.0.1:9092 by default)
//   KAFKA_SMOKE_TIMEOUT_MS=60000 KAFKA_SMOKE_DEBUG=1 node tools/kafka-smoke/kafka-smoke.js

const crypto = require('crypto');
const { Kafka, logLevel, Partitioners } = require('kafkajs');

const brokers = (process.env.KAFKA_BROKERS || `127.0.0.1:${process.env.KAFKA_PORT || 9092}`)
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);
const TIMEOUT_MS = Number(process.env.KAFKA_SMOKE_TIMEOUT_MS || 60000);
const runId = `${Date.now()}-${crypto.randomBytes(3).toString('hex')}`;
const topic = `civic-match.smoke.${runId}`;
const groupId = `civic-match-smoke-${runId}`;
const NUM_PARTITIONS = 3;

const t0 = Date.now();
function step(msg) {
  console.log(`[kafka-smoke +${((Date.now() - t0) / 1000).toFixed(2)}s] ${msg}`);
}
function assert(cond, msg) {
  if (!cond) throw new Error(`assertion failed: ${msg}`);
}

const kafka = new Kafka({
  clientId: 'civic-match-kafka-smoke',
  brokers,
  connectionTimeout: 3000,
  requestTimeout: 10000,
  retry: { retries: 5, initialRetryTime: 200 },
  logLevel: process.env.KAFKA_SMOKE_DEBUG ? logLevel.INFO : logLevel.WARN,
});

const admin = kafka.admin();
const producer = kafka.producer({
  idempotent: true, // kafkajs requires acks=-1 with idempotence; one in-flight request keeps order
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  createPartitioner: Partitioners.DefaultPartitioner,
  // Idempotence wants unbounded retries (kafkajs warns otherwise); the overall timeout bounds them.
  retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 100, maxRetryTime: 2000 },
});
const consumer = kafka.consumer({
  groupId,
  sessionTimeout: 10000,
  heartbeatInterval: 1000,
  maxWaitTimeInMs: 500, // short fetch long-poll: disconnect waits for the fetch in flight
  allowAutoTopicCreation: false,
  retry: { retries: 5 },
});

async function run() {
  // 1. admin: create the topic and check its metadata
  await admin.connect();
  const cluster = await admin.describeCluster();
  step(`connected: brokers=${cluster.brokers.map((b) => `${b.host}:${b.port}`).join(',')} controller=${cluster.controller} clusterId=${cluster.clusterId}`);
  const created = await admin.createTopics({
    topics: [{ topic, numPartitions: NUM_PARTITIONS, replicationFactor: 1 }],
    // kafkajs's waitForLeaders can fail at once with UNKNOWN_TOPIC_OR_PARTITION on a busy broker: poll instead.
    waitForLeaders: false,
    timeout: 10000,
  });
  assert(created === true, `createTopics returned ${created} for a new topic`);
  let meta;
  for (let i = 0; ; i++) {
    meta = await admin.fetchTopicMetadata({ topics: [topic] }).catch((e) => (i < 100 ? undefined : Promise.reject(e)));
    if (meta && meta.topics[0].partitions.length === NUM_PARTITIONS && meta.topics[0].partitions.every((p) => p.leader >= 0)) break;
    if (i >= 100) throw new Error('the new topic got no leaders within 20 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  const partitions = meta.topics[0].partitions;
  assert(partitions.length === NUM_PARTITIONS, `expected ${NUM_PARTITIONS} partitions, got ${partitions.length}`);
  assert(partitions.every((p) => p.leader >= 0), 'every partition has a leader');
  const listed = await admin.listTopics();
  assert(listed.includes(topic), 'listTopics shows the new topic');
  step(`admin.createTopics ok: ${topic} (${partitions.length} partitions)`);

  // 2. idempotent producer, awaited send
  await producer.connect();
  const key = `project-${runId}`;
  const value = JSON.stringify({ type: 'smoke.ping', runId, at: new Date().toISOString() });
  const sent = await producer.send({
    topic,
    acks: -1,
    messages: [{ key, value, headers: { 'x-smoke-run': runId } }],
  });
  assert(sent.length === 1 && sent[0].errorCode === 0, `send result ${JSON.stringify(sent)}`);
  const partition = sent[0].partition;
  const offset = sent[0].baseOffset;
  assert(partition >= 0 && partition < NUM_PARTITIONS && offset === '0', `unexpected send result ${JSON.stringify(sent)}`);
  step(`idempotent producer send ok: partition=${partition} offset=${offset}`);

  // 3. consumer group reads it (manual commit)
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const received = new Promise((resolve, reject) => {
    consumer.on(consumer.events.CRASH, (e) => reject(new Error(`consumer crashed: ${e.payload.error && e.payload.error.message}`)));
    consumer
      .run({
        autoCommit: false,
        eachMessage: async ({ topic: t, partition: p, message }) => {
          if (t === topic) resolve({ partition: p, message });
        },
      })
      .catch(reject);
  });
  const { partition: gotPartition, message } = await received;
  assert(gotPartition === partition, `consumed from partition ${gotPartition}, produced to ${partition}`);
  assert(message.offset === offset, `consumed offset ${message.offset}, produced ${offset}`);
  assert(message.key.toString() === key, 'key round-trips');
  assert(message.value.toString() === value, 'value round-trips');
  assert(message.headers['x-smoke-run'].toString() === runId, 'header round-trips');
  step(`consumer group ${groupId} read the record (partition=${gotPartition} offset=${message.offset})`);

  // 4. commit offset + 1
  const next = (BigInt(message.offset) + 1n).toString();
  await consumer.commitOffsets([{ topic, partition: gotPartition, offset: next }]);
  step(`commitOffsets ok: partition=${gotPartition} offset=${next}`);

  // 5. the group's committed offsets, seen by the admin client
  const fetched = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committed = fetched
    .find((t) => t.topic === topic)
    .partitions.find((p) => p.partition === gotPartition);
  assert(committed && committed.offset === next, `fetchOffsets returned ${JSON.stringify(fetched)}`);
  step(`admin.fetchOffsets ok: partition=${gotPartition} offset=${committed.offset}`);

  // cleanup
  await consumer.disconnect();
  await producer.disconnect();
  await admin.deleteGroups([groupId]).catch((e) => step(`(cleanup) deleteGroups: ${e.message}`));
  await admin.deleteTopics({ topics: [topic], timeout: 10000 }).catch((e) => step(`(cleanup) deleteTopics: ${e.message}`));
  await admin.disconnect();
  step('cleanup done (group and topic deleted)');
}

const timer = setTimeout(() => {
  console.error(`kafka smoke FAILED: timed out after ${TIMEOUT_MS} ms`);
  process.exit(1);
}, TIMEOUT_MS);

run().then(
  () => {
    clearTimeout(timer);
    console.log('kafka smoke ok');
    process.exit(0);
  },
  async (err) => {
    clearTimeout(timer);
    console.error(`kafka smoke FAILED: ${err && err.stack ? err.stack : err}`);
    await Promise.allSettled([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
    process.exit(1);
  },
);
