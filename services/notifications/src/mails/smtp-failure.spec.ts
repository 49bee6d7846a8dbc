import { classifySmtpFailure, retryDelayMs } from './smtp-failure';

describe('SMTP failures', () => {
  it('a 5xx reply is a permanent refusal, kept with the server answer', () => {
    expect(classifySmtpFailure({ responseCode: 550, response: '550 5.1.1 <nobody@example.org>: mailbox unavailable', code: 'EENVELOPE' })).toEqual({
      permanent: true,
      response: '550 5.1.1 <nobody@example.org>: mailbox unavailable',
    });
  });

  it('a 4xx reply, a refused connection or a timeout may pass: the mail waits and is tried again', () => {
    expect(classifySmtpFailure({ responseCode: 451, response: '451 4.3.0 try again later' })).toEqual({ permanent: false, reason: '451 4.3.0 try again later' });
    expect(classifySmtpFailure({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:1025' })).toEqual({
      permanent: false,
      reason: 'ESOCKET connect ECONNREFUSED 127.0.0.1:1025',
    });
    expect(classifySmtpFailure(new Error('Greeting never received'))).toMatchObject({ permanent: false, reason: 'Greeting never received' });
  });

  it('backs off by doubling from the base up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelayMs(n, 1000, 60_000))).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
  });
});
