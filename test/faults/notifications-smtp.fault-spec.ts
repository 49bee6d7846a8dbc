import type { RoundCompletedV1 } from '@civic/contracts';
import { SmtpTestServer, waitFor } from '@civic/testing';
import { publishRoundEvents, roundCompleted } from '../notifications/round-events';
import { FaultStack } from './support/fault-stack';

const ADMINS = ['one@example.org', 'two@example.org', 'three@example.org'];
const BATCH = 40;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The notifications service against a real SMTP server (smtp-server) that goes down, and killed with SIGKILL while it
 * consumes and while it sends: every cause reaches every recipient exactly once, in the order the mails were written.
 * Each round.completed mails the three administrators; 120 rounds make 360 mails.
 */
describe('fault: SMTP outage and kill -9 of the notifications service', () => {
  let stack: FaultStack;
  let smtp: SmtpTestServer;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    stack = await FaultStack.start({
      replicas: { 'project-registry': 0, 'expert-pool': 0, matching: 0, reporting: 0, notifications: 1 },
      envOf: {
        notifications: {
          SMTP_URL: smtp.url,
          ADMIN_EMAILS: ADMINS.join(','),
          NOTICE_POLL_MS: '200',
          MAIL_RETRY_BASE_MS: '200',
          MAIL_RETRY_MAX_MS: '1000',
          SMTP_TIMEOUT_MS: '2000',
        },
      },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await smtp?.stop();
  });

  it('sends every mail exactly once, in order, across an SMTP outage and three kills', async () => {
    const notifications = stack.service('notifications');
    const publish = (events: RoundCompletedV1[]) => publishRoundEvents(stack.infra.kafka.brokers, `${stack.runId}.`, events);
    const mailRows = async () => (await stack.query<{ status: string; n: number }>('notifications', `SELECT status, count(*)::int AS n FROM mail GROUP BY status`));
    const kills: string[] = [];
    const killAndRestart = async (when: string) => {
      const received = smtp.accepted.length;
      await notifications.kill9();
      kills.push(`${when} (${received} mails received before)`);
      await notifications.start(180_000);
    };
    const rounds: RoundCompletedV1[] = [];

    // 1. A kill while the first batch is consumed and sent, at a moment that has nothing to do with the mail flow.
    const first = Array.from({ length: BATCH }, () => roundCompleted());
    rounds.push(...first);
    await publish(first);
    await sleep(200 + Math.floor(Math.random() * 800));
    await killAndRestart('while consuming and sending the first batch');

    // 2. The SMTP server goes down; a batch arrives and waits; the service is killed during the outage.
    await smtp.stop();
    const second = Array.from({ length: BATCH }, () => roundCompleted());
    rounds.push(...second);
    await publish(second);
    await waitFor(
      'mails waiting for the SMTP server after failed attempts',
      async () => (await stack.query<{ n: number }>('notifications', `SELECT count(*)::int AS n FROM mail WHERE status = 'pending' AND attempts >= 2`))[0].n > 0,
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    await killAndRestart('during the SMTP outage');
    await smtp.start();

    // 3. A third batch, and a kill while the backlog drains.
    const third = Array.from({ length: BATCH }, () => roundCompleted());
    rounds.push(...third);
    await publish(third);
    // Once part of the backlog went out, at a random instant of the sending (not aligned with any one mail).
    const sentBefore = smtp.accepted.length;
    await waitFor('part of the backlog at the SMTP server', () => smtp.accepted.length >= sentBefore + 30 + Math.floor(Math.random() * 60), { timeoutMs: 120_000, intervalMs: 50 });
    await sleep(Math.floor(Math.random() * 25));
    await killAndRestart('while the backlog drains');

    const want = rounds.length * ADMINS.length;
    await waitFor('every mail at the SMTP server', async () => smtp.accepted.length >= want && (await mailRows()).every((r) => r.status === 'sent'), {
      timeoutMs: 180_000,
      intervalMs: 500,
    });
    await sleep(2000); // a duplicate would arrive by now
    const keys = smtp.accepted.map((m) => `${m.headers['x-civic-cause']} ${m.to.join(',')}`);
    const duplicates = keys.filter((k, i) => keys.indexOf(k) !== i);
    const expected = rounds.flatMap((r) => ADMINS.map((a) => `round-completed:${r.payload.roundId} ${a}`));
    console.log(`notifications faults: ${kills.join('; ')}; ${smtp.accepted.length} mails received for ${want} causes x recipients; duplicates ${duplicates.length}`);
    expect(duplicates).toEqual([]);
    expect([...keys].sort()).toEqual([...expected].sort());
    // In the order the mails were written (their ids), the outage and the kills notwithstanding.
    const written = await stack.query<{ cause: string; recipient: string }>('notifications', `SELECT cause, recipient FROM mail ORDER BY id`);
    expect(keys).toEqual(written.map((w) => `${w.cause} ${w.recipient}`));
  });
});
