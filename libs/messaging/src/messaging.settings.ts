/**
 * Tunables of the event pipeline. The service's validated config reads them from the environment (libs/platform
 * BaseServiceConfig: OUTBOX_BATCH, CONSUMER_*, MESSAGING_RETENTION_*), so a malformed value stops the service at
 * start-up with exit code 78, naming it; the lib itself never reads process.env.
 */
export interface MessagingSettings {
  /** Outbox rows the relay locks and sends per batch. */
  outboxBatch: number;
  /**
   * The relay's loops per process, each locking, sending and marking its own batches in its own transaction (as
   * replicas' relays do): one lane's lock and mark overlap another's send. 1: one batch at a time.
   */
  outboxLanes: number;
  /** /health turns 503 when more rows than this wait in the outbox. */
  outboxHealthMaxBacklog: number;
  /** /health turns 503 when the oldest unpublished row is older than this. */
  outboxHealthMaxAgeMs: number;
  /** Attempts per event before it is dead-lettered: the first on its topic, the others from `<topic>.retry`. */
  consumerMaxAttempts: number;
  /** Delay before the first retry; doubles per attempt up to consumerRetryMaxMs. */
  consumerRetryBaseMs: number;
  consumerRetryMaxMs: number;
  /** Messages applied per database transaction (a failure falls back to one transaction per message). */
  consumerTxBatch: number;
  /** How long the group waits for a silent consumer before giving its partitions to the others. */
  consumerSessionTimeoutMs: number;
  /**
   * Partitions a consumer handles at the same time (each partition stays in order); their runs of events share one
   * transaction (TransactionCoalescer), so a fetch of every partition costs one commit instead of one per partition.
   */
  consumerPartitionsConcurrently: number;
  /** Published outbox rows and inbox rows older than this are deleted; at least the topics' retention. */
  retentionHours: number;
  /** How often the retention sweep runs. */
  retentionSweepIntervalMs: number;
}

export const MESSAGING_DEFAULTS: MessagingSettings = {
  outboxBatch: 500,
  outboxLanes: 2,
  outboxHealthMaxBacklog: 100_000,
  outboxHealthMaxAgeMs: 120_000,
  consumerMaxAttempts: 5,
  consumerRetryBaseMs: 1000,
  consumerRetryMaxMs: 60_000,
  consumerTxBatch: 500,
  consumerSessionTimeoutMs: 30_000,
  consumerPartitionsConcurrently: 3,
  retentionHours: 168,
  retentionSweepIntervalMs: 3_600_000,
};

/** The delay before retry number `attempt` (1 for the first retry). */
export function retryDelayMs(settings: Pick<MessagingSettings, 'consumerRetryBaseMs' | 'consumerRetryMaxMs'>, attempt: number): number {
  return Math.min(settings.consumerRetryMaxMs, settings.consumerRetryBaseMs * 2 ** Math.max(0, attempt - 1));
}
