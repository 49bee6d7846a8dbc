import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@civic/contracts';
import { Outbox } from '@civic/messaging';
import type { RoundRecord } from '../../shared/domain/round.record';
import { LifecycleStore } from '../lifecycle.store';
import { requireTransition } from '../lifecycle/round-state';
import { roundEvents } from '../../shared/round-events';
import { RoundStore } from '../../shared/round.store';

/**
 * Cancels a running round or drops a draft. The round becomes `cancelled` with round.cancelled at once, under its
 * row lock; a running round's worker notices at its next phase boundary and stops without storing anything (the
 * storing transaction takes the same lock and finds the round no longer running). A round whose results are stored
 * can no longer be cancelled: it is withdrawn once published.
 */
@Injectable()
export class CancelRoundService {
  private readonly logger = new Logger('CancelRound');

  constructor(
    private readonly rounds: RoundStore,
    private readonly lifecycle: LifecycleStore,
    private readonly outbox: Outbox,
  ) {}

  async cancel(roundId: string, reason: string | null, actor: string): Promise<RoundRecord> {
    const round = await this.rounds.transaction(async (m) => {
      const current = await this.rounds.findById(m, roundId, true);
      if (!current) throw DomainError.notFound('round', roundId);
      requireTransition(current, 'cancel');
      const revision = await this.lifecycle.moveTo(m, roundId, 'cancelled');
      await this.lifecycle.audit(m, roundId, { action: 'cancel', revision, actor, reason, detail: { fromStatus: current.status, phase: current.phase } });
      await this.outbox.append(m, [
        roundEvents.cancelled({
          roundId,
          scope: current.scope,
          strategy: current.strategy,
          dryRun: current.dryRun,
          fromStatus: current.status,
          phase: current.phase,
          cancelledBy: actor,
          reason,
          cancelledAt: new Date().toISOString(),
          revision,
        }),
      ]);
      return (await this.rounds.findById(m, roundId))!;
    });
    this.logger.log(`round ${roundId} cancelled by ${actor}${reason ? ` (${reason})` : ''}`);
    return round;
  }
}
