import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ExpertProjectPair, InstanceProject, MatchingResultV1, RoundFiguresV1 } from '@civic/contracts';
import { Outbox } from '@civic/messaging';
import { SERVICE_CONFIG } from '@civic/platform';
import { DataSource } from 'typeorm';
import { MatchingConfig } from '../../matching.config';
import { RedisLocks } from '../../rounds/round-lock/round-lock';
import { assignmentEvent, roundEvents } from '../../rounds/round-events';
import { rematches } from '../../rounds/round.metrics';
import { RoundStore } from '../../rounds/round.store';
import { EngineRunner } from '../../rounds/run-round/engine-runner';
import { ownObjective, pairKey, toProposals } from '../../rounds/run-round/to-assignments';
import { AssignmentStore } from '../assignment.store';
import { currentInstance, withCurrentHoldings } from './current-instance';

/** What a re-match attempt did. */
export type RematchOutcome =
  | { kind: 'rematched'; freed: number; proposed: number; changedAssignments: number }
  | { kind: 'nothing' }
  | { kind: 'busy' }
  | { kind: 'not_ready' };

/**
 * Minimal re-matching of a round: every active assignment (accepted or still proposed) is pinned, every declined or
 * expired pair is forbidden, and the engine fills only the freed slots. The new proposals, the freed slots marked as
 * answered, the round's new figures and the events commit in one transaction. A Redis lock per round keeps two
 * replicas from filling the same slot twice.
 */
@Injectable()
export class RematchService {
  private readonly logger = new Logger('RematchService');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rounds: RoundStore,
    private readonly assignments: AssignmentStore,
    private readonly outbox: Outbox,
    private readonly engine: EngineRunner,
    private readonly locks: RedisLocks,
    @Inject(SERVICE_CONFIG) private readonly config: MatchingConfig,
  ) {}

  async rematchRound(roundId: string): Promise<RematchOutcome> {
    const lock = await this.locks.acquire(`matching:rematch:${roundId}`, this.config.ROUND_LOCK_TTL_MS);
    if (!lock) return { kind: 'busy' };
    try {
      const round = await this.rounds.findById(this.db.manager, roundId);
      if (!round || round.dryRun || round.status === 'failed') return { kind: 'nothing' };
      if (round.status === 'running') return { kind: 'not_ready' };
      const freed: Array<{ id: string }> = await this.db.query(
        `SELECT id FROM assignment WHERE round_id = $1 AND status IN ('declined', 'expired') AND rematched_at IS NULL`,
        [roundId],
      );
      if (freed.length === 0) return { kind: 'nothing' };

      const all = await this.assignments.ofRound(this.db.manager, roundId);
      const active = all.filter((a) => a.status === 'proposed' || a.status === 'accepted');
      const declinedPairs: ExpertProjectPair[] = all
        .filter((a) => a.status === 'declined' || a.status === 'expired')
        .map((a) => ({ expertId: a.expert_id, projectId: a.project_id }));
      const stored = await this.rounds.loadInstance(this.db.manager, roundId);
      if (!stored) throw new Error(`round ${roundId} has no stored instance`);
      // The round's experts and projects as they are now (availability, capacity, status, team sizes), and what
      // other rounds hold of them now: a re-match never gives away what a later round took.
      const expertIds = stored.experts.map((e) => e.id);
      const projectIds = stored.projects.map((p) => p.id);
      const [experts, projects, heldElsewhere] = await Promise.all([
        this.db.query(`SELECT expert_id, available, (snapshot->>'capacity')::int AS capacity FROM expert_view WHERE expert_id = ANY($1)`, [
          expertIds,
        ]) as Promise<Array<{ expert_id: string; available: boolean; capacity: number }>>,
        this.db.query(`SELECT project_id, status, snapshot->'slots' AS slots FROM project_view WHERE project_id = ANY($1)`, [projectIds]) as Promise<
          Array<{ project_id: string; status: string; slots: InstanceProject['slots'] }>
        >,
        this.assignments.activeElsewhere(this.db.manager, roundId, { expertIds, projectIds }),
      ]);
      const activePairs = active.map((a) => ({ expertId: a.expert_id, projectId: a.project_id, kind: a.kind }));
      const current = currentInstance(
        stored,
        activePairs,
        declinedPairs,
        new Set(experts.filter((r) => !r.available).map((r) => r.expert_id)),
        new Set(projects.filter((r) => r.status === 'withdrawn').map((r) => r.project_id)),
      );
      const instance = withCurrentHoldings(current.instance, activePairs, heldElsewhere, {
        capacity: new Map(experts.map((r) => [r.expert_id, r.capacity])),
        slots: new Map(projects.map((r) => [r.project_id, r.slots])),
      });
      const declined = current.declined;
      const previous: MatchingResultV1 = {
        version: 1,
        strategy: round.strategy,
        assignments: active.map((a) => ({ expertId: a.expert_id, projectId: a.project_id, weight: a.weight, pinned: true, explanation: a.explanation })),
        objective: round.objective ?? { coverage: 0, weight: 0 },
        underfilled: [],
        unassigned: [],
        stats: { eligiblePairs: 0, solveMs: 0, changedAssignments: 0, bound: null, gapPct: null },
        teams: [],
      };
      const { result } = await this.engine.run({ kind: 'rematch', instance, previous, declined }, () => undefined, this.config.ROUND_SOLVE_TIMEOUT_MS);

      const now = new Date();
      const deadline = new Date(now.getTime() + round.options.responseWindowSeconds * 1000);
      const proposals = toProposals(result.assignments, instance, {
        roundId,
        origin: 'rematch',
        now,
        deadline,
        skip: new Set(active.map((a) => pairKey({ expertId: a.expert_id, projectId: a.project_id }))),
      });
      const freedIds = freed.map((f) => f.id);
      await this.db.transaction(async (m) => {
        await this.rounds.findById(m, roundId, true);
        await this.assignments.insertMany(m, proposals);
        await m.query(`UPDATE assignment SET rematched_at = $2 WHERE id = ANY($1::uuid[])`, [freedIds, now]);
        const live = await this.rounds.liveFigures(m, { ...round, underfilled: result.underfilled });
        const figures: RoundFiguresV1 = {
          ...live!.figures,
          eligiblePairs: result.stats.eligiblePairs,
          underfilledSlots: result.underfilled.length,
          unassignedExperts: result.unassigned.length,
        };
        const objective = ownObjective(instance, result);
        const revision = await this.rounds.saveOutcome(m, roundId, { objective, figures, underfilled: result.underfilled });
        await this.outbox.append(m, [
          ...proposals.map(assignmentEvent),
          roundEvents.rematched({
            roundId,
            freedAssignmentIds: freedIds,
            proposedAssignmentIds: proposals.map((p) => p.assignmentId),
            changedAssignments: result.stats.changedAssignments,
            objective,
            figures,
            underfilled: result.underfilled,
            rematchedAt: now.toISOString(),
            revision,
          }),
        ]);
      });
      rematches.inc({ what: 'rematches' });
      rematches.inc({ what: 'freed_slots' }, freedIds.length);
      rematches.inc({ what: 'proposals' }, proposals.length);
      this.logger.log(`round ${roundId}: re-matched ${freedIds.length} freed slot(s) with ${proposals.length} new proposal(s)`);
      return { kind: 'rematched', freed: freedIds.length, proposed: proposals.length, changedAssignments: result.stats.changedAssignments };
    } finally {
      await lock.release();
    }
  }
}
