import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CoordinatorLanguage } from '@civic/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PageRequest } from '@civic/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { RenderedMail } from '../templates/templates';

/** The kinds of mail this service sends. */
export type MailKind = 'digest' | 'reminder' | 'expiry' | 'rematch' | 'withdrawal' | 'round-completed' | 'round-failed';
export const MAIL_KINDS: readonly MailKind[] = ['digest', 'reminder', 'expiry', 'rematch', 'withdrawal', 'round-completed', 'round-failed'];

/** Where a mail stands: waiting to be sent (or retried), sent, or refused for good by the SMTP server. */
export const MAIL_STATUSES = ['pending', 'sent', 'refused'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** A mail row as stored (what GET /admin/mails shows). */
export interface MailRow {
  id: string;
  cause: string;
  kind: MailKind;
  recipient: string;
  language: CoordinatorLanguage;
  subject: string;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  smtp_response: string | null;
  message_id: string;
  created_at: Date;
  sent_at: Date | null;
  next_attempt_at: Date;
}

/** The oldest pending mail, locked for its send attempt; `due` is false while it waits for its next attempt. */
export interface PendingMail {
  id: string;
  cause: string;
  recipient: string;
  kind: string;
  subject: string;
  text_body: string;
  html_body: string;
  message_id: string;
  attempts: number;
  due: boolean;
}

/** Which mails a list shows. */
export interface MailFilter {
  status?: MailStatus;
  kind?: MailKind;
}

/** Someone a mail goes to, in their language. */
export interface MailRecipient {
  email: string;
  name: string;
  language: CoordinatorLanguage;
}

/** One mail to write: what it is about (the cause), who gets it, and what it says in their language. */
export interface MailDraft {
  /** What the mail is about, e.g. `digest:<round>:<university>`: with the recipient, the sent-log key. */
  cause: string;
  kind: MailKind;
  recipient: MailRecipient;
  content: RenderedMail;
}

/** The Message-ID of a cause's mail to a recipient: the same for every attempt, so a receiver can tell a resend. */
export function messageIdOf(cause: string, recipient: string): string {
  return `<${createHash('sha256').update(`${cause}\n${recipient}`).digest('hex').slice(0, 32)}@civic-match.notifications>`;
}

/**
 * The mail outbox's store: mails are rows written in the caller's transaction (with the event or the scheduled notice
 * that causes them), so a mail is never lost and never written twice: (cause, recipient) is unique and a second write
 * of it is a no-op. MailSender sends them afterwards, in order; administrators list them.
 */
@Injectable()
export class MailOutbox {
  private readonly listeners = new Set<() => void>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs `work` in one transaction (its manager goes to the send-side methods below). */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The oldest pending mail, locked until the transaction ends (replicas wait: nothing overtakes it); none when empty. */
  async lockOldestPending(m: EntityManager): Promise<PendingMail | undefined> {
    const [mail]: PendingMail[] = await m.query(
      `SELECT id, cause, recipient, kind, subject, text_body, html_body, message_id, attempts, next_attempt_at <= now() AS due
       FROM mail WHERE status = 'pending' ORDER BY id LIMIT 1 FOR UPDATE`,
    );
    return mail;
  }

  /** Marks the mail sent ahead of the SMTP conversation, behind a savepoint that `undoSent` rolls back to. */
  async markSentAhead(m: EntityManager, id: string): Promise<void> {
    await m.query(`SAVEPOINT before_send`);
    await m.query(`UPDATE mail SET status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = NULL WHERE id = $1`, [id]);
  }

  /** Takes back markSentAhead (the send failed). */
  async undoSent(m: EntityManager): Promise<void> {
    await m.query(`ROLLBACK TO SAVEPOINT before_send`);
  }

  /** The server refused the mail for good: kept as refused with its answer. */
  async markRefused(m: EntityManager, id: string, response: string): Promise<void> {
    await m.query(`UPDATE mail SET status = 'refused', attempts = attempts + 1, smtp_response = $2, last_error = $2 WHERE id = $1`, [id, response]);
  }

  /** The server could not take the mail now: it waits `delayMs` before its next attempt. */
  async markRetry(m: EntityManager, id: string, reason: string, delayMs: number): Promise<void> {
    await m.query(`UPDATE mail SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(secs => $3::float8 / 1000) WHERE id = $1`, [
      id,
      reason,
      delayMs,
    ]);
  }

  /** Keeps the server's answer to a sent mail (for administrators). */
  async recordResponse(id: string, response: string): Promise<void> {
    await this.db.query(`UPDATE mail SET smtp_response = $2 WHERE id = $1`, [id, response]);
  }

  /** One page of the mails `filter` selects, newest first. */
  page(filter: MailFilter, at: PageRequest): Promise<MailRow[]> {
    return this.db.query(
      `SELECT id::text AS id, cause, kind, recipient, language, subject, status, attempts, last_error, smtp_response, message_id, created_at, sent_at, next_attempt_at
       FROM mail WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2) ORDER BY mail.id DESC LIMIT $3 OFFSET $4`,
      [filter.status ?? null, filter.kind ?? null, at.pageSize, at.offset],
    );
  }

  /** How many mails `filter` selects. */
  async count(filter: MailFilter): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM mail WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2)`, [
      filter.status ?? null,
      filter.kind ?? null,
    ]);
    return n;
  }

  /** Mails by status, over all kinds. */
  async countsByStatus(): Promise<Record<MailStatus, number>> {
    const rows: Array<{ status: MailStatus; n: number }> = await this.db.query(`SELECT status, count(*)::int AS n FROM mail GROUP BY status`);
    return Object.fromEntries(MAIL_STATUSES.map((s) => [s, rows.find((c) => c.status === s)?.n ?? 0])) as Record<MailStatus, number>;
  }

  /** Writes the drafts not yet in the sent-log; returns how many were new. */
  async enqueue(m: EntityManager, drafts: readonly MailDraft[]): Promise<number> {
    if (!m.queryRunner?.isTransactionActive) throw new Error('MailOutbox.enqueue must run inside a transaction');
    let written = 0;
    for (const d of drafts) {
      const rows: unknown[] = await m.query(
        `INSERT INTO mail (cause, recipient, kind, language, subject, text_body, html_body, message_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (cause, recipient) DO NOTHING RETURNING id`,
        [d.cause, d.recipient.email, d.kind, d.recipient.language, d.content.subject, d.content.text, d.content.html, messageIdOf(d.cause, d.recipient.email)],
      );
      written += rows.length;
    }
    return written;
  }

  /** Tells the sender there may be new mail (after the writing transaction committed). */
  kick(): void {
    for (const l of this.listeners) l();
  }

  onKick(listener: () => void): void {
    this.listeners.add(listener);
  }
}
