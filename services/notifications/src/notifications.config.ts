import { COORDINATOR_LANGUAGES, CoordinatorLanguage } from '@civic/contracts';
import { BaseServiceConfig } from '@civic/platform';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateBy } from 'class-validator';
import { parseDurations } from './notices/durations';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

/** notifications' settings: the SMTP server, who the administrators are, and when reminders and notices go out. */
export class NotificationsConfig extends BaseServiceConfig {
  /** The SMTP server mails go to: smtp://host:port (smtps:// for TLS; user:password@ when it wants a login). */
  @Matches(/^smtps?:\/\/\S+:\d+\/?$/, { message: 'SMTP_URL must look like smtp://host:port or smtps://user:password@host:port' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  /** The From: of every mail. */
  @IsString()
  @Matches(/^[^\r\n]{3,200}$/, { message: 'MAIL_FROM must be one line, e.g. Civic Match <notifications@example.org>' })
  MAIL_FROM = 'Civic Match <notifications@civic-match.example.org>';

  /** Comma-separated addresses that get the administrators' mails (rounds completed or failed); empty: none. */
  @Matches(new RegExp(`^(${EMAIL.source.slice(1, -1)}(\\s*,\\s*${EMAIL.source.slice(1, -1)})*)?$`), {
    message: 'ADMIN_EMAILS must be comma-separated email addresses',
  })
  ADMIN_EMAILS = '';

  /** The language of the administrators' mails. */
  @IsIn(COORDINATOR_LANGUAGES as unknown as string[])
  ADMIN_LANGUAGE: CoordinatorLanguage = 'en';

  /**
   * How long before a proposal's deadline its university is reminded, e.g. `48h,24h` (units s, m, h, d; empty: no
   * reminders). A step longer than the response window is skipped. Tests shorten the clock with seconds here and a
   * short response window on the round.
   */
  @ValidateBy({
    name: 'durations',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && (() => { try { parseDurations(v); return true; } catch { return false; } })(),
      defaultMessage: () => 'REMINDERS_BEFORE_DEADLINE must be comma-separated durations such as 48h,24h (units s, m, h, d)',
    },
  })
  REMINDERS_BEFORE_DEADLINE = '48h,24h';

  /** Proposals that expire within this window after the first are told of in one notice per round and university. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  EXPIRY_NOTICE_DELAY_MS = 60_000;

  /** How often due digests, reminders and notices are looked for (the mail outbox is also woken by new mails). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  NOTICE_POLL_MS = 1000;

  /** First wait after the SMTP server could not be reached or answered 4xx; doubles per attempt up to MAIL_RETRY_MAX_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  MAIL_RETRY_BASE_MS = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  MAIL_RETRY_MAX_MS = 60_000;

  /** Connection, greeting and socket timeout of one SMTP attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  SMTP_TIMEOUT_MS = 10_000;

  /**
   * The web console's base URL: when set, digests link to the university's proposals there. Off by default (the
   * console does not exist yet).
   */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'CONSOLE_BASE_URL must be an http(s) URL' })
  CONSOLE_BASE_URL?: string;

  /** The administrators' addresses, parsed. */
  adminEmails(): string[] {
    return this.ADMIN_EMAILS.split(',').map((e) => e.trim().toLowerCase()).filter((e) => e !== '');
  }

  /** The reminder steps in seconds before the deadline, largest first. */
  reminderSeconds(): number[] {
    return parseDurations(this.REMINDERS_BEFORE_DEADLINE);
  }
}

export const NOTIFICATIONS_DEFAULTS = {
  PORT: '3005',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/civic_notifications',
};
