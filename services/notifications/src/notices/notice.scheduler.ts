import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@civic/platform';
import type { EntityManager } from 'typeorm';
import { MailDraft, MailOutbox } from '../mails/mail.outbox';
import { NotificationsConfig } from '../notifications.config';
import { renderDigest, renderExpiry, renderRematch, renderReminder, renderWithdrawal } from '../templates/templates';
import { parseDurations } from './durations';
import { type NoticeJob, NoticeStore } from './notice.store';

const BATCH = 50;

/**
 * Writes the mails that wait for something, every NOTICE_POLL_MS from what is committed (so it never races the
 * consumer): a round's digests once every proposal it announced has arrived, a re-match's mails once its new
 * proposals have, and reminders and expiry notices when due. Each is one transaction that locks its row (SKIP LOCKED:
 * replicas share the work), writes the mails into the outbox and marks the row done, so a crash writes all or none
 * and nothing is written twice. The schedule lives in the database, so it survives restarts.
 */
@Injectable()
export class NoticeScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NoticeScheduler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly store: NoticeStore,
    private readonly outbox: MailOutbox,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runOnce(), this.config.NOTICE_POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass (not re-entered while one runs). */
  runOnce(): Promise<void> {
    this.running ??= (async () => {
      let written = 0;
      for (const chore of [() => this.digests(), () => this.rematches(), () => this.withdrawals(), () => this.dueJobs()]) {
        written += await chore().catch((e: Error) => {
          this.logger.warn(`notice pass failed: ${e.message}`);
          return 0;
        });
      }
      if (written) this.outbox.kick();
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  /** One digest per university of each completed round whose proposals have all arrived. */
  private async digests(): Promise<number> {
    let written = 0;
    for (const roundId of await this.store.roundsReadyForDigest(BATCH)) {
      written += await this.store.transaction(async (m) => {
        if (!(await this.store.lockDigest(m, roundId))) return 0;
        const proposals = await this.store.proposals(m, { roundId, origin: 'round' });
        const drafts = await this.store.perUniversity(m, 'digest', roundId, proposals, (u) => `digest:${roundId}:${u}`, renderDigest);
        await this.store.markDigested(m, roundId);
        return this.write(m, drafts);
      });
    }
    return written;
  }

  /** One mail per university of each re-match whose new proposals have all arrived. */
  private async rematches(): Promise<number> {
    let written = 0;
    for (const { roundId, revision } of await this.store.rematchesReady(BATCH)) {
      written += await this.store.transaction(async (m) => {
        const assignmentIds = await this.store.lockRematch(m, roundId, revision);
        if (!assignmentIds) return 0;
        const proposals = await this.store.proposals(m, { roundId, assignmentIds });
        const drafts = await this.store.perUniversity(m, 'rematch', roundId, proposals, (u) => `rematch:${roundId}:${revision}:${u}`, renderRematch);
        await this.store.markRematchNotified(m, roundId, revision);
        return this.write(m, drafts);
      });
    }
    return written;
  }

  /** One mail per university of each withdrawn round whose withdrawn proposals have all arrived. */
  private async withdrawals(): Promise<number> {
    let written = 0;
    for (const roundId of await this.store.withdrawalsReady(BATCH)) {
      written += await this.store.transaction(async (m) => {
        const notice = await this.store.lockWithdrawal(m, roundId);
        if (!notice) return 0;
        const proposals = await this.store.proposals(m, { roundId, assignmentIds: notice.assignmentIds });
        const drafts = await this.store.perUniversity(m, 'withdrawal', roundId, proposals, (u) => `withdrawal:${roundId}:${u}`, (lang, c) =>
          renderWithdrawal(lang, { ...c, reason: notice.reason }),
        );
        await this.store.markWithdrawalNotified(m, roundId);
        return this.write(m, drafts);
      });
    }
    return written;
  }

  /** Reminders and expiry notices whose time has come. */
  private async dueJobs(): Promise<number> {
    let written = 0;
    for (const id of await this.store.dueJobs(BATCH)) {
      written += await this.store.transaction(async (m) => {
        const job = await this.store.lockJob(m, id);
        if (!job) return 0;
        const drafts = job.kind === 'reminder' ? await this.reminder(m, job) : await this.expiry(m, job);
        // A reminder with nothing left to remind of (all answered, withdrawn or past the deadline) is cancelled.
        const status = job.kind === 'reminder' && drafts === null ? 'cancelled' : 'done';
        await this.store.endJob(m, id, status);
        return this.write(m, drafts ?? []);
      });
    }
    return written;
  }

  private async reminder(m: EntityManager, job: NoticeJob): Promise<MailDraft[] | null> {
    if (job.overdue) return null;
    const pending = await this.store.proposals(m, {
      roundId: job.round_id,
      universityId: job.university_id,
      deadline: job.deadline,
      status: 'proposed',
      activeProjectsOnly: true,
    });
    if (!pending.length) return null;
    const [leadSeconds] = parseDurations(job.step);
    const cause = `reminder:${job.round_id}:${job.university_id}:${job.deadline.toISOString()}:${job.step}`;
    return this.store.perUniversity(m, 'reminder', job.round_id, pending, () => cause, (lang, c) => renderReminder(lang, { ...c, leadSeconds }));
  }

  private async expiry(m: EntityManager, job: NoticeJob): Promise<MailDraft[]> {
    const expired = await this.store.proposals(m, { roundId: job.round_id, universityId: job.university_id, deadline: job.deadline, status: 'expired' });
    const cause = `expiry:${job.round_id}:${job.university_id}:${job.deadline.toISOString()}`;
    return this.store.perUniversity(m, 'expiry', job.round_id, expired, () => cause, renderExpiry);
  }

  private async write(m: EntityManager, drafts: MailDraft[]): Promise<number> {
    return this.outbox.enqueue(m, drafts);
  }
}
