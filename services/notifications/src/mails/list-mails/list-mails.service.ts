import { Injectable } from '@nestjs/common';
import { pageOf, toPage } from '@civic/platform';
import { MailOutbox } from '../mail.outbox';
import type { ListMailsQuery, MailListView } from './list-mails.dto';

/** The mail outbox as administrators see it: what went out, what waits for the SMTP server, what it refused. */
@Injectable()
export class ListMailsService {
  constructor(private readonly mails: MailOutbox) {}

  async list(q: ListMailsQuery): Promise<MailListView> {
    const at = pageOf(q);
    const filter = { status: q.status, kind: q.kind };
    const [rows, total, counts] = await Promise.all([this.mails.page(filter, at), this.mails.count(filter), this.mails.countsByStatus()]);
    const items = rows.map((r) => ({
      id: r.id,
      cause: r.cause,
      kind: r.kind,
      recipient: r.recipient,
      language: r.language,
      subject: r.subject,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      smtpResponse: r.smtp_response,
      messageId: r.message_id,
      createdAt: r.created_at.toISOString(),
      sentAt: r.sent_at ? r.sent_at.toISOString() : null,
      nextAttemptAt: r.next_attempt_at.toISOString(),
    }));
    return { ...toPage(items, at, total), counts };
  }
}
