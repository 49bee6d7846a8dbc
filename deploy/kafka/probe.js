#!/usr/bin/env node
'use strict';
// One readiness probe of the local broker: exits 0 when it answers a Metadata request
// and lists at least one broker, 1 otherwise. Used by kafka.sh (start/status).
//
//   node deploy/kafka/probe.js [host:port]   (default 127.0.0.1:$KAFKA_PORT or 9092)
//
// Uses kafkajs (admin describeCluster + listTopics) when it is installed; before `npm ci`
// it falls back to a raw Metadata v4 request over TCP, so kafka.sh never needs node_modules.

const net = require('net');

const target = process.argv[2] || `127.0.0.1:${process.env.KAFKA_PORT || 9092}`;
const idx = target.lastIndexOf(':');
const host = target.slice(0, idx);
const port = Number(target.slice(idx + 1));
const TIMEOUT_MS = Number(process.env.KAFKA_PROBE_TIMEOUT_MS || 4000);

function loadKafkajs() {
  try {
    return require('kafkajs');
  } catch {
    return null;
  }
}

async function probeWithKafkajs(kafkajs) {
  const kafka = new kafkajs.Kafka({
    clientId: 'civic-match-kafka-probe',
    brokers: [`${host}:${port}`],
    connectionTimeout: 1500,
    requestTimeout: TIMEOUT_MS,
    retry: { retries: 0 },
    logLevel: kafkajs.logLevel.NOTHING,
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (!cluster.brokers.length) throw new Error('metadata lists no brokers');
    const topics = await admin.listTopics();
    return `brokers=${cluster.brokers.length} controller=${cluster.controller} topics=${topics.length}`;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

// Metadata request v4 (api key 3): v0-v3 were removed in Kafka 4.0 (KIP-896); 3.x and 4.x
// both accept v4. Topics null = all topics, allow_auto_topic_creation false.
function probeRaw() {
  return new Promise((resolve, reject) => {
    const clientId = Buffer.from('civic-match-kafka-probe');
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4 + 1);
    let o = 0;
    o = body.writeInt16BE(3, o); // api_key Metadata
    o = body.writeInt16BE(4, o); // api_version
    o = body.writeInt32BE(4242, o); // correlation_id
    o = body.writeInt16BE(clientId.length, o);
    o += clientId.copy(body, o);
    o = body.writeInt32BE(-1, o); // topics: null (all)
    body.writeInt8(0, o); // allow_auto_topic_creation: false
    const frame = Buffer.alloc(4 + body.length);
    frame.writeInt32BE(body.length, 0);
    body.copy(frame, 4);

    const sock = net.connect({ host, port });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error('timeout'));
    }, TIMEOUT_MS);
    sock.on('connect', () => sock.write(frame));
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 4 || buf.length < 4 + buf.readInt32BE(0)) return;
      clearTimeout(timer);
      sock.destroy();
      if (buf.length < 16) return reject(new Error('short metadata response'));
      const correlationId = buf.readInt32BE(4);
      const brokers = buf.readInt32BE(12); // after throttle_time_ms
      if (correlationId !== 4242) return reject(new Error('bad correlation id'));
      if (brokers < 1) return reject(new Error('metadata lists no brokers'));
      resolve(`brokers=${brokers} (raw metadata v4)`);
    });
    sock.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

async function main() {
  const kafkajs = loadKafkajs();
  const info = kafkajs ? await probeWithKafkajs(kafkajs) : await probeRaw();
  if (process.env.KAFKA_PROBE_VERBOSE) console.log(`kafka ${host}:${port} ready: ${info}`);
}

const hardStop = setTimeout(() => {
  if (process.env.KAFKA_PROBE_VERBOSE) console.error('probe: hard timeout');
  process.exit(1);
}, TIMEOUT_MS + 2000);
hardStop.unref();

main().then(
  () => process.exit(0),
  (err) => {
    if (process.env.KAFKA_PROBE_VERBOSE) console.error(`probe: ${err && err.message}`);
    process.exit(1);
  },
);
