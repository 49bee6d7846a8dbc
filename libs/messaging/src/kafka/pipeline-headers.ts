import type { IHeaders } from 'kafkajs';

/** Headers of a message on `<topic>.retry`: whose retry it is, how many attempts failed, when to try again, where it came from. */
export const RETRY_HEADERS = {
  group: 'retry-group',
  attempt: 'retry-attempt',
  notBefore: 'retry-not-before',
  error: 'retry-error',
  originTopic: 'origin-topic',
  originPartition: 'origin-partition',
  originOffset: 'origin-offset',
  replayOf: 'replay-of',
} as const;

/** Headers of a message on `<topic>.dlq`: its origin, the consumer group that gave up, the attempts and the last error. */
export const DLQ_HEADERS = {
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  group: 'dlq-consumer-group',
  error: 'dlq-error',
  attempts: 'dlq-attempts',
  failedAt: 'dlq-failed-at',
} as const;

const PIPELINE_HEADERS = new Set<string>([...Object.values(RETRY_HEADERS), ...Object.values(DLQ_HEADERS)]);

/** A header as a string (kafkajs gives Buffers), or undefined. */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const v = headers?.[name];
  if (v === undefined || v === null) return undefined;
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.toString();
}

/** The message's own headers (event id, type, correlation id...) without the retry and dead-letter bookkeeping. */
export function originalHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (PIPELINE_HEADERS.has(k) || v === undefined || v === null) continue;
    out[k] = (Array.isArray(v) ? v[0] : v)?.toString() ?? '';
  }
  return out;
}
