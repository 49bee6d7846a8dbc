import { MESSAGING_DEFAULTS, messagingSettings, retryDelayMs } from './messaging.settings';

describe('messaging settings', () => {
  it('uses the defaults when nothing is set', () => {
    expect(messagingSettings({})).toEqual(MESSAGING_DEFAULTS);
  });

  it('reads the variables that are set', () => {
    const s = messagingSettings({ CONSUMER_MAX_ATTEMPTS: '3', CONSUMER_TX_BATCH: '1', OUTBOX_HEALTH_MAX_AGE_MS: '30000', OUTBOX_BATCH: '' });
    expect(s).toMatchObject({ consumerMaxAttempts: 3, consumerTxBatch: 1, outboxHealthMaxAgeMs: 30_000, outboxBatch: MESSAGING_DEFAULTS.outboxBatch });
  });

  it('refuses malformed values, naming every bad variable', () => {
    const read = () => messagingSettings({ CONSUMER_MAX_ATTEMPTS: '0', OUTBOX_BATCH: 'lots', CONSUMER_RETRY_BASE_MS: '1.5' });
    for (const bad of ['CONSUMER_MAX_ATTEMPTS = "0"', 'OUTBOX_BATCH = "lots"', 'CONSUMER_RETRY_BASE_MS = "1.5"']) expect(read).toThrow(bad);
  });

  it('doubles the retry delay per attempt up to the maximum', () => {
    const s = { consumerRetryBaseMs: 200, consumerRetryMaxMs: 1000 };
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(s, a))).toEqual([200, 400, 800, 1000, 1000]);
  });
});
