import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageDoc, PageQuery } from '@civic/platform';
import { IsIn, IsOptional } from 'class-validator';
import { MAIL_KINDS, MAIL_STATUSES, MailKind, MailStatus } from '../mail.outbox';

/** GET /admin/mails: newest first, by page, of one status or kind when given. */
export class ListMailsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MAIL_STATUSES, description: 'refused: the SMTP server refused them for good (smtpResponse says why)' })
  @IsOptional()
  @IsIn(MAIL_STATUSES as unknown as string[], { message: `status must be one of ${MAIL_STATUSES.join(', ')}` })
  status?: MailStatus;

  @ApiPropertyOptional({ enum: MAIL_KINDS })
  @IsOptional()
  @IsIn(MAIL_KINDS as unknown as string[], { message: `kind must be one of ${MAIL_KINDS.join(', ')}` })
  kind?: MailKind;
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

export class MailListView extends PageDoc {
  @ApiProperty({ type: [MailView], description: 'newest first' }) items!: MailView[];
  @ApiProperty({ description: 'mails by status, over all kinds and pages', example: { pending: 0, sent: 12, refused: 1 } })
  counts!: Record<MailStatus, number>;
}
