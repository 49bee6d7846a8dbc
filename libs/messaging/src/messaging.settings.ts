/**
 * Tunables of the event pipeline, read from the environment once. They live here rather than in each service's
 * config class because every service shares them; a malformed value stops the service at start-up, naming it.
 */
export interface MessagingSettings {
  /** Outbox rows the relay locks and sends per batch. */
  outboxBatch: number;
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
  /** Partitions a consumer applies at the same time (each partition stays in order); more did not help on two cores. */
  consumerPartitionsConcurrently: number;
  /** Published outbox rows and inbox rows older than this are deleted; at least the topics' retention. */
  retentionHours: number;
  /** How often the retention sweep runs. */
  retentionSweepIntervalMs: number;
}

export const MESSAGING_DEFAULTS: MessagingSettings = {
  outboxBatch: 500,
  outboxHealthMaxBacklog: 100_000,
  outboxHealthMaxAgeMs: 120_000,
  consumerMaxAttempts: 5,
  consumerRetryBaseMs: 1000,
  consumerRetryMaxMs: 60_000,
  consumerTxBatch: 100,
  consumerSessionTimeoutMs: 30_000,
  consumerPartitionsConcurrently: 1,
  retentionHours: 168,
  retentionSweepIntervalMs: 3_600_000,
};

const VARIABLES: Record<keyof MessagingSettings, { name: string; min: number; max: number }> = {
  outboxBatch: { name: 'OUTBOX_BATCH', min: 1, max: 10_000 },
  outboxHealthMaxBacklog: { name: 'OUTBOX_HEALTH_MAX_BACKLOG', min: 1, max: Number.MAX_SAFE_INTEGER },
  outboxHealthMaxAgeMs: { name: 'OUTBOX_HEALTH_MAX_AGE_MS', min: 1000, max: Number.MAX_SAFE_INTEGER },
  consumerMaxAttempts: { name: 'CONSUMER_MAX_ATTEMPTS', min: 1, max: 100 },
  consumerRetryBaseMs: { name: 'CONSUMER_RETRY_BASE_MS', min: 10, max: 3_600_000 },
  consumerRetryMaxMs: { name: 'CONSUMER_RETRY_MAX_MS', min: 10, max: 86_400_000 },
  consumerTxBatch: { name: 'CONSUMER_TX_BATCH', min: 1, max: 10_000 },
  consumerSessionTimeoutMs: { name: 'CONSUMER_SESSION_TIMEOUT_MS', min: 6000, max: 300_000 },
  consumerPartitionsConcurrently: { name: 'CONSUMER_PARTITIONS_CONCURRENTLY', min: 1, max: 64 },
  retentionHours: { name: 'MESSAGING_RETENTION_HOURS', min: 1, max: 87_600 },
  retentionSweepIntervalMs: { name: 'MESSAGING_RETENTION_SWEEP_MS', min: 1000, max: 86_400_000 },
};

/** Reads the settings from `env`, defaults for unset ones; throws naming every malformed variable. */
export function messagingSettings(env: NodeJS.ProcessEnv = process.env): MessagingSettings {
  const settings = { ...MESSAGING_DEFAULTS };
  const problems: string[] = [];
  for (const [key, { name, min, max }] of Object.entries(VARIABLES) as Array<[keyof MessagingSettings, (typeof VARIABLES)[keyof MessagingSettings]]>) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) problems.push(`${name} = ${JSON.stringify(raw)}: must be an integer from ${min} to ${max}`);
    else settings[key] = value;
  }
  if (problems.length) throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return settings;
}

/** The delay before retry number `attempt` (1 for the first retry). */
export function retryDelayMs(settings: Pick<MessagingSettings, 'consumerRetryBaseMs' | 'consumerRetryMaxMs'>, attempt: number): number {
  return Math.min(settings.consumerRetryMaxMs, settings.consumerRetryBaseMs * 2 ** Math.max(0, attempt - 1));
}
