import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@civic/platform';
import { MatchingConfig } from '../../matching.config';
import { RematchOutcome, RematchService } from './rematch.service';

/** First retry delay after a failed or deferred re-match; doubles per consecutive failure up to MAX_RETRY_MS. */
const RETRY_MS = 1000;
const MAX_RETRY_MS = 60_000;

/**
 * Batches re-matching per round: the first decline (or expiry) opens a window of REMATCH_BATCH_MS, and every freed
 * slot of that round arriving within it is re-matched by one solve. One re-match per round runs at a time in this
 * process; what arrives meanwhile runs right after. Freed slots are durable (rematched_at is null until answered),
 * so the sweeper resumes any batch lost with the process.
 */
@Injectable()
export class RematchScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('RematchScheduler');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly failures = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly service: RematchService,
    @Inject(SERVICE_CONFIG) private readonly config: MatchingConfig,
  ) {}

  /** Asks for a re-match of the round's freed slots within the batch window. */
  schedule(roundId: string, delayMs = this.config.REMATCH_BATCH_MS): void {
    if (this.closed || this.timers.has(roundId)) return;
    if (this.running.has(roundId)) {
      this.again.add(roundId);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(roundId);
      this.fire(roundId);
    }, delayMs);
    this.timers.set(roundId, timer);
  }

  /** Resolves when no re-match is waiting or running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.timers.size > 0 || this.running.size > 0) {
      await Promise.allSettled([...this.running.values()]);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.race([Promise.allSettled([...this.running.values()]), new Promise((r) => setTimeout(r, 10_000).unref())]);
  }

  private fire(roundId: string): void {
    let retry = false;
    const run = this.service
      .rematchRound(roundId)
      .then((outcome: RematchOutcome) => {
        retry = outcome.kind === 'busy' || outcome.kind === 'not_ready';
        if (!retry) this.failures.delete(roundId);
      })
      .catch((e) => {
        const n = (this.failures.get(roundId) ?? 0) + 1;
        this.failures.set(roundId, n);
        this.logger.error(`re-match of round ${roundId} failed (${n} in a row): ${(e as Error).message}; retrying`);
        retry = true;
      })
      .finally(() => {
        this.running.delete(roundId);
        const asked = this.again.delete(roundId);
        // A failing re-match backs off from 1 s; declines that came in while it ran get their own batch window.
        if (retry) this.schedule(roundId, Math.min(RETRY_MS * 2 ** Math.max(0, (this.failures.get(roundId) ?? 1) - 1), MAX_RETRY_MS));
        else if (asked) this.schedule(roundId);
      });
    this.running.set(roundId, run);
  }
}
