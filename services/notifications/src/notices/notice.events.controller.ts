import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  ASSIGNMENT_EVENTS,
  AssignmentEventV1,
  COORDINATOR_EVENTS,
  CoordinatorsSetV1,
  EXPERT_EVENTS,
  ExpertEventV1,
  PROJECT_EVENTS,
  ProjectEventV1,
  ROUND_EVENTS,
  RoundCompletedV1,
  RoundFailedV1,
  RoundRematchedV1,
  RoundWithdrawnV1,
} from '@civic/contracts';
import { EventContext } from '@civic/messaging';
import { SERVICE_CONFIG } from '@civic/platform';
import type { EntityManager } from 'typeorm';
import { MailOutbox } from '../mails/mail.outbox';
import { NotificationsConfig } from '../notifications.config';
import { renderRoundCompleted, renderRoundFailed } from '../templates/templates';
import { durationLabel } from './durations';
import { NoticeStore } from './notice.store';

/**
 * What notifications learns from events, each in the consumer's transaction (so the inbox absorbs redeliveries):
 * recipients and names (newest revision wins), the rounds and proposals mails are about, the reminders and expiry
 * notices those schedule, and the administrators' mails about rounds, written straight into the mail outbox. Digests
 * and re-match mails wait for all their proposals; NoticeScheduler writes them.
 */
@Controller()
export class NoticeEventsController {
  private readonly reminderSeconds: number[];
  private since?: Date;

  constructor(
    private readonly store: NoticeStore,
    private readonly outbox: MailOutbox,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
  ) {
    this.reminderSeconds = config.reminderSeconds();
  }

  /**
   * True for an event from before this service's database was created: its state is kept (names, proposals) but it
   * mails nobody, so a new deployment on a broker with history does not mail about the past.
   */
  private async bygone(e: { occurredAt: string }, m: EntityManager): Promise<boolean> {
    this.since ??= await this.store.epoch(m);
    return new Date(e.occurredAt) < this.since;
  }

  @EventPattern(COORDINATOR_EVENTS.set)
  async onCoordinators(@Payload() e: CoordinatorsSetV1, @Ctx() ctx: EventContext): Promise<void> {
    await this.store.setCoordinators(ctx.manager, e.payload);
  }

  @EventPattern(Object.values(PROJECT_EVENTS))
  async onProject(@Payload() e: ProjectEventV1, @Ctx() ctx: EventContext): Promise<void> {
    const p = e.payload;
    const applied = await this.store.applyProject(ctx.manager, p);
    // A withdrawn project's proposals need no reminder: drop the reminders that have nothing left to remind of.
    if (applied && p.status === 'withdrawn') {
      for (const b of await this.store.openBatchesOfProject(ctx.manager, p.projectId)) {
        await this.store.cancelIdleReminders(ctx.manager, b.roundId, b.universityId, b.deadline);
      }
    }
  }

  @EventPattern(Object.values(EXPERT_EVENTS))
  async onExpert(@Payload() e: ExpertEventV1, @Ctx() ctx: EventContext): Promise<void> {
    await this.store.applyExpert(ctx.manager, e.payload);
  }

  /** A real round completed: its digest waits for its proposals; the administrators hear of it now. */
  @EventPattern(ROUND_EVENTS.completed)
  async onRoundCompleted(@Payload() e: RoundCompletedV1, @Ctx() ctx: EventContext): Promise<void> {
    const p = e.payload;
    // A dry run is a what-if: it proposes nothing and nobody is told.
    if (p.dryRun || (await this.bygone(e, ctx.manager))) return;
    await this.store.announceRound(ctx.manager, p.roundId, p.figures.assignments.total, p.completedAt);
    const context = { roundId: p.roundId, scopeKey: p.scope.key, strategy: p.strategy, at: new Date(p.completedAt), figures: p.figures };
    await this.outbox.enqueue(
      ctx.manager,
      this.store.administrators().map((a) => ({ cause: `round-completed:${p.roundId}`, kind: 'round-completed', recipient: a, content: renderRoundCompleted(a.language, context) })),
    );
  }

  @EventPattern(ROUND_EVENTS.failed)
  async onRoundFailed(@Payload() e: RoundFailedV1, @Ctx() ctx: EventContext): Promise<void> {
    const p = e.payload;
    if (p.dryRun || (await this.bygone(e, ctx.manager))) return;
    const context = { roundId: p.roundId, scopeKey: p.scope.key, strategy: p.strategy, at: new Date(p.failedAt), phase: p.phase, reason: p.reason };
    await this.outbox.enqueue(
      ctx.manager,
      this.store.administrators().map((a) => ({ cause: `round-failed:${p.roundId}`, kind: 'round-failed', recipient: a, content: renderRoundFailed(a.language, context) })),
    );
  }

  /** A re-match: its new proposals go out together, per university, once they have all arrived. */
  @EventPattern(ROUND_EVENTS.rematched)
  async onRematched(@Payload() e: RoundRematchedV1, @Ctx() ctx: EventContext): Promise<void> {
    const p = e.payload;
    if (await this.bygone(e, ctx.manager)) return;
    await this.store.announceRematch(ctx.manager, p.roundId, p.revision, p.proposedAssignmentIds, p.rematchedAt);
  }

  /** A withdrawn round: its coordinators hear of the withdrawn proposals, per university, once they have all arrived. */
  @EventPattern(ROUND_EVENTS.withdrawn)
  async onWithdrawn(@Payload() e: RoundWithdrawnV1, @Ctx() ctx: EventContext): Promise<void> {
    const p = e.payload;
    if (p.withdrawnAssignmentIds.length === 0 || (await this.bygone(e, ctx.manager))) return;
    await this.store.announceWithdrawal(ctx.manager, p.roundId, p.withdrawnAssignmentIds, p.reason, p.withdrawnAt);
  }

  @EventPattern(Object.values(ASSIGNMENT_EVENTS))
  async onAssignment(@Payload() e: AssignmentEventV1, @Ctx() ctx: EventContext): Promise<void> {
    const a = e.payload;
    const m = ctx.manager;
    const applied = await this.store.applyProposal(m, a);
    if (!applied || (await this.bygone(e, m))) return;
    const deadline = new Date(a.deadline);
    if (a.status === 'proposed') {
      // One reminder per step for the round, university and deadline (a re-match's proposals have their own deadline).
      const window = (deadline.getTime() - new Date(a.proposedAt).getTime()) / 1000;
      for (const seconds of this.reminderSeconds.filter((s) => s < window)) {
        await this.store.scheduleReminder(m, a.roundId, a.universityId, deadline, durationLabel(seconds), new Date(deadline.getTime() - seconds * 1000));
      }
      return;
    }
    await this.store.cancelIdleReminders(m, a.roundId, a.universityId, deadline);
    if (a.status === 'expired') {
      // Expiries of one deadline arrive in a burst: one notice gathers them after a short wait.
      await this.store.scheduleExpiryNotice(m, a.roundId, a.universityId, deadline, this.config.EXPIRY_NOTICE_DELAY_MS);
    }
  }
}
