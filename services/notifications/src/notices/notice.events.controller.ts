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
    if (!this.since) {
      const [row]: Array<{ since: Date }> = await m.query(`SELECT since FROM notifications_epoch`);
      this.since = row.since;
    }
    return new Date(e.occurredAt) < this.since;
  }

  @EventPattern(COORDINATOR_EVENTS.set)
  async onCoordinators(@Payload() e: CoordinatorsSetV1, @Ctx() ctx: EventContext): Promise<void> {
    const p = e.payload;
    await ctx.manager.query(
      `INSERT INTO coordinator_list (university_id, coordinators, revision) VALUES ($1, $2, $3)
       ON CONFLICT (university_id) DO UPDATE SET coordinators = EXCLUDED.coordinators, revision = EXCLUDED.revision
       WHERE coordinator_list.revision < EXCLUDED.revision`,
      [p.universityId, JSON.stringify(p.coordinators), p.revision],
    );
  }

  @EventPattern(Object.values(PROJECT_EVENTS))
  async onProject(@Payload() e: ProjectEventV1, @Ctx() ctx: EventContext): Promise<void> {
    const p = e.payload;
    const applied: unknown[] = await ctx.manager.query(
      `INSERT INTO project_name (project_id, name, name_en, status, revision) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (project_id) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, status = EXCLUDED.status, revision = EXCLUDED.revision
       WHERE project_name.revision < EXCLUDED.revision RETURNING project_id`,
      [p.projectId, p.name, p.nameEn ?? null, p.status, p.revision],
    );
    // A withdrawn project's proposals need no reminder: drop the reminders that have nothing left to remind of.
    if (applied.length && p.status === 'withdrawn') {
      const batches: Array<{ round_id: string; university_id: string; deadline: Date }> = await ctx.manager.query(
        `SELECT DISTINCT round_id, university_id, deadline FROM proposal WHERE project_id = $1 AND status = 'proposed'`,
        [p.projectId],
      );
      for (const b of batches) await cancelIdleReminders(ctx.manager, b.round_id, b.university_id, b.deadline);
    }
  }

  @EventPattern(Object.values(EXPERT_EVENTS))
  async onExpert(@Payload() e: ExpertEventV1, @Ctx() ctx: EventContext): Promise<void> {
    const p = e.payload;
    await ctx.manager.query(
      `INSERT INTO expert_name (expert_id, name, name_en, revision) VALUES ($1, $2, $3, $4)
       ON CONFLICT (expert_id) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, revision = EXCLUDED.revision
       WHERE expert_name.revision < EXCLUDED.revision`,
      [p.expertId, p.name, p.nameEn ?? null, p.revision],
    );
  }

  /** A real round completed: its digest waits for its proposals; the administrators hear of it now. */
  @EventPattern(ROUND_EVENTS.completed)
  async onRoundCompleted(@Payload() e: RoundCompletedV1, @Ctx() ctx: EventContext): Promise<void> {
    const p = e.payload;
    // A dry run is a what-if: it proposes nothing and nobody is told.
    if (p.dryRun || (await this.bygone(e, ctx.manager))) return;
    await ctx.manager.query(
      `INSERT INTO round_notice (round_id, announced, completed_at) VALUES ($1, $2, $3) ON CONFLICT (round_id) DO NOTHING`,
      [p.roundId, p.figures.assignments.total, p.completedAt],
    );
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
    await ctx.manager.query(
      `INSERT INTO rematch_notice (round_id, revision, assignment_ids, rematched_at) VALUES ($1, $2, $3::uuid[], $4) ON CONFLICT DO NOTHING`,
      [p.roundId, p.revision, p.proposedAssignmentIds, p.rematchedAt],
    );
  }

  /** A withdrawn round: its coordinators hear of the withdrawn proposals, per university, once they have all arrived. */
  @EventPattern(ROUND_EVENTS.withdrawn)
  async onWithdrawn(@Payload() e: RoundWithdrawnV1, @Ctx() ctx: EventContext): Promise<void> {
    const p = e.payload;
    if (p.withdrawnAssignmentIds.length === 0 || (await this.bygone(e, ctx.manager))) return;
    await ctx.manager.query(
      `INSERT INTO withdrawal_notice (round_id, assignment_ids, reason, withdrawn_at) VALUES ($1, $2::uuid[], $3, $4) ON CONFLICT DO NOTHING`,
      [p.roundId, p.withdrawnAssignmentIds, p.reason, p.withdrawnAt],
    );
  }

  @EventPattern(Object.values(ASSIGNMENT_EVENTS))
  async onAssignment(@Payload() e: AssignmentEventV1, @Ctx() ctx: EventContext): Promise<void> {
    const a = e.payload;
    const m = ctx.manager;
    const applied: unknown[] = await m.query(
      `INSERT INTO proposal (assignment_id, round_id, university_id, project_id, expert_id, kind, discipline, district_id, issue_type, origin,
         status, deadline, proposed_at, decided_at, revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (assignment_id) DO UPDATE SET status = EXCLUDED.status, deadline = EXCLUDED.deadline, decided_at = EXCLUDED.decided_at,
         revision = EXCLUDED.revision
       WHERE proposal.revision < EXCLUDED.revision RETURNING assignment_id`,
      [a.assignmentId, a.roundId, a.universityId, a.projectId, a.expertId, a.expertKind, a.discipline, a.districtId, a.issueType, a.origin,
        a.status, a.deadline, a.proposedAt, a.decidedAt, a.revision],
    );
    if (!applied.length || (await this.bygone(e, m))) return;
    const deadline = new Date(a.deadline);
    if (a.status === 'proposed') {
      // One reminder per step for the round, university and deadline (a re-match's proposals have their own deadline).
      const window = (deadline.getTime() - new Date(a.proposedAt).getTime()) / 1000;
      for (const seconds of this.reminderSeconds.filter((s) => s < window)) {
        await m.query(
          `INSERT INTO notice_job (kind, round_id, university_id, deadline, step, due_at) VALUES ('reminder', $1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [a.roundId, a.universityId, deadline, durationLabel(seconds), new Date(deadline.getTime() - seconds * 1000)],
        );
      }
      return;
    }
    await cancelIdleReminders(m, a.roundId, a.universityId, deadline);
    if (a.status === 'expired') {
      // Expiries of one deadline arrive in a burst: one notice gathers them after a short wait.
      await m.query(
        `INSERT INTO notice_job (kind, round_id, university_id, deadline, step, due_at)
         VALUES ('expiry', $1, $2, $3, 'expired', now() + make_interval(secs => $4::float8 / 1000)) ON CONFLICT DO NOTHING`,
        [a.roundId, a.universityId, deadline, this.config.EXPIRY_NOTICE_DELAY_MS],
      );
    }
  }
}

/** Cancels the scheduled reminders of a round, university and deadline once none of their proposals awaits an answer. */
export async function cancelIdleReminders(m: EntityManager, roundId: string, universityId: string, deadline: Date): Promise<void> {
  await m.query(
    `UPDATE notice_job j SET status = 'cancelled', ended_at = now()
     WHERE j.kind = 'reminder' AND j.status = 'scheduled' AND j.round_id = $1 AND j.university_id = $2 AND j.deadline = $3
       AND NOT EXISTS (
         SELECT 1 FROM proposal p LEFT JOIN project_name pn USING (project_id)
         WHERE p.round_id = $1 AND p.university_id = $2 AND p.deadline = $3 AND p.status = 'proposed' AND coalesce(pn.status, 'active') <> 'withdrawn')`,
    [roundId, universityId, deadline],
  );
}
