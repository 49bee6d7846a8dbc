import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ExpertProjectPair, MatchingResultV1, ResultTeam, RoundFiguresV1 } from '@civic/contracts';
import { Outbox } from '@civic/messaging';
import { SERVICE_CONFIG } from '@civic/platform';
import { ReadModelStore } from '../../read-model/read-model.store';
import { MatchingConfig } from '../../matching.config';
import { RedisLocks } from '../../shared/infrastructure/round-lock';
import { assignmentEvent, roundEvents } from '../../shared/round-events';
import { rematches } from '../../shared/infrastructure/round.metrics';
import { RoundStore } from '../../shared/round.store';
import { EngineRunner } from '../../shared/engine/engine-runner';
import { ownObjective, pairKey, roundCertificate, toProposals } from '../../shared/domain/to-assignments';
import { AssignmentStore } from '../../shared/assignment.store';
import { leadUniversities, roundTeams } from '../../shared/domain/round-teams';
import { AssignmentRow } from '../../shared/domain/assignment.record';
import { currentInstance, forbidDeclinedUniversities, withCurrentHoldings } from '../../shared/domain/current-instance';

/** What a re-match attempt did. */
export type RematchOutcome =
  | { kind: 'rematched'; freed: number; proposed: number; changedAssignments: number }
  | { kind: 'nothing' }
  | { kind: 'busy' }
  | { kind: 'not_ready' };

/**
 * Minimal re-matching of a round: every active assignment (accepted or still proposed) is pinned, every declined or
 * expired pair is forbidden, and the engine fills only the freed slots. Under one-university a freed slot is refilled
 * from the project's lead university, and a project its lead university declined as a whole gets the best team
 * another university can still field (the engine's `universityDeclines`); a university that declined a project in an
 * earlier re-match stays forbidden there. The new proposals, the freed slots marked as
 * answered, the round's new figures and the events commit in one transaction. A Redis lock per round keeps two
 * replicas from filling the same slot twice.
 */
@Injectable()
export class RematchService {
  private readonly logger = new Logger('RematchService');

  constructor(
    private readonly rounds: RoundStore,
    private readonly assignments: AssignmentStore,
    private readonly readModel: ReadModelStore,
    private readonly outbox: Outbox,
    private readonly engine: EngineRunner,
    private readonly locks: RedisLocks,
    @Inject(SERVICE_CONFIG) private readonly config: MatchingConfig,
  ) {}

  async rematchRound(roundId: string): Promise<RematchOutcome> {
    const lock = await this.locks.acquire(`matching:rematch:${roundId}`, this.config.ROUND_LOCK_TTL_MS);
    if (!lock) return { kind: 'busy' };
    try {
      const m = this.rounds.manager;
      const round = await this.rounds.findById(m, roundId);
      if (round?.status === 'running') return { kind: 'not_ready' };
      // Only a published round is refilled: not a dry run, a draft, nor one failed, cancelled or withdrawn.
      if (!round || round.dryRun || round.status !== 'completed') return { kind: 'nothing' };
      const freedIds = await this.assignments.freedOf(m, roundId);
      const declines = await this.assignments.universityDeclines(m, roundId);
      const newDeclines = declines.filter((d) => !d.rematched);
      if (freedIds.length === 0 && newDeclines.length === 0) return { kind: 'nothing' };

      const all = await this.assignments.ofRound(m, roundId);
      const active = all.filter((a) => a.status === 'proposed' || a.status === 'accepted');
      const declinedPairs: ExpertProjectPair[] = all
        .filter((a) => a.status === 'declined' || a.status === 'expired')
        .map((a) => ({ expertId: a.expert_id, projectId: a.project_id }));
      const stored = await this.rounds.loadInstance(m, roundId);
      if (!stored) throw new Error(`round ${roundId} has no stored instance`);
      // The round's experts and projects as they are now (availability, capacity, status, team sizes), and what
      // other rounds hold of them now: a re-match never gives away what a later round took.
      const expertIds = stored.experts.map((e) => e.id);
      const projectIds = stored.projects.map((p) => p.id);
      const [{ experts, projects }, heldElsewhere] = await Promise.all([
        this.readModel.world(m, expertIds, projectIds),
        this.assignments.activeElsewhere(m, roundId, { expertIds, projectIds }),
      ]);
      const activePairs = active.map((a) => ({ expertId: a.expert_id, projectId: a.project_id, kind: a.kind }));
      const current = currentInstance(
        stored,
        activePairs,
        declinedPairs,
        new Set(experts.filter((r) => !r.available).map((r) => r.expert_id)),
        new Set(projects.filter((r) => r.status === 'withdrawn').map((r) => r.project_id)),
      );
      const instance = forbidDeclinedUniversities(
        withCurrentHoldings(current.instance, activePairs, heldElsewhere, {
          capacity: new Map(experts.map((r) => [r.expert_id, r.capacity])),
          slots: new Map(projects.map((r) => [r.project_id, r.slots])),
        }),
        declines.filter((d) => d.rematched),
      );
      const declined = current.declined;
      const previous: MatchingResultV1 = {
        version: 1,
        strategy: round.strategy,
        assignments: active.map((a) => ({ expertId: a.expert_id, projectId: a.project_id, weight: a.weight, pinned: true, explanation: a.explanation })),
        objective: round.objective ?? { coverage: 0, weight: 0 },
        underfilled: [],
        unassigned: [],
        stats: { eligiblePairs: 0, solveMs: 0, changedAssignments: 0, bound: null, gapPct: null },
        teams: previousTeams(active, await this.rounds.loadTeams(m, roundId)),
      };
      const universityDeclines = newDeclines.map((d) => ({ projectId: d.projectId, universityId: d.universityId }));
      const { result } = await this.engine.run(
        { kind: 'rematch', instance, previous, declined, universityDeclines },
        () => undefined,
        this.config.ROUND_SOLVE_TIMEOUT_MS,
      );
      const teams = roundTeams(instance, result);

      const now = new Date();
      const deadline = new Date(now.getTime() + round.options.responseWindowSeconds * 1000);
      const proposals = toProposals(result.assignments, instance, {
        roundId,
        origin: 'rematch',
        now,
        deadline,
        skip: new Set(active.map((a) => pairKey({ expertId: a.expert_id, projectId: a.project_id }))),
        lead: leadUniversities(teams),
      });
      await this.rounds.transaction(async (m) => {
        await this.rounds.findById(m, roundId, true);
        await this.assignments.insertMany(m, proposals);
        await this.assignments.markRematched(m, roundId, freedIds, now);
        await this.rounds.saveTeams(m, roundId, teams);
        const live = await this.rounds.liveFigures(m, { ...round, underfilled: result.underfilled });
        const figures: RoundFiguresV1 = {
          ...live!.figures,
          eligiblePairs: result.stats.eligiblePairs,
          underfilledSlots: result.underfilled.length,
          unassignedExperts: result.unassigned.length,
        };
        const objective = ownObjective(instance, result);
        const certificate = roundCertificate(instance, result);
        const revision = await this.rounds.saveOutcome(m, roundId, { objective, figures, underfilled: result.underfilled, certificate });
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
            teams,
            certificate,
            universityDeclines: newDeclines.map((d) => ({ projectId: d.projectId, universityId: d.universityId, reason: d.reason, note: d.note })),
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

/**
 * The round's teams before the re-match, as the engine wants them in `previous`: each project with an active member
 * keeps the lead university stored with the round's teams (a project without one, e.g. a round stored before team
 * policies, takes the university with the most active members), and its members are the active ones now.
 */
export function previousTeams(active: readonly AssignmentRow[], stored: readonly ResultTeam[]): ResultTeam[] {
  const storedOf = new Map(stored.map((t) => [t.projectId, t]));
  const byProject = new Map<string, AssignmentRow[]>();
  for (const a of active) byProject.set(a.project_id, [...(byProject.get(a.project_id) ?? []), a]);
  return [...byProject.keys()].sort().map((projectId) => {
    const members = byProject.get(projectId)!;
    const perUniversity = new Map<string, number>();
    for (const a of members) perUniversity.set(a.university_id, (perUniversity.get(a.university_id) ?? 0) + 1);
    const universities = [...perUniversity.keys()].sort();
    const before = storedOf.get(projectId);
    const most = universities.reduce((best, u) => (perUniversity.get(u)! > perUniversity.get(best)! ? u : best));
    const ids = (kind: string) => members.filter((a) => a.kind === kind).map((a) => a.expert_id).sort();
    return {
      projectId,
      universityId: before?.universityId ?? members.find((a) => a.lead_university_id)?.lead_university_id ?? most,
      universities,
      teachers: ids('teacher'),
      students: ids('student'),
      weight: members.reduce((w, a) => w + a.weight, 0),
      reason: before?.reason ?? 'mixed',
      runnerUp: before?.runnerUp ?? null,
    };
  });
}
