import type { MessagingSettings } from './messaging.settings';

/** What the messaging lib needs to know about the service it runs in. */
export interface MessagingOptions {
  /** The service name: the envelope's `source`, the Kafka client id, and the consumer group's base. */
  source: string;
  brokers: string[];
  /** Prepended to topics and the consumer group (unique per test run, empty in production). */
  topicPrefix: string;
  /** Database URL for the outbox relay's LISTEN connection. */
  databaseUrl: string;
  /** The pipeline's tunables from the service's validated config; MESSAGING_DEFAULTS where absent. */
  settings?: Partial<MessagingSettings>;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
