import { Injectable } from '@nestjs/common';
import { DomainError, ERROR_CODES, type DraftAssignmentV1, type RoundChangeV1, type RoundPublication } from '@civic/contracts';
import { Outbox } from '@civic/messaging';
import type { EntityManager } from 'typeorm';
import { ReadModelStore, type WorldRows } from '../../read-model/read-model.store';
import { AssignmentStore } from '../../shared/assignment.store';
import { draftDiff, proposalOf } from '../domain/draft-assignments';
import { publishChanges, type WorldNow } from '../domain/publish-changes';
import type { RoundRecord } from '../../shared/domain/round.record';
import { DraftSolver, type SolvedDraft } from '../lifecycle/draft-solver';
import { LifecycleStore } from '../lifecycle.store';
import { requireRevision, requireTransition, staleRevision } from '../lifecycle/round-state';
import { assignmentEvent, roundEvents } from '../../shared/round-events';
import { RoundStore } from '../../shared/round.store';
import type { PublishRoundDto } from './publish-round.dto';

/** What publishing did (the answer's publication), and the round after it. */
export interface PublishOutcome extends RoundPublication {
  round: RoundRecord;
}

/**
 * Publishes a draft: checks that nothing it relies on changed since it was solved (refusing with a 409 that says
 * what, or re-solving minimally when asked), then in one transaction (under the round's row lock, so publishing twice
 * publishes once) turns the draft into proposals with their deadlines and appends assignment.proposed for each,
 * round.published and round.completed: from there on the round lives like one published at once.
 */
@Injectable()
export class PublishRoundService {
  constructor(
    private readonly rounds: RoundStore,
    private readonly assignments: AssignmentStore,
    private readonly lifecycle: LifecycleStore,
    private readonly solver: DraftSolver,
    private readonly readModel: ReadModelStore,
    private readonly outbox: Outbox,
  ) {}

  async publish(roundId: string, dto: PublishRoundDto, actor: string): Promise<PublishOutcome> {
    const round = await this.rounds.findById(this.rounds.manager, roundId);
    if (!round) throw DomainError.notFound('round', roundId);
    requireTransition(round, 'publish');
    requireRevision(round, dto.revision);
    const drafts = await this.lifecycle.drafts(this.rounds.manager, roundId);
    const world = await this.world(this.rounds.manager, roundId, drafts);
    const changes = publishChanges(drafts, world.now);
    if (changes.length && dto.onChange !== 'resolve') throw changed(roundId, changes, 'publish with onChange resolve to re-solve them minimally');
    let solved: SolvedDraft | undefined;
    if (changes.length) {
      solved = await this.solver.solve(round, {
        drafts,
        pins: [],
        removals: changes.map((c) => ({ expertId: c.expertId, projectId: c.projectId })),
        forbidden: await this.lifecycle.forbidden(this.rounds.manager, roundId),
        now: { experts: world.rows.experts, projects: world.rows.projects, heldElsewhere: world.now.heldElsewhere },
      });
    }
    const final = solved?.drafts ?? drafts;
    const diff = solved ? draftDiff(drafts, final) : { added: [], removed: [] };

    const outcome = await this.rounds.transaction(async (m) => {
      const current = await this.rounds.findById(m, roundId, true);
      if (!current) throw DomainError.notFound('round', roundId);
      requireTransition(current, 'publish');
      if (current.revision !== round.revision) {
        staleRevision(`round ${roundId} changed while it was being published (revision ${current.revision}, read at ${round.revision}): read it again and retry`);
      }
      // What other rounds hold may have moved while the draft was re-solved: check again under the lock.
      const again = publishChanges(final, (await this.world(m, roundId, final)).now);
      if (again.length) throw changed(roundId, again, 'something changed again while publishing; retry');
      const now = new Date();
      const deadline = new Date(now.getTime() + round.options.responseWindowSeconds * 1000);
      const proposals = final.map((d) => proposalOf(d, { roundId, now, deadline }));
      await this.assignments.insertMany(m, proposals);
      await this.lifecycle.deleteDrafts(m, roundId);
      if (solved) await this.rounds.saveTeams(m, roundId, solved.teams);
      const live = await this.rounds.liveFigures(m, { ...round, status: 'completed', figures: solved?.figures ?? round.figures, underfilled: solved?.underfilled ?? round.underfilled });
      const figures = live!.figures;
      const objective = solved?.objective ?? round.objective!;
      const certificate = solved ? solved.certificate : round.certificate;
      const underfilled = solved?.underfilled ?? round.underfilled ?? [];
      await this.rounds.saveOutcome(m, roundId, { objective, figures, underfilled, certificate });
      const revision = await this.lifecycle.moveTo(m, roundId, 'completed');
      await this.lifecycle.audit(m, roundId, {
        action: 'publish',
        revision,
        actor,
        reason: dto.reason ?? null,
        detail: { changes, resolved: Boolean(solved), added: diff.added, removed: diff.removed, proposed: proposals.length },
      });
      const [projects, expertGroups, teams] = await Promise.all([
        this.rounds.loadProjects(m, roundId),
        this.lifecycle.expertGroups(m, roundId),
        this.rounds.loadTeams(m, roundId),
      ]);
      const t = round.timings;
      await this.outbox.append(m, [
        ...proposals.map(assignmentEvent),
        roundEvents.published({
          roundId,
          publishedBy: actor,
          reason: dto.reason ?? null,
          changes,
          resolved: Boolean(solved),
          removed: diff.removed,
          added: diff.added,
          proposedAssignmentIds: proposals.map((p) => p.assignmentId),
          publishedAt: now.toISOString(),
          revision,
        }),
        roundEvents.completed({
          roundId,
          scope: round.scope,
          strategy: round.strategy,
          options: round.options,
          dryRun: false,
          objective,
          figures,
          projects,
          expertGroups,
          underfilled,
          teams,
          certificate,
          timings: { snapshotMs: t.snapshotMs ?? 0, scoringMs: t.scoringMs ?? 0, solvingMs: t.solvingMs ?? 0, storingMs: t.storingMs ?? 0, totalMs: t.totalMs ?? 0 },
          completedAt: now.toISOString(),
          revision,
        }),
      ]);
      return { round: (await this.rounds.findById(m, roundId))!, proposed: proposals.length };
    });
    return { round: outcome.round, changes, resolved: Boolean(solved), added: diff.added, removed: diff.removed, proposed: outcome.proposed };
  }

  private async world(m: EntityManager, roundId: string, drafts: readonly DraftAssignmentV1[]): Promise<{ now: WorldNow; rows: WorldRows }> {
    const expertIds = [...new Set(drafts.map((d) => d.expertId))];
    const projectIds = [...new Set(drafts.map((d) => d.projectId))];
    const [rows, heldElsewhere] = await Promise.all([
      this.readModel.world(m, expertIds, projectIds),
      this.assignments.activeElsewhere(m, roundId, { expertIds, projectIds }),
    ]);
    return {
      rows,
      now: {
        experts: new Map(rows.experts.map((e) => [e.expert_id, { available: e.available, capacity: e.capacity }])),
        projects: new Map(rows.projects.map((p) => [p.project_id, { status: p.status, slots: p.slots }])),
        heldElsewhere,
      },
    };
  }
}

function changed(roundId: string, changes: readonly RoundChangeV1[], hint: string): DomainError {
  const message = `round ${roundId} relies on ${changes.length} assignment(s) that changed since it was solved: ${changes
    .slice(0, 5)
    .map((c) => c.message)
    .join('; ')}${changes.length > 5 ? '; ...' : ''} (${hint})`;
  return new DomainError(
    ERROR_CODES.roundChanged,
    message,
    changes.map((c) => ({ field: `draft.${c.expertId}.${c.projectId}`, rule: c.kind, message: c.message })),
  );
}
