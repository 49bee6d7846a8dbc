/** An event a service's consumer gave up on, as every service's GET /admin/dead-letters answers it. */
export interface DeadLetterView {
  id: string;
  consumerGroup: string;
  /** Where the message was first consumed. */
  origin: { topic: string; partition: number; offset: string };
  eventId: string | null;
  eventType: string | null;
  key: string | null;
  /** The message value as text (an envelope, or whatever could not be read as one). */
  value: string | null;
  headers: Record<string, string>;
  /** The last error. */
  error: string;
  attempts: number;
  status: 'dead' | 'replayed';
  timesDeadLettered: number;
  replays: number;
  firstFailedAt: string;
  lastFailedAt: string;
  replayedAt: string | null;
}
