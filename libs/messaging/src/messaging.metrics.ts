import { Counter, Gauge } from 'prom-client';

/** Event pipeline metrics, registered in prom-client's default registry that `/metrics` serves. */
export const eventsPublished = new Counter({
  name: 'events_published_total',
  help: 'Events the outbox relay published to Kafka',
  labelNames: ['topic', 'type'] as const,
});

export const eventsConsumed = new Counter({
  name: 'events_consumed_total',
  help: 'Events consumed, by outcome: applied, duplicate (already in the inbox), ignored (no handler), dead_lettered',
  labelNames: ['topic', 'type', 'outcome'] as const,
});

export const consumerLag = new Gauge({
  name: 'kafka_consumer_lag',
  help: 'Messages between the committed offset and the end of each partition',
  labelNames: ['group', 'topic', 'partition'] as const,
});

export const outboxBacklog = new Gauge({
  name: 'outbox_backlog',
  help: 'Outbox rows not yet published',
});

