import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CoordinatorLanguage } from '@civic/contracts';
import type { EntityManager } from 'typeorm';
import type { RenderedMail } from '../templates/templates';

/** The kinds of mail this service sends. */
export type MailKind = 'digest' | 'reminder' | 'expiry' | 'rematch' | 'withdrawal' | 'round-completed' | 'round-failed';
export const MAIL_KINDS: readonly MailKind[] = ['digest', 'reminder', 'expiry', 'rematch', 'withdrawal', 'round-completed', 'round-failed'];

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
 * The write side of the mail outbox: mails are rows written in the caller's transaction (with the event or the
 * scheduled notice that causes them), so a mail is never lost and never written twice: (cause, recipient) is unique
 * and a second write of it is a no-op. MailSender sends them afterwards, in order.
 */
@Injectable()
export class MailOutbox {
  private readonly listeners = new Set<() => void>();

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
