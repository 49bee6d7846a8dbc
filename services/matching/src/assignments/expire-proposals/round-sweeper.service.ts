import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Outbox } from '@civic/messaging';
import { SERVICE_CONFIG } from '@civic/platform';
import { MatchingConfig } from '../../matching.config';
import { assignmentEvent } from '../../shared/round-events';
import { assignmentDecisions } from '../../shared/infrastructure/round.metrics';
import { AssignmentStore } from '../../shared/assignment.store';
import { toAssignmentSnapshot } from '../../shared/domain/assignment.record';
import { RematchScheduler } from '../rematch/rematch.scheduler';

const EXPIRE_BATCH = 1000;

/**
 * The periodic housekeeping of rounds (every SWEEP_INTERVAL_MS): proposals past their deadline expire (each with
 * its event) and their rounds are re-matched, as for a decline; freed slots whose re-match was lost with a process are
 * re-matched. (Rounds whose runner died are RoundLiveness's, on the heartbeat's shorter clock.) SKIP LOCKED lets
 * several replicas sweep side by side.
 */
@Injectable()
export class RoundSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RoundSweeper');
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly assignments: AssignmentStore,
    private readonly outbox: Outbox,
    private readonly rematches: RematchScheduler,
    @Inject(SERVICE_CONFIG) private readonly config: MatchingConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweepOnce(), this.config.SWEEP_INTERVAL_MS);
    this.timer.unref();
    setTimeout(() => void this.sweepOnce(), 1000).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** One pass of every chore (not re-entered while one runs). */
  sweepOnce(): Promise<void> {
    this.sweeping ??= (async () => {
      for (const chore of [() => this.expireOverdue(), () => this.resumeRematches()]) {
        await chore().catch((e) => this.logger.warn(`sweep step failed: ${(e as Error).message}`));
      }
    })().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /** Expires overdue proposals; returns how many. */
  async expireOverdue(): Promise<number> {
    const expired = await this.assignments.transaction(async (m) => {
      const list = await this.assignments.expireOverdue(m, EXPIRE_BATCH);
      await this.outbox.append(m, list.map((r) => assignmentEvent(toAssignmentSnapshot(r))));
      return list;
    });
    for (const roundId of new Set(expired.map((r) => r.round_id))) this.rematches.schedule(roundId);
    if (expired.length) {
      assignmentDecisions.inc({ status: 'expired' }, expired.length);
      this.logger.log(`expired ${expired.length} overdue proposal(s)`);
    }
    return expired.length;
  }

  /** Re-schedules re-matches of freed slots left unanswered for longer than a batch window. */
  private async resumeRematches(): Promise<void> {
    for (const roundId of await this.assignments.roundsAwaitingRematch(this.config.REMATCH_BATCH_MS * 2)) this.rematches.schedule(roundId);
  }
}
