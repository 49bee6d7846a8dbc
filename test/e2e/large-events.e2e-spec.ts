import { ConfigResourceTypes, type Admin, type Consumer } from 'kafkajs';
import { TOPICS } from '@civic/contracts';
import { KafkaConnection, TOPIC_MAX_MESSAGE_BYTES } from '@civic/messaging';
import { testInfrastructure, uniqueRunId, waitFor } from '@civic/testing';

/**
 * A round's events carry its roster and teams: above about 3,000 projects round.completed outgrows the broker's
 * default limit of 1 MB. The topics take TOPIC_MAX_MESSAGE_BYTES, on a real broker, new topics and old ones alike.
 */
describe('large events on the real broker', () => {
  let kafka: KafkaConnection;
  let admin: Admin;
  let consumer: Consumer | undefined;
  const prefix = `${uniqueRunId('large')}.`;

  beforeAll(async () => {
    const brokers = (await testInfrastructure()).kafkaBrokers.split(',');
    kafka = new KafkaConnection({ source: 'large-events-test', brokers, topicPrefix: prefix, databaseUrl: '' });
    admin = await kafka.getAdmin();
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await kafka.onApplicationShutdown();
  });

  const topicConfig = async (topic: string) => {
    const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }] });
    return Object.fromEntries(resources[0].configEntries.map((e) => [e.configName, e.configValue]));
  };

  it('creates topics that take 16 MiB, and raises an older topic to it keeping its own overrides', async () => {
    // A topic of an earlier version: the broker's default limit, and an operator's retention.
    const older = `${prefix}${TOPICS.rounds}`;
    await admin.createTopics({ topics: [{ topic: older, numPartitions: 3, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '86400000' }] }] });
    expect(Number((await topicConfig(older))['max.message.bytes'])).toBeLessThan(TOPIC_MAX_MESSAGE_BYTES);

    await kafka.ensureTopics([TOPICS.rounds, TOPICS.projects]);

    const rounds = await topicConfig(older);
    expect(rounds['max.message.bytes']).toBe(String(TOPIC_MAX_MESSAGE_BYTES));
    expect(rounds['retention.ms']).toBe('86400000');
    expect((await topicConfig(`${prefix}${TOPICS.projects}`))['max.message.bytes']).toBe(String(TOPIC_MAX_MESSAGE_BYTES));
  });

  it('carries a 3 MB event from the producer to a consumer', async () => {
    const topic = `${prefix}${TOPICS.rounds}`;
    const value = JSON.stringify({ roster: 'x'.repeat(3 * 1024 * 1024) });
    const producer = await kafka.getProducer();
    await producer.send({ topic, acks: -1, messages: [{ key: 'round-1', value }] });

    const received: string[] = [];
    consumer = kafka.kafka.consumer({ groupId: `${prefix}reader` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(message.value!.toString()) });
    await waitFor('the large event to arrive', () => received.length > 0);
    expect(received).toHaveLength(1);
    expect(received[0].length).toBe(value.length);
  });
});
