import { Injectable } from '@nestjs/common';

/** Where a service's Kafka consumer is: starting (not yet in its group), consuming, or stopped. */
export type ConsumerState = 'none' | 'joining' | 'consuming' | 'stopped';

/**
 * What the detailed health reports about the consumer. The service answers HTTP before its consumer has joined the
 * group (a restarted member waits out its dead predecessor's session), so "not joined yet" is a fact to show, not a
 * reason to stay silent.
 */
@Injectable()
export class ConsumerStatus {
  state: ConsumerState = 'none';
  /** When the state last changed, and the last start failure (the start is retried). */
  since = new Date();
  lastError?: string;
  /** Time from the start of the join to the first assignment, once known. */
  joinMs?: number;

  set(state: ConsumerState, error?: string): void {
    this.state = state;
    this.since = new Date();
    if (error !== undefined) this.lastError = error;
  }
}
