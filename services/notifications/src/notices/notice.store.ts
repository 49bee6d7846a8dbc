import { Inject, Injectable } from '@nestjs/common';
import type { CoordinatorV1 } from '@civic/contracts';
import { SERVICE_CONFIG } from '@civic/platform';
import type { EntityManager } from 'typeorm';
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

/** Reads what mails print (proposals with names, recipients) and turns a university's proposals into mail drafts. */
@Injectable()
export class NoticeStore {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig) {}

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
        const consoleUrl = this.config.CONSOLE_BASE_URL
          ? `${this.config.CONSOLE_BASE_URL.replace(/\/$/, '')}/universities/${universityId}/assignments?roundId=${roundId}`
          : undefined;
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
