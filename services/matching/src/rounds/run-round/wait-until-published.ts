import { Logger } from '@nestjs/common';

const POLL_MS = 25;

/**
 * Waits until the relay has handed the given outbox events to Kafka (`publishedCount` asks the outbox), reporting
 * how many are out. After `timeoutMs` it gives up waiting (the events stay in the outbox and are published when the
 * broker is back).
 */
export async function waitUntilPublished(
  publishedCount: (eventIds: readonly string[]) => Promise<number>,
  eventIds: readonly string[],
  timeoutMs: number,
  onProgress: (published: number) => Promise<void>,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  for (;;) {
    const published = await publishedCount(eventIds);
    if (published !== last) {
      last = published;
      await onProgress(published);
    }
    if (published >= eventIds.length) return true;
    if (Date.now() > deadline) {
      new Logger('RoundRunner').warn(`${eventIds.length - published} events not yet published after ${timeoutMs} ms; the relay will retry`);
      return false;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
