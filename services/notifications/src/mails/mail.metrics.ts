import { Counter } from 'prom-client';

/** Mails by kind and how their attempt ended (sent, refused for good, or retried later). */
export const mailAttempts = new Counter({
  name: 'mail_attempts_total',
  help: 'SMTP attempts by mail kind and outcome (sent, refused, retried)',
  labelNames: ['kind', 'outcome'] as const,
});
