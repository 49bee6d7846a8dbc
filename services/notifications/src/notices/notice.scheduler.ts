import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SERVICE_CONFIG } from '@civic/platform';
import { DataSource, EntityManager } from 'typeorm';
import { MailDraft, MailOutbox } from '../mails/mail.outbox';
import { NotificationsConfig } from '../notifications.config';
import { renderDigest, renderExpiry, renderRematch, renderReminder, renderWithdrawal } from '../templates/templates';
import { parseDurations } from './durations';
import { NoticeStore } from './notice.store';

interface NoticeJob {
  id: string;
  kind: 'reminder' | 'expiry';
  round_id: string;
  university_id: string;
  deadline: Date;
  step: string;
  overdue: boolean;
}

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
    @InjectDataSource() private readonly db: DataSource,
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
    const ready: Array<{ round_id: string }> = await this.db.query(
      `SELECT r.round_id FROM round_notice r
       WHERE r.digested_at IS NULL AND r.announced <= (SELECT count(*) FROM proposal p WHERE p.round_id = r.round_id AND p.origin = 'round')
       ORDER BY r.completed_at LIMIT $1`,
      [BATCH],
    );
    let written = 0;
    for (const { round_id: roundId } of ready) {
      written += await this.db.transaction(async (m) => {
        const locked: unknown[] = await m.query(`SELECT 1 FROM round_notice WHERE round_id = $1 AND digested_at IS NULL FOR UPDATE SKIP LOCKED`, [roundId]);
        if (!locked.length) return 0;
        const proposals = await this.store.proposals(m, { roundId, origin: 'round' });
        const drafts = await this.store.perUniversity(m, 'digest', roundId, proposals, (u) => `digest:${roundId}:${u}`, renderDigest);
        await m.query(`UPDATE round_notice SET digested_at = now() WHERE round_id = $1`, [roundId]);
        return this.write(m, drafts);
      });
    }
    return written;
  }

  /** One mail per university of each re-match whose new proposals have all arrived. */
  private async rematches(): Promise<number> {
    const ready: Array<{ round_id: string; revision: number }> = await this.db.query(
      `SELECT n.round_id, n.revision FROM rematch_notice n
       WHERE n.notified_at IS NULL AND cardinality(n.assignment_ids) <= (SELECT count(*) FROM proposal p WHERE p.assignment_id = ANY(n.assignment_ids))
       ORDER BY n.rematched_at LIMIT $1`,
      [BATCH],
    );
    let written = 0;
    for (const { round_id: roundId, revision } of ready) {
      written += await this.db.transaction(async (m) => {
        const [row]: Array<{ assignment_ids: string[] }> = await m.query(
          `SELECT assignment_ids FROM rematch_notice WHERE round_id = $1 AND revision = $2 AND notified_at IS NULL FOR UPDATE SKIP LOCKED`,
          [roundId, revision],
        );
        if (!row) return 0;
        const proposals = await this.store.proposals(m, { roundId, assignmentIds: row.assignment_ids });
        const drafts = await this.store.perUniversity(m, 'rematch', roundId, proposals, (u) => `rematch:${roundId}:${revision}:${u}`, renderRematch);
        await m.query(`UPDATE rematch_notice SET notified_at = now() WHERE round_id = $1 AND revision = $2`, [roundId, revision]);
        return this.write(m, drafts);
      });
    }
    return written;
  }

  /** One mail per university of each withdrawn round whose withdrawn proposals have all arrived. */
  private async withdrawals(): Promise<number> {
    const ready: Array<{ round_id: string }> = await this.db.query(
      `SELECT n.round_id FROM withdrawal_notice n
       WHERE n.notified_at IS NULL
         AND cardinality(n.assignment_ids) <= (SELECT count(*) FROM proposal p WHERE p.assignment_id = ANY(n.assignment_ids) AND p.status = 'withdrawn')
       ORDER BY n.withdrawn_at LIMIT $1`,
      [BATCH],
    );
    let written = 0;
    for (const { round_id: roundId } of ready) {
      written += await this.db.transaction(async (m) => {
        const [row]: Array<{ assignment_ids: string[]; reason: string }> = await m.query(
          `SELECT assignment_ids, reason FROM withdrawal_notice WHERE round_id = $1 AND notified_at IS NULL FOR UPDATE SKIP LOCKED`,
          [roundId],
        );
        if (!row) return 0;
        const proposals = await this.store.proposals(m, { roundId, assignmentIds: row.assignment_ids });
        const drafts = await this.store.perUniversity(m, 'withdrawal', roundId, proposals, (u) => `withdrawal:${roundId}:${u}`, (lang, c) =>
          renderWithdrawal(lang, { ...c, reason: row.reason }),
        );
        await m.query(`UPDATE withdrawal_notice SET notified_at = now() WHERE round_id = $1`, [roundId]);
        return this.write(m, drafts);
      });
    }
    return written;
  }

  /** Reminders and expiry notices whose time has come. */
  private async dueJobs(): Promise<number> {
    const due: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM notice_job WHERE status = 'scheduled' AND due_at <= now() ORDER BY due_at, id LIMIT $1`,
      [BATCH],
    );
    let written = 0;
    for (const { id } of due) {
      written += await this.db.transaction(async (m) => {
        const [job]: NoticeJob[] = await m.query(
          `SELECT id, kind, round_id, university_id, deadline, step, deadline <= now() AS overdue FROM notice_job
           WHERE id = $1 AND status = 'scheduled' FOR UPDATE SKIP LOCKED`,
          [id],
        );
        if (!job) return 0;
        const drafts = job.kind === 'reminder' ? await this.reminder(m, job) : await this.expiry(m, job);
        // A reminder with nothing left to remind of (all answered, withdrawn or past the deadline) is cancelled.
        const status = job.kind === 'reminder' && drafts === null ? 'cancelled' : 'done';
        await m.query(`UPDATE notice_job SET status = $2, ended_at = now() WHERE id = $1`, [id, status]);
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
