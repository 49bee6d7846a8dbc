import { retryDelayMs } from './messaging.settings';

describe('messaging settings', () => {
  it('doubles the retry delay per attempt up to the maximum', () => {
    const s = { consumerRetryBaseMs: 200, consumerRetryMaxMs: 1000 };
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(s, a))).toEqual([200, 400, 800, 1000, 1000]);
  });
});
