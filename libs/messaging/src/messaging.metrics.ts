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

/**
 * Wall time each stage of the pipeline took, summed over batches (divide by the events of the same side for a per-event
 * cost): the relay's `lock` (BEGIN and the eligible-row lock), `send` (produce until the broker acknowledged) and `mark`
 * (marking published and COMMIT); the consumer's `check` (parsing envelopes and payload checks), `inbox` (BEGIN and
 * the inbox insert), `handlers`, `write` (the deferred set-based writes), `commit` (COMMIT with its fsync) and
 * `offsets` (the offset commit to Kafka).
 */
export const pipelineStageSeconds = new Counter({
  name: 'events_pipeline_stage_seconds_total',
  help: 'Wall time spent in each stage of the event pipeline (side relay or consumer), summed over batches',
  labelNames: ['side', 'stage'] as const,
});

/** Transactions of the relay (one per batch sent) and of the consumer (one per run of events applied together). */
export const pipelineTransactions = new Counter({
  name: 'events_pipeline_transactions_total',
  help: 'Database transactions of the relay (one per batch) and of the consumer (one per run of events applied together)',
  labelNames: ['side'] as const,
});

/**
 * How long messages waited between the producer's send (their Kafka timestamp) and the consumer's batch handler,
 * summed over messages: the broker's and the fetch's share of an event's latency.
 */
export const consumerDeliverySeconds = new Counter({
  name: 'events_consumer_delivery_seconds_total',
  help: 'Sum over consumed messages of the time from their Kafka timestamp (the send) to the consumer handling their batch',
});

/** Adds the time since `since` (performance.now()) to a stage; returns the current time for the next stage. */
export function stageDone(side: 'relay' | 'consumer', stage: string, since: number): number {
  const now = performance.now();
  pipelineStageSeconds.inc({ side, stage }, (now - since) / 1000);
  return now;
}
