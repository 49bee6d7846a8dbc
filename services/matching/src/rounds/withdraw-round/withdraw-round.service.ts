import { Injectable } from '@nestjs/common';
import { DomainError, type RoundWithdrawal } from '@civic/contracts';
import { Outbox } from '@civic/messaging';
import { AssignmentStore } from '../../shared/assignment.store';
import { toAssignmentSnapshot } from '../../shared/domain/assignment.record';
import type { RoundRecord } from '../../shared/domain/round.record';
import { LifecycleStore } from '../lifecycle.store';
import { requireTransition } from '../lifecycle/round-state';
import { assignmentEvent, roundEvents } from '../../shared/round-events';
import { RoundStore } from '../../shared/round.store';

/** What a withdrawal did (the answer's withdrawal), and the round after it. */
export interface WithdrawOutcome extends RoundWithdrawal {
  round: RoundRecord;
}

/**
 * Withdraws a published round in one transaction: its pending proposals (and accepted assignments when asked) become
 * `withdrawn` with the reason and an assignment.withdrawn each, so their experts' capacity and the projects' places
 * are free again for other rounds; accepted ones stay otherwise; declines waiting for a re-match are closed (a
 * withdrawn round is not refilled); round.withdrawn carries the figures after it.
 */
@Injectable()
export class WithdrawRoundService {
  constructor(
    private readonly rounds: RoundStore,
    private readonly assignments: AssignmentStore,
    private readonly lifecycle: LifecycleStore,
    private readonly outbox: Outbox,
  ) {}

  async withdraw(roundId: string, reason: string, includeAccepted: boolean, actor: string): Promise<WithdrawOutcome> {
    return this.rounds.transaction(async (m) => {
      const current = await this.rounds.findById(m, roundId, true);
      if (!current) throw DomainError.notFound('round', roundId);
      requireTransition(current, 'withdraw');
      const now = new Date();
      const withdrawn = await this.assignments.withdrawOfRound(m, roundId, includeAccepted ? ['proposed', 'accepted'] : ['proposed'], reason, now);
      await this.assignments.markRematched(m, roundId, 'all', now);
      const kept = await this.assignments.idsOf(m, roundId, 'accepted');
      const live = await this.rounds.liveFigures(m, current);
      if (live) await this.rounds.saveOutcome(m, roundId, { objective: current.objective!, figures: live.figures, underfilled: current.underfilled ?? [], certificate: current.certificate });
      const revision = await this.lifecycle.moveTo(m, roundId, 'withdrawn');
      await this.lifecycle.audit(m, roundId, { action: 'withdraw', revision, actor, reason, detail: { includeAccepted, withdrawn: withdrawn.length, kept: kept.length } });
      await this.outbox.append(m, [
        ...withdrawn.map((r) => assignmentEvent(toAssignmentSnapshot(r))),
        roundEvents.withdrawn({
          roundId,
          withdrawnBy: actor,
          reason,
          includeAccepted,
          withdrawnAssignmentIds: withdrawn.map((r) => r.id).sort(),
          keptAssignmentIds: kept,
          figures: live!.figures,
          withdrawnAt: now.toISOString(),
          revision,
        }),
      ]);
      return { round: (await this.rounds.findById(m, roundId))!, withdrawn: withdrawn.length, kept: kept.length };
    });
  }
}
