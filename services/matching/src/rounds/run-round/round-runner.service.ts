import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { MatchingResultV1, RoundFiguresV1, RoundPhase, RoundPhaseTimings } from '@civic/contracts';
import { Outbox } from '@civic/messaging';
import { SERVICE_CONFIG } from '@civic/platform';
import type { EntityManager } from 'typeorm';
import { ReadModelStore } from '../../read-model/read-model.store';
import { AssignmentStore } from '../../shared/assignment.store';
import { MatchingConfig } from '../../matching.config';
import { coverageOf } from '../../shared/domain/round-figures';
import { leadUniversities, roundTeams } from '../../shared/domain/round-teams';
import { RoundRecord } from '../../shared/domain/round.record';
import { HeldLock } from '../../shared/infrastructure/round-lock';
import { assignmentEvent, roundEvents } from '../../shared/round-events';
import { roundPhaseDuration, roundsFinished } from '../../shared/infrastructure/round.metrics';
import { RoundStore } from '../../shared/round.store';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { BuiltSnapshot, RoundSnapshot } from '../../shared/domain/round-snapshot';
import { EngineRunner } from '../../shared/engine/engine-runner';
import { waitUntilPublished } from './wait-until-published';
import { ownObjective, roundCertificate, toProposals } from '../../shared/domain/to-assignments';
import { LifecycleStore } from '../lifecycle.store';
import { draftOf } from '../domain/draft-assignments';

/** Thrown inside a run when the round was cancelled: the run stops at that phase boundary and stores nothing. */
export class RoundCancelled extends Error {
  constructor(roundId: string) {
    super(`round ${roundId} was cancelled`);
  }
}

/**
 * Runs a started round through its phases: snapshot of the read model, scoring and solving in a worker thread,
 * storing (assignments, figures and every event in one transaction), publishing (waiting for the relay), done.
 * Each phase is written to the round row, so GET /rounds/:id shows where it is. Any failure ends the round as
 * failed with a round.failed event; the round's lock is released either way.
 */
@Injectable()
export class RoundRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('RoundRunner');
  private readonly inFlight = new Set<Promise<void>>();
  private readonly active = new Set<string>();

  constructor(
    private readonly rounds: RoundStore,
    private readonly readModel: ReadModelStore,
    private readonly assignments: AssignmentStore,
    private readonly drafts: LifecycleStore,
    private readonly outbox: Outbox,
    private readonly engine: EngineRunner,
    @Inject(SERVICE_CONFIG) private readonly config: MatchingConfig,
  ) {}

  /** Starts the round in the background; the HTTP request that started it does not wait. */
  launch(round: RoundRecord, lock: HeldLock): void {
    this.active.add(round.id);
    const p = this.run(round, lock).finally(() => {
      this.inFlight.delete(p);
      this.active.delete(round.id);
    });
    this.inFlight.add(p);
  }

  /** Whether this process is running the round (it must not be taken for lost). */
  isRunning(roundId: string): boolean {
    return this.active.has(roundId);
  }

  /** The rounds this process runs now (RoundLiveness beats their heartbeat). */
  activeRounds(): string[] {
    return [...this.active];
  }

  /** Lets rounds in flight finish (bounded) before the database closes. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => setTimeout(r, 10_000).unref())]);
  }

  async run(round: RoundRecord, lock: HeldLock): Promise<void> {
    const started = performance.now();
    const timings: RoundPhaseTimings = {};
    let phase = 'snapshot' as RoundPhase;
    const moveTo = async (next: RoundPhase, detail?: Record<string, number>) => {
      phase = next;
      await this.rounds.setPhase(this.rounds.manager, round.id, next, detail);
    };
    try {
      let t = performance.now();
      const built = await this.snapshot(round);
      await this.stopIfCancelled(round.id);
      timings.snapshotMs = ms(performance.now() - t);

      // Phase updates one after the other: two at once on two pool connections may commit in either order and
      // leave the round showing the earlier phase.
      let phases = Promise.resolve();
      const outcome = await this.engine.run(
        { kind: 'solve', instance: built.instanceJson },
        (next, detail) => {
          phases = phases.then(() => moveTo(next, detail)).catch((e) => this.logger.warn(`phase update failed: ${(e as Error).message}`));
        },
        this.config.ROUND_SOLVE_TIMEOUT_MS,
      );
      await phases;
      if (this.config.ROUND_PAUSE_BEFORE_STORING_MS > 0) await new Promise((r) => setTimeout(r, this.config.ROUND_PAUSE_BEFORE_STORING_MS));
      // The solve cannot be interrupted: a round cancelled meanwhile stops here, at the phase boundary.
      await this.stopIfCancelled(round.id);
      timings.scoringMs = outcome.scoringMs;
      timings.solvingMs = outcome.solvingMs;

      await moveTo('storing');
      t = performance.now();
      // The one parse of the instance on the event loop: what is stored is computed from it.
      const snapshot: RoundSnapshot = { instance: JSON.parse(built.instanceJson), projects: built.projects, expertGroups: built.expertGroups };
      const eventIds = await this.store(round, snapshot, outcome.result, timings, started);
      phase = 'publishing'; // stored with the results, in the same transaction
      timings.storingMs = ms(performance.now() - t);

      t = performance.now();
      await waitUntilPublished((ids) => this.outbox.publishedCount(this.rounds.manager, ids), eventIds, this.config.PUBLISH_WAIT_MS, (done) =>
        this.rounds.setProgress(this.rounds.manager, round.id, 0.9 + 0.1 * (done / eventIds.length), { published: done, events: eventIds.length }),
      );
      timings.publishingMs = ms(performance.now() - t);
      timings.totalMs = ms(performance.now() - started);
      const ending = this.endsAsDraft(round) ? 'draft' : 'completed';
      await this.rounds.finish(this.rounds.manager, round.id, ending, { timings });
      roundsFinished.inc({ strategy: round.strategy, status: ending, dry_run: String(round.dryRun) });
      for (const [phaseName, key] of [['snapshot', 'snapshotMs'], ['scoring', 'scoringMs'], ['solving', 'solvingMs'], ['storing', 'storingMs'], ['publishing', 'publishingMs'], ['total', 'totalMs']] as const) {
        roundPhaseDuration.observe({ phase: phaseName }, (timings[key] ?? 0) / 1000);
      }
      this.logger.log(`round ${round.id} completed in ${timings.totalMs} ms (${outcome.result.assignments.filter((a) => !a.pinned).length} assignments)`);
    } catch (e) {
      const reason = (e as Error).message;
      if (e instanceof RoundCancelled) {
        this.logger.log(`round ${round.id} was cancelled; stopped after phase ${phase}, nothing stored`);
        return;
      }
      if (phase === 'publishing') {
        // round.completed (or round.drafted) is already committed with the results; the relay publishes it whatever happens here.
        this.logger.warn(`round ${round.id}: waiting for the relay failed (${reason}); ending it as ${this.endsAsDraft(round) ? 'a draft' : 'completed'}`);
        await this.rounds.finish(this.rounds.manager, round.id, this.endsAsDraft(round) ? 'draft' : 'completed', { timings }).catch(() => undefined);
        return;
      }
      this.logger.error(`round ${round.id} failed in phase ${phase}: ${reason}`);
      await this.fail(round, phase, reason).catch((err) => this.logger.error(`could not record the failure of round ${round.id}: ${(err as Error).message}`));
    } finally {
      await lock.release();
    }
  }

  /** A real round not published at once ends as a draft; dry runs and rounds published at once complete. */
  private endsAsDraft(round: RoundRecord): boolean {
    return !round.dryRun && !round.publishAtOnce;
  }

  /** Throws RoundCancelled when the round is no longer running (an administrator cancelled it). */
  private async stopIfCancelled(roundId: string): Promise<void> {
    const current = await this.rounds.findById(this.rounds.manager, roundId);
    if (current?.status !== 'running') throw new RoundCancelled(roundId);
  }

  /** Ends a running round as failed, with its event (also used for rounds whose process died). */
  async fail(round: Pick<RoundRecord, 'id' | 'scope' | 'strategy' | 'dryRun'>, phase: RoundPhase, reason: string): Promise<void> {
    await this.rounds.transaction(async (m) => {
      const current = await this.rounds.findById(m, round.id, true);
      if (!current || current.status !== 'running') return;
      const revision = await this.rounds.finish(m, round.id, 'failed', { error: reason.slice(0, 2000), bump: true });
      roundsFinished.inc({ strategy: round.strategy, status: 'failed', dry_run: String(round.dryRun) });
      await this.outbox.append(m, [
        roundEvents.failed({
          roundId: round.id,
          scope: round.scope,
          strategy: round.strategy,
          dryRun: round.dryRun,
          phase,
          reason: reason.slice(0, 2000),
          failedAt: new Date().toISOString(),
          revision,
        }),
      ]);
    });
  }

  /**
   * Reads the scope's projects, the available experts and, for a real round, what other rounds hold (their proposed
   * and accepted assignments, taken as given) in one consistent view, and keeps them with the round. A dry run is a
   * what-if over the registries as they are, so it takes no holdings into account. The rows leave the database as
   * JSON text and the engine's worker thread builds the instance from them: parsing thousands of snapshots and writing
   * the instance's JSON would otherwise hold the event loop, and every answer of the service with it.
   */
  private async snapshot(round: RoundRecord): Promise<BuiltSnapshot> {
    await this.stopIfCancelled(round.id);
    const source = await this.rounds.transaction(async (m) => {
      const rows = await this.readModel.scopeSnapshotJson(m, round.scope.districtIds);
      const held = round.dryRun ? [] : await this.assignments.activeElsewhere(m, round.id);
      return { ...rows, held };
    }, 'REPEATABLE READ');
    const built = await this.engine.buildSnapshot(
      { ...source, scope: round.scope, strategy: round.strategy, options: round.options },
      this.config.ROUND_SOLVE_TIMEOUT_MS,
    );
    if (built.projects.length === 0) throw new Error(`no active project in scope ${round.scope.key}`);
    if (built.experts === 0) throw new Error('no available expert');
    // Written after the consistent read, in a transaction of its own: under REPEATABLE READ this insert (its foreign
    // key locks the round row) would fail with a serialization error whenever a heartbeat had updated the row meanwhile.
    await this.rounds.transaction((m) => this.rounds.saveSnapshot(m, round.id, built.instanceJson, built.projects, built.expertGroups));
    await this.rounds.heartbeat(this.rounds.manager, round.id);
    return built;
  }

  /**
   * One transaction: the assignments (none for a dry run; a draft's apart, proposing nothing), the round's figures
   * and every event. It locks the round first, so a cancel either lands before (nothing is stored) or after (refused).
   */
  private async store(round: RoundRecord, snap: RoundSnapshot, result: MatchingResultV1, timings: RoundPhaseTimings, started: number): Promise<string[]> {
    const now = new Date();
    const deadline = new Date(now.getTime() + round.options.responseWindowSeconds * 1000);
    // The pins are other rounds' assignments: the round proposes, counts and reports only its own.
    const own = result.assignments.filter((a) => !a.pinned);
    const objective = ownObjective(snap.instance, result);
    const certificate = roundCertificate(snap.instance, result);
    const teams = roundTeams(snap.instance, result);
    // Between the longer synchronous steps the event loop answers what is waiting (requests, the consumer).
    await yieldToLoop();
    const proposals = toProposals(own, snap.instance, { roundId: round.id, origin: 'round', now, deadline, lead: leadUniversities(teams) });
    await yieldToLoop();
    const kindOf = new Map(snap.instance.experts.map((e) => [e.id, e.kind]));
    const coverage = coverageOf(
      snap.projects,
      own.map((a) => ({ projectId: a.projectId, kind: kindOf.get(a.expertId)!, count: 1, weight: a.weight })),
      result.underfilled,
    );
    if (coverage.coveredSlots !== objective.coverage) {
      this.logger.warn(`round ${round.id}: covered slots ${coverage.coveredSlots} differ from the engine's coverage ${objective.coverage}`);
    }
    const figures: RoundFiguresV1 = {
      projects: snap.projects.length,
      experts: snap.instance.experts.length,
      eligiblePairs: result.stats.eligiblePairs,
      requiredSlots: coverage.requiredSlots,
      coveredSlots: coverage.coveredSlots,
      coverageRatio: coverage.coverageRatio,
      weight: coverage.weight,
      assignments: { total: proposals.length, proposed: proposals.length, accepted: 0, declined: 0, expired: 0 },
      underfilledSlots: result.underfilled.length,
      unassignedExperts: result.unassigned.length,
    };
    const draft = this.endsAsDraft(round);
    return this.rounds.transaction(async (m: EntityManager) => {
      if ((await this.rounds.findById(m, round.id, true))?.status !== 'running') throw new RoundCancelled(round.id);
      if (draft) await this.drafts.replace(m, round.id, proposals.map((p) => draftOf(p, 'engine')));
      else if (!round.dryRun) await this.assignments.insertMany(m, proposals);
      await this.rounds.saveTeams(m, round.id, teams);
      const storedTimings = { ...timings, totalMs: ms(performance.now() - started) };
      const revision = await this.rounds.saveOutcome(m, round.id, {
        objective,
        figures,
        underfilled: result.underfilled,
        certificate,
        phase: 'publishing',
        timings: storedTimings,
      });
      const solvedTimings = {
        snapshotMs: storedTimings.snapshotMs ?? 0,
        scoringMs: storedTimings.scoringMs ?? 0,
        solvingMs: storedTimings.solvingMs ?? 0,
        storingMs: ms(performance.now() - started) - (storedTimings.snapshotMs ?? 0) - (storedTimings.scoringMs ?? 0) - (storedTimings.solvingMs ?? 0),
        totalMs: storedTimings.totalMs,
      };
      // What round.drafted and round.completed both carry.
      const solved = {
        roundId: round.id,
        scope: round.scope,
        strategy: round.strategy,
        options: round.options,
        objective,
        figures,
        projects: snap.projects,
        expertGroups: snap.expertGroups,
        underfilled: result.underfilled,
        teams,
        certificate,
        timings: solvedTimings,
        revision,
      };
      if (draft) {
        const events = await this.outbox.append(m, [
          roundEvents.drafted({
            ...solved,
            assignments: proposals.map((p) => draftOf(p, 'engine')),
            draftedAt: now.toISOString(),
          }),
        ]);
        return events.map((e) => e.id);
      }
      const events = await this.outbox.append(m, [
        ...(round.dryRun ? [] : proposals.map(assignmentEvent)),
        roundEvents.completed({
          ...solved,
          dryRun: round.dryRun,
          completedAt: now.toISOString(),
        }),
      ]);
      return events.map((e) => e.id);
    });
  }
}

function ms(x: number): number {
  return Math.round(x);
}

