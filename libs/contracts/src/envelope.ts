/**
 * The one envelope every integration event travels in, on Kafka and on the HTTP feed.
 * `version` is the payload's schema version; a breaking change to a payload means a new version.
 */
export interface EventEnvelope<TType extends string = string, TPayload = unknown> {
  /** Unique per event (UUID); consumers deduplicate on it. */
  id: string;
  type: TType;
  version: number;
  /** ISO-8601 instant at which the state change committed. */
  occurredAt: string;
  /** The service that owns the state and emitted the event. */
  source: string;
  /** Ties together the request and every event it caused. */
  correlationId: string;
  /** The aggregate's id; also the Kafka message key, so one aggregate's events stay in order. */
  key: string;
  payload: TPayload;
}
