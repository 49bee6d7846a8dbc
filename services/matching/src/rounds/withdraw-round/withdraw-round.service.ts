import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Outbox } from '@civic/messaging';
import { ApiError } from '@civic/platform';
import { DataSource } from 'typeorm';
import { toAssignmentSnapshot } from '../../assignments/domain/assignment.record';
import type { RoundRecord } from '../domain/round.record';
import { LifecycleStore } from '../lifecycle/lifecycle.store';
import { requireTransition } from '../lifecycle/round-state';
import { assignmentEvent, roundEvents } from '../round-events';
import { RoundStore } from '../round.store';

/** What a withdrawal did. */
export interface WithdrawOutcome {
  round: RoundRecord;
  withdrawn: number;
  kept: number;
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
    @InjectDataSource() private readonly db: DataSource,
    private readonly rounds: RoundStore,
    private readonly lifecycle: LifecycleStore,
    private readonly outbox: Outbox,
  ) {}

  async withdraw(roundId: string, reason: string, includeAccepted: boolean, actor: string): Promise<WithdrawOutcome> {
    return this.db.transaction(async (m) => {
      const current = await this.rounds.findById(m, roundId, true);
      if (!current) throw ApiError.notFound('round', roundId);
      requireTransition(current, 'withdraw');
      const now = new Date();
      const withdrawn = await this.lifecycle.withdrawAssignments(m, roundId, includeAccepted ? ['proposed', 'accepted'] : ['proposed'], reason, now);
      await this.lifecycle.closeRematches(m, roundId, now);
      const kept = await this.lifecycle.ids(m, roundId, 'accepted');
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
