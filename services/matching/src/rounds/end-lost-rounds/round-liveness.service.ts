import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@civic/platform';
import { MatchingConfig } from '../../matching.config';
import type { RoundRecord } from '../../shared/domain/round.record';
import { RedisLocks } from '../../shared/infrastructure/round-lock';
import { RoundStore } from '../../shared/round.store';
import { RoundRunner } from '../run-round/round-runner.service';
import { roundLockKey } from '../start-round/start-round.service';
import { RoundOwner } from '../../shared/infrastructure/round-owner';

/**
 * Keeps a dead process's rounds from looking alive. Every ROUND_HEARTBEAT_MS this process beats the heartbeat of
 * each round it runs, and ends other processes' running rounds whose heartbeat is older than ROUND_STALE_MS. At
 * start, before it serves HTTP, it ends at once the rounds its own previous incarnation left running (same instance,
 * another process). A lost round ends failed, or completed when its results were already stored (publishing); its
 * scope's Redis lock is freed with it, so the next POST /rounds in the scope is not refused.
 */
@Injectable()
export class RoundLiveness implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RoundLiveness');
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;

  constructor(
    private readonly rounds: RoundStore,
    private readonly runner: RoundRunner,
    private readonly locks: RedisLocks,
    private readonly owner: RoundOwner,
    @Inject(SERVICE_CONFIG) private readonly config: MatchingConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.endPredecessorRounds().catch((e) => this.logger.warn(`could not end the previous incarnation's rounds: ${(e as Error).message}`));
    this.timer = setInterval(() => void this.tick(), this.config.ROUND_HEARTBEAT_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
  }

  /** One beat and one look for lost rounds (not re-entered while one runs). */
  tick(): Promise<void> {
    this.ticking ??= (async () => {
      await this.beat().catch((e) => this.logger.warn(`heartbeat failed: ${(e as Error).message}`));
      await this.endLostRounds().catch((e) => this.logger.warn(`lost-round check failed: ${(e as Error).message}`));
    })().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  /** Beats the heartbeat of every round this process runs. */
  private async beat(): Promise<void> {
    const ids = this.runner.activeRounds();
    if (ids.length === 0) return;
    await this.rounds.beat(ids);
  }

  /** Ends running rounds of other processes whose heartbeat stopped. */
  private async endLostRounds(): Promise<void> {
    for (const round of await this.rounds.silentRunning(this.config.ROUND_STALE_MS, this.owner.id)) {
      const silentMs = Date.now() - round.heartbeatAt.getTime();
      await this.end(round, `the process running the round (${round.owner}) stopped during ${round.phase}: no heartbeat for ${silentMs} ms`);
    }
  }

  /** Ends the rounds this instance's previous incarnation left running. */
  private async endPredecessorRounds(): Promise<void> {
    const running = await this.rounds.runningOfOthers(`${this.owner.instance}/`, this.owner.id);
    for (const round of running.filter((r) => this.owner.isGonePredecessor(r.owner))) {
      await this.end(round, `the process running the round (${round.owner}) stopped during ${round.phase}: its instance ${this.owner.instance} restarted`);
    }
  }

  private async end(round: RoundRecord, reason: string): Promise<void> {
    if (this.runner.isRunning(round.id)) return;
    if (round.phase === 'publishing') {
      // Results and events were committed; the relay publishes them whatever happened to the runner. A round
      // neither published at once nor a dry run was stored as a draft.
      const ending = !round.dryRun && !round.publishAtOnce ? 'draft' : 'completed';
      await this.rounds.finish(this.rounds.manager, round.id, ending);
      this.logger.warn(`round ${round.id} lost its runner while publishing; marked ${ending} (${reason})`);
    } else {
      await this.runner.fail(round, round.phase, reason);
      this.logger.warn(`round ${round.id} marked failed: ${reason}`);
    }
    if (await this.locks.releaseHeldBy(roundLockKey(round.scope.key), round.owner).catch(() => false)) {
      this.logger.log(`freed the lock of scope ${round.scope.key} held by ${round.owner}`);
    }
  }
}
