import { requestJson, ServiceStack, SmtpTestServer, waitFor } from '@civic/testing';
import { publishRoundEvents, roundCompleted } from '../notifications/round-events';

const OK = ['first@example.org', 'second@example.org'];
const REFUSED = 'gone@example.org';

/**
 * The mail outbox of the real notifications service against a real SMTP server (smtp-server) it can lose: mails
 * written while the server is down wait, with back-off, and go out in order once it is back; a recipient the server
 * refuses for good (550) is recorded with the server's answer, shown to administrators, and holds nothing up; a
 * redelivered event (same envelope, twice) sends nothing twice; an event from before the service's database mails nobody.
 */
describe('notifications: the mail outbox over a real SMTP server', () => {
  let smtp: SmtpTestServer;
  let stack: ServiceStack;
  let url: string;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start({ refuse: [REFUSED] });
    stack = await ServiceStack.start({
      names: ['notifications'],
      serviceEnv: {
        notifications: {
          SMTP_URL: smtp.url,
          ADMIN_EMAILS: [OK[0], REFUSED, OK[1]].join(','),
          NOTICE_POLL_MS: '200',
          MAIL_RETRY_BASE_MS: '200',
          MAIL_RETRY_MAX_MS: '1000',
          SMTP_TIMEOUT_MS: '2000',
        },
      },
    });
    url = stack.service('notifications').url;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await smtp?.stop();
  });

  const causes = (to: string) => smtp.accepted.filter((m) => m.to.includes(to)).map((m) => m.headers['x-civic-cause']);

  it('keeps a permanent refusal with the server answer, visible to administrators, and sends the rest', async () => {
    const e = roundCompleted();
    // A round that completed before notifications' database existed (a topic's history) mails nobody.
    const bygone = { ...roundCompleted(), occurredAt: new Date(Date.now() - 3_600_000).toISOString() };
    await publishRoundEvents(stack.infra.kafkaBrokers, `${stack.runId}.`, [bygone, e, e]);
    await waitFor('both accepted mails', () => OK.every((to) => causes(to).includes(`round-completed:${e.payload.roundId}`)));
    const refused = await waitFor('the refusal on record', async () => {
      const { body } = await requestJson('GET', `${url}/admin/mails?status=refused`);
      return body.items.length ? body : undefined;
    });
    expect(refused.items).toEqual([
      expect.objectContaining({ cause: `round-completed:${e.payload.roundId}`, recipient: REFUSED, status: 'refused', smtpResponse: SmtpTestServer.refusal(REFUSED), attempts: 1 }),
    ]);
    expect(refused.counts).toEqual({ pending: 0, sent: 2, refused: 1 });
    // The event came twice: still one mail per recipient; and none about the bygone round.
    for (const to of OK) expect(causes(to)).toEqual([`round-completed:${e.payload.roundId}`]);
  });

  it('while the SMTP server is down mails wait with back-off, then go out once each, in the order they were written', async () => {
    await smtp.stop();
    const events = [roundCompleted(), roundCompleted(), roundCompleted()];
    await publishRoundEvents(stack.infra.kafkaBrokers, `${stack.runId}.`, events);
    const waiting = await waitFor('mails waiting after failed attempts', async () => {
      const { body } = await requestJson('GET', `${url}/admin/mails?status=pending`);
      const tried = body.items.filter((m: { attempts: number }) => m.attempts >= 2);
      return body.counts.pending === events.length * 3 && tried.length ? body : undefined;
    }, { timeoutMs: 30_000, intervalMs: 200 });
    // Only the oldest is tried while the server is away; it says why it waits.
    const oldest = waiting.items[waiting.items.length - 1];
    expect(oldest.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(waiting.items.filter((m: { attempts: number }) => m.attempts > 0)).toHaveLength(1);
    const before = smtp.accepted.length;
    await smtp.start();
    const want = events.map((e) => `round-completed:${e.payload.roundId}`);
    await waitFor('the waiting mails', () => OK.every((to) => want.every((c) => causes(to).includes(c))), { timeoutMs: 30_000 });
    const after = smtp.accepted.slice(before);
    // In the order the mails were written (ids ascending; rounds on different partitions may be consumed in any order).
    const { body } = await requestJson('GET', `${url}/admin/mails`);
    const written = [...body.items].reverse().filter((m: { cause: string; status: string }) => want.includes(m.cause) && m.status === 'sent');
    expect(after.map((m) => `${m.headers['x-civic-cause']} ${m.to[0]}`)).toEqual(written.map((m: { cause: string; recipient: string }) => `${m.cause} ${m.recipient}`));
    expect(written).toHaveLength(6);
    // Nothing for the bygone round of the first test either (it would add three rows).
    expect(body.counts).toEqual({ pending: 0, sent: 2 + 6, refused: 1 + 3 });
  });
});
