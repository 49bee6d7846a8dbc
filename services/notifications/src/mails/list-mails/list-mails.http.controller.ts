import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { MAIL_KINDS, MailKind } from '../mail.outbox';

export const MAIL_STATUSES = ['pending', 'sent', 'refused'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export class ListMailsQuery {
  @ApiPropertyOptional({ enum: MAIL_STATUSES, description: 'refused: the SMTP server refused them for good (smtpResponse says why)' })
  @IsOptional()
  @IsIn(MAIL_STATUSES as unknown as string[], { message: `status must be one of ${MAIL_STATUSES.join(', ')}` })
  status?: MailStatus;

  @ApiPropertyOptional({ enum: MAIL_KINDS })
  @IsOptional()
  @IsIn(MAIL_KINDS as unknown as string[], { message: `kind must be one of ${MAIL_KINDS.join(', ')}` })
  kind?: MailKind;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class MailView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'what the mail is about, e.g. digest:<round>:<university>; with the recipient, the sent-log key' }) cause!: string;
  @ApiProperty({ enum: MAIL_KINDS }) kind!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty({ enum: ['zh-CN', 'en'] }) language!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ enum: MAIL_STATUSES }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true, description: 'why the last attempt failed' }) lastError!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the SMTP server's answer (its refusal, for a refused mail)" }) smtpResponse!: string | null;
  @ApiProperty() messageId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
  @ApiProperty({ format: 'date-time', description: 'a pending mail is not tried again before this' }) nextAttemptAt!: string;
}

export class MailListView {
  @ApiProperty({ description: 'mails by status, over all kinds', example: { pending: 0, sent: 12, refused: 1 } })
  counts!: Record<MailStatus, number>;
  @ApiProperty({ type: [MailView], description: 'newest first' }) items!: MailView[];
}

/** The mail outbox as administrators see it: what went out, what waits for the SMTP server, what it refused. */
@ApiTags('mails')
@Authorize('admin')
@Controller('admin/mails')
export class ListMailsHttpController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Mails written by notifications, newest first; status=refused lists permanent refusals with the server answer' })
  @ApiOkResponse({ type: MailListView })
  async list(@Query() q: ListMailsQuery): Promise<MailListView> {
    const rows: Array<Record<string, any>> = await this.db.query(
      `SELECT id, cause, kind, recipient, language, subject, status, attempts, last_error, smtp_response, message_id, created_at, sent_at, next_attempt_at
       FROM mail WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2) ORDER BY id DESC LIMIT $3`,
      [q.status ?? null, q.kind ?? null, q.limit ?? 100],
    );
    const counts: Array<{ status: MailStatus; n: number }> = await this.db.query(`SELECT status, count(*)::int AS n FROM mail GROUP BY status`);
    return {
      counts: Object.fromEntries(MAIL_STATUSES.map((s) => [s, counts.find((c) => c.status === s)?.n ?? 0])) as Record<MailStatus, number>,
      items: rows.map((r) => ({
        id: String(r.id),
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
      })),
    };
  }
}
