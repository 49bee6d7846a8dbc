import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@civic/contracts';
import { currentCorrelationId } from './correlation/correlation';

/** What a service says happened; the outbox turns it into a full envelope. */
export interface EventDraft<TType extends string = string, TPayload = unknown> {
  type: TType;
  key: string;
  payload: TPayload;
  /** Payload schema version; 1 unless the contract says otherwise. */
  version?: number;
}

/** Wraps a draft in the envelope, stamping id, time, source and the current correlation id. */
export function createEnvelope<T extends string, P>(source: string, draft: EventDraft<T, P>, now = new Date()): EventEnvelope<T, P> {
  return {
    id: randomUUID(),
    type: draft.type,
    version: draft.version ?? 1,
    occurredAt: now.toISOString(),
    source,
    correlationId: currentCorrelationId(),
    key: draft.key,
    payload: draft.payload,
  };
}

/** Thrown for a message that is not a well-formed envelope (it goes straight to the dead-letter topic). */
export class MalformedEnvelopeError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses and checks a Kafka message value as an envelope. */
export function parseEnvelope(value: Buffer | string | null): EventEnvelope {
  if (value === null) throw new MalformedEnvelopeError('message has no value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString());
  } catch {
    throw new MalformedEnvelopeError('message value is not JSON');
  }
  const e = parsed as Partial<EventEnvelope>;
  const problems: string[] = [];
  if (typeof e.id !== 'string' || !UUID.test(e.id)) problems.push('id must be a UUID');
  if (typeof e.type !== 'string' || !e.type) problems.push('type must be a non-empty string');
  if (!Number.isInteger(e.version) || (e.version as number) < 1) problems.push('version must be a positive integer');
  if (typeof e.occurredAt !== 'string' || Number.isNaN(Date.parse(e.occurredAt))) problems.push('occurredAt must be an ISO date');
  if (typeof e.source !== 'string') problems.push('source must be a string');
  if (typeof e.correlationId !== 'string') problems.push('correlationId must be a string');
  if (typeof e.key !== 'string') problems.push('key must be a string');
  if (e.payload === undefined || e.payload === null || typeof e.payload !== 'object') problems.push('payload must be an object');
  if (problems.length) throw new MalformedEnvelopeError(`not an event envelope: ${problems.join('; ')}`);
  return e as EventEnvelope;
}
