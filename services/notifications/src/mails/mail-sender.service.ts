import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@civic/platform';
import { createTransport, Transporter } from 'nodemailer';
import { NotificationsConfig } from '../notifications.config';
import { mailAttempts } from './mail.metrics';
import { MailOutbox } from './mail.outbox';
import { classifySmtpFailure, retryDelayMs } from './smtp-failure';

type Step = 'sent' | 'refused' | 'waiting' | 'empty';

/**
 * The relay of the mail outbox: sends pending mails one at a time, oldest first, over SMTP. The mail's row stays
 * locked while it is sent, so replicas never send the same mail and never overtake each other. When the server is
 * down or answers 4xx the oldest mail waits (doubling back-off) and nothing overtakes it: mails go out in the order
 * they were written once the server is back. A 5xx answer is a permanent refusal: the mail is kept as refused with
 * the server's answer (GET /admin/mails) and the next one goes.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailSender');
  private transport?: Transporter;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly outbox: MailOutbox,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  onApplicationBootstrap(): void {
    const t = this.config.SMTP_TIMEOUT_MS;
    const url = new URL(this.config.SMTP_URL);
    this.transport = createTransport({
      host: url.hostname,
      port: Number(url.port),
      secure: url.protocol === 'smtps:',
      ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
      connectionTimeout: t,
      greetingTimeout: t,
      socketTimeout: t,
    });
    this.outbox.onKick(() => void this.drain());
    this.timer = setInterval(() => void this.drain(), this.config.NOTICE_POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.draining;
    this.transport?.close();
  }

  /** Sends every mail that is due, in order (not re-entered: a call while one runs makes it look again). */
  drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      do {
        this.again = false;
        for (;;) {
          if (this.stopped) return;
          const step = await this.sendNext().catch((e: Error) => {
            this.logger.warn(`mail outbox: ${e.message}`);
            return 'waiting' as const;
          });
          if (step === 'waiting' || step === 'empty') break;
        }
      } while (this.again && !this.stopped);
    })().finally(() => (this.draining = undefined));
    return this.draining;
  }

  /**
   * One attempt at the oldest pending mail. The row is marked sent before the SMTP conversation and that is committed
   * as the very next thing after the server's 250, so a crash can duplicate a mail only in the instant between the
   * two (its Message-ID is the same on every attempt, so a receiver can still tell); a failure rolls the mark back.
   */
  async sendNext(): Promise<Step> {
    let sent: { id: string; response: string } | undefined;
    const step = await this.outbox.transaction(async (m): Promise<Step> => {
      const mail = await this.outbox.lockOldestPending(m);
      if (!mail) return 'empty';
      if (!mail.due) return 'waiting';
      await this.outbox.markSentAhead(m, mail.id);
      try {
        const info = await this.transport!.sendMail({
          from: this.config.MAIL_FROM,
          to: mail.recipient,
          subject: mail.subject,
          text: mail.text_body,
          html: mail.html_body,
          messageId: mail.message_id,
          headers: { 'X-Civic-Cause': mail.cause, 'X-Civic-Kind': mail.kind },
        });
        sent = { id: mail.id, response: String(info.response ?? '') };
        mailAttempts.inc({ kind: mail.kind, outcome: 'sent' });
        return 'sent';
      } catch (e) {
        await this.outbox.undoSent(m);
        const failure = classifySmtpFailure(e);
        if (failure.permanent) {
          await this.outbox.markRefused(m, mail.id, failure.response);
          mailAttempts.inc({ kind: mail.kind, outcome: 'refused' });
          this.logger.warn(`mail ${mail.id} (${mail.cause}) to ${mail.recipient} refused: ${failure.response}`);
          return 'refused';
        }
        const delay = retryDelayMs(mail.attempts + 1, this.config.MAIL_RETRY_BASE_MS, this.config.MAIL_RETRY_MAX_MS);
        await this.outbox.markRetry(m, mail.id, failure.reason, delay);
        mailAttempts.inc({ kind: mail.kind, outcome: 'retried' });
        this.logger.warn(`SMTP unavailable (${failure.reason}); mail ${mail.id} and those after it wait ${delay} ms`);
        return 'waiting';
      }
    });
    // The server's answer is kept for administrators; losing it to a crash loses no mail.
    if (sent) await this.outbox.recordResponse(sent.id, sent.response);
    return step;
  }
}
