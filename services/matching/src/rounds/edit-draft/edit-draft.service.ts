import { Injectable } from '@nestjs/common';
import { DomainError, type DraftEdit, type RoundEditV1 } from '@civic/contracts';
import { Outbox } from '@civic/messaging';
import { draftDiff } from '../domain/draft-assignments';
import { planEdits } from '../domain/draft-edits';
import type { RoundRecord } from '../../shared/domain/round.record';
import { DraftSolver } from '../lifecycle/draft-solver';
import { LifecycleStore } from '../lifecycle.store';
import { requireRevision, requireTransition, staleRevision } from '../lifecycle/round-state';
import { roundEvents } from '../../shared/round-events';
import { RoundStore } from '../../shared/round.store';
import type { EditDraftDto } from './edit-draft.dto';

/** What an edit did (the answer's edit: the diff, the figures before and after), and the round now. */
export interface DraftEditOutcome extends DraftEdit {
  round: RoundRecord;
}

/**
 * Edits a draft: pins, removals and moves (one or a batch) checked against the draft, then a minimal re-optimisation
 * that keeps everything else; the new draft, the forbidden pairs, the audit entry and round.edited commit together,
 * and only if the round is still the draft at the revision the edit was made against (a stale edit is a 409).
 */
@Injectable()
export class EditDraftService {
  constructor(
    private readonly rounds: RoundStore,
    private readonly lifecycle: LifecycleStore,
    private readonly solver: DraftSolver,
    private readonly outbox: Outbox,
  ) {}

  async edit(roundId: string, dto: EditDraftDto, actor: string): Promise<DraftEditOutcome> {
    const round = await this.rounds.findById(this.rounds.manager, roundId);
    if (!round) throw DomainError.notFound('round', roundId);
    requireTransition(round, 'edit');
    requireRevision(round, dto.revision);
    const edits: RoundEditV1[] = dto.edits.map((e) => ({ op: e.op, expertId: e.expertId, projectId: e.projectId, fromProjectId: e.fromProjectId ?? null }));
    const [drafts, forbidden, instance] = await Promise.all([
      this.lifecycle.drafts(this.rounds.manager, roundId),
      this.lifecycle.forbidden(this.rounds.manager, roundId),
      this.solver.instanceOf(roundId),
    ]);
    const plan = planEdits(drafts, edits, { experts: new Set(instance.experts.map((e) => e.id)), projects: new Set(instance.projects.map((p) => p.id)) });
    if (plan.problems.length) throw DomainError.invalid(plan.problems.map((p) => p.message).join('; '), plan.problems);
    const solved = await this.solver.solve(round, { drafts, pins: plan.pins, removals: plan.removals, forbidden, edits });
    const diff = draftDiff(drafts, solved.drafts);
    const pinned = new Set(plan.pins.map((p) => `${p.expertId}/${p.projectId}`));
    const allForbidden = [...forbidden.filter((f) => !pinned.has(`${f.expertId}/${f.projectId}`)), ...plan.removals];

    const updated = await this.rounds.transaction(async (m) => {
      const current = await this.rounds.findById(m, roundId, true);
      if (!current) throw DomainError.notFound('round', roundId);
      requireTransition(current, 'edit');
      if (current.revision !== round.revision) {
        staleRevision(`round ${roundId} changed while this edit was computed (revision ${current.revision}, the edit was made at ${round.revision}): read it again and retry`);
      }
      await this.lifecycle.replace(m, roundId, solved.drafts);
      await this.lifecycle.setForbidden(m, roundId, allForbidden);
      await this.rounds.saveTeams(m, roundId, solved.teams);
      const revision = await this.rounds.saveOutcome(m, roundId, {
        objective: solved.objective,
        figures: solved.figures,
        underfilled: solved.underfilled,
        certificate: solved.certificate,
      });
      await this.lifecycle.audit(m, roundId, { action: 'edit', revision, actor, reason: dto.reason, detail: { edits, added: diff.added, removed: diff.removed } });
      await this.outbox.append(m, [
        roundEvents.edited({
          roundId,
          edits,
          editedBy: actor,
          reason: dto.reason,
          added: diff.added,
          removed: diff.removed,
          objective: solved.objective,
          figures: solved.figures,
          underfilled: solved.underfilled,
          teams: solved.teams,
          certificate: solved.certificate,
          assignments: solved.drafts,
          editedAt: new Date().toISOString(),
          revision,
        }),
      ]);
      return (await this.rounds.findById(m, roundId))!;
    });
    return { round: updated, added: diff.added, removed: diff.removed, before: round.figures, after: solved.figures };
  }
}
