import { Inject, Injectable } from '@nestjs/common';
import type { AssignmentSnapshotV1, CoordinatorV1, ExpertSnapshotV1, ProjectSnapshotV1, UniversityCoordinatorsV1 } from '@civic/contracts';
import { SERVICE_CONFIG } from '@civic/platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { MailDraft, MailKind, MailRecipient } from '../mails/mail.outbox';
import { NotificationsConfig } from '../notifications.config';
import type { ProposalLine, RenderedMail, UniversityMailContext } from '../templates/templates';

interface ProposalRow {
  assignment_id: string;
  round_id: string;
  university_id: string;
  project_id: string;
  expert_id: string;
  kind: ProposalLine['kind'];
  discipline: string;
  district_id: string;
  issue_type: string;
  status: ProposalLine['status'];
  deadline: Date;
  project_name: string | null;
  project_name_en: string | null;
  expert_name: string | null;
  expert_name_en: string | null;
}

/** A scheduled reminder or expiry notice, locked for sending. */
export interface NoticeJob {
  id: string;
  kind: 'reminder' | 'expiry';
  round_id: string;
  university_id: string;
  deadline: Date;
  step: string;
  overdue: boolean;
}

/** Which proposals a query selects, beside its round. */
export interface ProposalFilter {
  roundId: string;
  universityId?: string;
  deadline?: Date;
  origin?: 'round' | 'rematch';
  assignmentIds?: string[];
  status?: ProposalLine['status'];
  /** Leave out proposals to projects that were withdrawn since. */
  activeProjectsOnly?: boolean;
}

/**
 * Every table of notifications but the mail outbox's: what events tell (recipients, names, proposals, rounds) written
 * in the consumer's transaction (newest revision wins), the reminders and notices they schedule, and the reads mails
 * print (proposals with names, recipients); it also turns a university's proposals into mail drafts.
 */
@Injectable()
export class NoticeStore {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Runs `work` in one transaction (its manager goes to the store's other methods). */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Completed rounds not digested yet whose announced proposals have all arrived, oldest first. */
  async roundsReadyForDigest(limit: number): Promise<string[]> {
    const rows: Array<{ round_id: string }> = await this.db.query(
      `SELECT r.round_id FROM round_notice r
       WHERE r.digested_at IS NULL AND r.announced <= (SELECT count(*) FROM proposal p WHERE p.round_id = r.round_id AND p.origin = 'round')
       ORDER BY r.completed_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.round_id);
  }

  /** Locks a round's digest for this transaction; false when it is digested or another replica holds it. */
  async lockDigest(m: EntityManager, roundId: string): Promise<boolean> {
    const locked: unknown[] = await m.query(`SELECT 1 FROM round_notice WHERE round_id = $1 AND digested_at IS NULL FOR UPDATE SKIP LOCKED`, [roundId]);
    return locked.length > 0;
  }

  async markDigested(m: EntityManager, roundId: string): Promise<void> {
    await m.query(`UPDATE round_notice SET digested_at = now() WHERE round_id = $1`, [roundId]);
  }

  /** Re-matches not notified yet whose new proposals have all arrived, oldest first. */
  async rematchesReady(limit: number): Promise<Array<{ roundId: string; revision: number }>> {
    const rows: Array<{ round_id: string; revision: number }> = await this.db.query(
      `SELECT n.round_id, n.revision FROM rematch_notice n
       WHERE n.notified_at IS NULL AND cardinality(n.assignment_ids) <= (SELECT count(*) FROM proposal p WHERE p.assignment_id = ANY(n.assignment_ids))
       ORDER BY n.rematched_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ roundId: r.round_id, revision: r.revision }));
  }

  /** Locks a re-match's notice for this transaction and returns its proposals' ids; undefined when notified or held. */
  async lockRematch(m: EntityManager, roundId: string, revision: number): Promise<string[] | undefined> {
    const [row]: Array<{ assignment_ids: string[] }> = await m.query(
      `SELECT assignment_ids FROM rematch_notice WHERE round_id = $1 AND revision = $2 AND notified_at IS NULL FOR UPDATE SKIP LOCKED`,
      [roundId, revision],
    );
    return row?.assignment_ids;
  }

  async markRematchNotified(m: EntityManager, roundId: string, revision: number): Promise<void> {
    await m.query(`UPDATE rematch_notice SET notified_at = now() WHERE round_id = $1 AND revision = $2`, [roundId, revision]);
  }

  /** A withdrawn round's proposals, to mail about once they have all arrived withdrawn (once per round). */
  async announceWithdrawal(m: EntityManager, roundId: string, assignmentIds: readonly string[], reason: string, withdrawnAt: string): Promise<void> {
    await m.query(
      `INSERT INTO withdrawal_notice (round_id, assignment_ids, reason, withdrawn_at) VALUES ($1, $2::uuid[], $3, $4) ON CONFLICT DO NOTHING`,
      [roundId, assignmentIds, reason, withdrawnAt],
    );
  }

  /** Withdrawn rounds not yet mailed about whose withdrawn proposals have all arrived, oldest first. */
  async withdrawalsReady(limit: number): Promise<string[]> {
    const rows: Array<{ round_id: string }> = await this.db.query(
      `SELECT n.round_id FROM withdrawal_notice n
       WHERE n.notified_at IS NULL
         AND cardinality(n.assignment_ids) <= (SELECT count(*) FROM proposal p WHERE p.assignment_id = ANY(n.assignment_ids) AND p.status = 'withdrawn')
       ORDER BY n.withdrawn_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.round_id);
  }

  /** Locks a withdrawal's notice for this transaction; undefined when notified or held by another replica. */
  async lockWithdrawal(m: EntityManager, roundId: string): Promise<{ assignmentIds: string[]; reason: string } | undefined> {
    const [row]: Array<{ assignment_ids: string[]; reason: string }> = await m.query(
      `SELECT assignment_ids, reason FROM withdrawal_notice WHERE round_id = $1 AND notified_at IS NULL FOR UPDATE SKIP LOCKED`,
      [roundId],
    );
    return row && { assignmentIds: row.assignment_ids, reason: row.reason };
  }

  async markWithdrawalNotified(m: EntityManager, roundId: string): Promise<void> {
    await m.query(`UPDATE withdrawal_notice SET notified_at = now() WHERE round_id = $1`, [roundId]);
  }

  /** Scheduled reminders and expiry notices whose time has come, by due time. */
  async dueJobs(limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM notice_job WHERE status = 'scheduled' AND due_at <= now() ORDER BY due_at, id LIMIT $1`, [limit]);
    return rows.map((r) => r.id);
  }

  /** Locks a scheduled job for this transaction; undefined when it ended or another replica holds it. */
  async lockJob(m: EntityManager, id: string): Promise<NoticeJob | undefined> {
    const [job]: NoticeJob[] = await m.query(
      `SELECT id, kind, round_id, university_id, deadline, step, deadline <= now() AS overdue FROM notice_job
       WHERE id = $1 AND status = 'scheduled' FOR UPDATE SKIP LOCKED`,
      [id],
    );
    return job;
  }

  async endJob(m: EntityManager, id: string, status: 'done' | 'cancelled'): Promise<void> {
    await m.query(`UPDATE notice_job SET status = $2, ended_at = now() WHERE id = $1`, [id, status]);
  }

  /** When this service's database was created (events from before it mail nobody). */
  async epoch(m: EntityManager): Promise<Date> {
    const [row]: Array<{ since: Date }> = await m.query(`SELECT since FROM notifications_epoch`);
    return row.since;
  }

  /** coordinators.set: a university's coordinators. */
  async setCoordinators(m: EntityManager, p: UniversityCoordinatorsV1): Promise<void> {
    await m.query(
      `INSERT INTO coordinator_list (university_id, coordinators, revision) VALUES ($1, $2, $3)
       ON CONFLICT (university_id) DO UPDATE SET coordinators = EXCLUDED.coordinators, revision = EXCLUDED.revision
       WHERE coordinator_list.revision < EXCLUDED.revision`,
      [p.universityId, JSON.stringify(p.coordinators), p.revision],
    );
  }

  /** project.*: a project's names and status; true when the event was newer than what was stored. */
  async applyProject(m: EntityManager, p: ProjectSnapshotV1): Promise<boolean> {
    const applied: unknown[] = await m.query(
      `INSERT INTO project_name (project_id, name, name_en, status, revision) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (project_id) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, status = EXCLUDED.status, revision = EXCLUDED.revision
       WHERE project_name.revision < EXCLUDED.revision RETURNING project_id`,
      [p.projectId, p.name, p.nameEn ?? null, p.status, p.revision],
    );
    return applied.length > 0;
  }

  /** expert.*: an expert's names. */
  async applyExpert(m: EntityManager, p: ExpertSnapshotV1): Promise<void> {
    await m.query(
      `INSERT INTO expert_name (expert_id, name, name_en, revision) VALUES ($1, $2, $3, $4)
       ON CONFLICT (expert_id) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, revision = EXCLUDED.revision
       WHERE expert_name.revision < EXCLUDED.revision`,
      [p.expertId, p.name, p.nameEn ?? null, p.revision],
    );
  }

  /** assignment.*: a proposal's state; true when the event was newer than what was stored. */
  async applyProposal(m: EntityManager, a: AssignmentSnapshotV1): Promise<boolean> {
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
    return applied.length > 0;
  }

  /** The (round, university, deadline) batches with proposals of a project still awaiting an answer. */
  async openBatchesOfProject(m: EntityManager, projectId: string): Promise<Array<{ roundId: string; universityId: string; deadline: Date }>> {
    const rows: Array<{ round_id: string; university_id: string; deadline: Date }> = await m.query(
      `SELECT DISTINCT round_id, university_id, deadline FROM proposal WHERE project_id = $1 AND status = 'proposed'`,
      [projectId],
    );
    return rows.map((r) => ({ roundId: r.round_id, universityId: r.university_id, deadline: r.deadline }));
  }

  /** A real round completed: its digest waits for the `announced` proposals (NoticeScheduler). */
  async announceRound(m: EntityManager, roundId: string, announced: number, completedAt: string): Promise<void> {
    await m.query(`INSERT INTO round_notice (round_id, announced, completed_at) VALUES ($1, $2, $3) ON CONFLICT (round_id) DO NOTHING`, [
      roundId,
      announced,
      completedAt,
    ]);
  }

  /** A re-match: its proposals' mails wait for them all (NoticeScheduler). */
  async announceRematch(m: EntityManager, roundId: string, revision: number, assignmentIds: readonly string[], rematchedAt: string): Promise<void> {
    await m.query(`INSERT INTO rematch_notice (round_id, revision, assignment_ids, rematched_at) VALUES ($1, $2, $3::uuid[], $4) ON CONFLICT DO NOTHING`, [
      roundId,
      revision,
      assignmentIds,
      rematchedAt,
    ]);
  }

  /** Schedules one reminder of a round, university and deadline (once per step). */
  async scheduleReminder(m: EntityManager, roundId: string, universityId: string, deadline: Date, step: string, dueAt: Date): Promise<void> {
    await m.query(
      `INSERT INTO notice_job (kind, round_id, university_id, deadline, step, due_at) VALUES ('reminder', $1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [roundId, universityId, deadline, step, dueAt],
    );
  }

  /** Schedules the expiry notice of a round, university and deadline `delayMs` from now (once). */
  async scheduleExpiryNotice(m: EntityManager, roundId: string, universityId: string, deadline: Date, delayMs: number): Promise<void> {
    await m.query(
      `INSERT INTO notice_job (kind, round_id, university_id, deadline, step, due_at)
       VALUES ('expiry', $1, $2, $3, 'expired', now() + make_interval(secs => $4::float8 / 1000)) ON CONFLICT DO NOTHING`,
      [roundId, universityId, deadline, delayMs],
    );
  }

  /** Cancels the scheduled reminders of a round, university and deadline once none of their proposals awaits an answer. */
  async cancelIdleReminders(m: EntityManager, roundId: string, universityId: string, deadline: Date): Promise<void> {
    await m.query(
      `UPDATE notice_job j SET status = 'cancelled', ended_at = now()
       WHERE j.kind = 'reminder' AND j.status = 'scheduled' AND j.round_id = $1 AND j.university_id = $2 AND j.deadline = $3
         AND NOT EXISTS (
           SELECT 1 FROM proposal p LEFT JOIN project_name pn USING (project_id)
           WHERE p.round_id = $1 AND p.university_id = $2 AND p.deadline = $3 AND p.status = 'proposed' AND coalesce(pn.status, 'active') <> 'withdrawn')`,
      [roundId, universityId, deadline],
    );
  }

  /** The proposals a filter selects, with project and expert names (their ids while a name has not arrived). */
  async proposals(m: EntityManager, f: ProposalFilter): Promise<Array<ProposalLine & { universityId: string }>> {
    const where = ['p.round_id = $1'];
    const params: unknown[] = [f.roundId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.universityId !== undefined) add('p.university_id = ?', f.universityId);
    if (f.deadline !== undefined) add('p.deadline = ?', f.deadline);
    if (f.origin !== undefined) add('p.origin = ?', f.origin);
    if (f.assignmentIds !== undefined) add('p.assignment_id = ANY(?::uuid[])', f.assignmentIds);
    if (f.status !== undefined) add('p.status = ?', f.status);
    if (f.activeProjectsOnly) where.push(`coalesce(pn.status, 'active') <> 'withdrawn'`);
    const rows: ProposalRow[] = await m.query(
      `SELECT p.*, pn.name AS project_name, pn.name_en AS project_name_en, en.name AS expert_name, en.name_en AS expert_name_en
       FROM proposal p LEFT JOIN project_name pn USING (project_id) LEFT JOIN expert_name en USING (expert_id)
       WHERE ${where.join(' AND ')} ORDER BY p.university_id, p.project_id, p.kind, p.assignment_id`,
      params,
    );
    return rows.map((r) => ({
      universityId: r.university_id,
      assignmentId: r.assignment_id,
      projectId: r.project_id,
      project: { name: r.project_name ?? r.project_id, nameEn: r.project_name_en },
      districtId: r.district_id,
      issueType: r.issue_type,
      expert: { name: r.expert_name ?? r.expert_id, nameEn: r.expert_name_en },
      kind: r.kind,
      discipline: r.discipline,
      status: r.status,
      deadline: r.deadline,
    }));
  }

  /** A university's coordinators as notifications last heard of them. */
  async coordinators(m: EntityManager, universityId: string): Promise<CoordinatorV1[]> {
    const [row]: Array<{ coordinators: CoordinatorV1[] }> = await m.query(`SELECT coordinators FROM coordinator_list WHERE university_id = $1`, [universityId]);
    return row?.coordinators ?? [];
  }

  /** The administrators, from configuration. */
  administrators(): MailRecipient[] {
    return this.config.adminEmails().map((email) => ({ email, name: email, language: this.config.ADMIN_LANGUAGE }));
  }

  /**
   * One draft per coordinator of each university among the proposals, rendered in the coordinator's language;
   * `causeOf` names what the mail is about for that university.
   */
  async perUniversity(
    m: EntityManager,
    kind: MailKind,
    roundId: string,
    proposals: ReadonlyArray<ProposalLine & { universityId: string }>,
    causeOf: (universityId: string) => string,
    render: (lang: MailRecipient['language'], c: UniversityMailContext) => RenderedMail,
  ): Promise<MailDraft[]> {
    const byUniversity = new Map<string, ProposalLine[]>();
    for (const p of proposals) byUniversity.set(p.universityId, [...(byUniversity.get(p.universityId) ?? []), p]);
    const drafts: MailDraft[] = [];
    for (const [universityId, lines] of byUniversity) {
      for (const c of await this.coordinators(m, universityId)) {
        // A coordinator's home page in the console is their university's open proposals.
        const consoleUrl = this.config.CONSOLE_BASE_URL ? `${this.config.CONSOLE_BASE_URL.replace(/\/$/, '')}/` : undefined;
        drafts.push({
          cause: causeOf(universityId),
          kind,
          recipient: c,
          content: render(c.language, { recipientName: c.name, universityId, roundId, proposals: lines, consoleUrl }),
        });
      }
    }
    return drafts;
  }
}
