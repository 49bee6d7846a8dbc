import { Counter, Gauge } from 'prom-client';

/** Event pipeline metrics, registered in prom-client's default registry that `/metrics` serves. */
export const eventsPublished = new Counter({
  name: 'events_published_total',
  help: 'Events the outbox relay published to Kafka',
  labelNames: ['topic', 'type'] as const,
});

export const eventsConsumed = new Counter({
  name: 'events_consumed_total',
  help: 'Events consumed, by outcome: applied, duplicate (already in the inbox), ignored (no handler), retried (sent to the retry topic), dead_lettered',
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


export const outboxOldestAge = new Gauge({
  name: 'outbox_oldest_age_seconds',
  help: 'Age of the oldest outbox row not yet published (0 when none waits)',
});

export const retentionDeleted = new Counter({
  name: 'messaging_retention_deleted_total',
  help: 'Published outbox rows and inbox rows deleted by the retention sweep',
  labelNames: ['table'] as const,
});

export const outboxPublishFailures = new Counter({
  name: 'outbox_publish_failures_total',
  help: 'Relay batches that failed (broker or database unavailable) and were retried',
});

export const consumerTransientFailures = new Counter({
  name: 'events_consumer_transient_failures_total',
  help: 'Times a consumer waited and retried in place because its database (or a lock) failed, not the event',
});

export const consumerBatchFallbacks = new Counter({
  name: 'events_consumer_batch_fallbacks_total',
  help: 'Transactions of several events that failed and were re-applied one event per transaction',
});

export const kafkaClientErrors = new Counter({
  name: 'kafka_client_errors_total',
  help: 'Errors and warnings the Kafka client logged (connection losses, retries, rebalances)',
  labelNames: ['level'] as const,
});
