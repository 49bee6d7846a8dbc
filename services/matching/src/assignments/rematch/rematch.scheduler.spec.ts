import type { MatchingConfig } from '../../matching.config';
import { RematchScheduler } from './rematch.scheduler';
import type { RematchOutcome, RematchService } from './rematch.service';

/** A re-match service that records the rounds it was asked for and answers from a script. */
class FakeRematchService {
  calls: string[] = [];
  constructor(private readonly answers: RematchOutcome[] = []) {}

  async rematchRound(roundId: string): Promise<RematchOutcome> {
    this.calls.push(roundId);
    await new Promise((r) => setTimeout(r, 5));
    return this.answers.shift() ?? { kind: 'rematched', freed: 1, proposed: 1, changedAssignments: 0 };
  }
}

const config = { REMATCH_BATCH_MS: 30 } as MatchingConfig;
const scheduler = (service: FakeRematchService) => new RematchScheduler(service as unknown as RematchService, config);

describe('RematchScheduler', () => {
  it('batches declines of a round arriving within the window into one re-match', async () => {
    const service = new FakeRematchService();
    const s = scheduler(service);
    s.schedule('R1');
    s.schedule('R1');
    setTimeout(() => s.schedule('R1'), 10);
    s.schedule('R2');
    await new Promise((r) => setTimeout(r, 15));
    await s.idle();
    expect(service.calls.sort()).toEqual(['R1', 'R2']);
  });

  it('runs again after a re-match when a decline arrived while it ran', async () => {
    const service = new FakeRematchService();
    const s = scheduler(service);
    s.schedule('R1', 0);
    await new Promise((r) => setTimeout(r, 2));
    s.schedule('R1'); // while the first runs
    await new Promise((r) => setTimeout(r, 10));
    await s.idle();
    expect(service.calls).toEqual(['R1', 'R1']);
  });

  it('retries a round that another replica was re-matching', async () => {
    const service = new FakeRematchService([{ kind: 'busy' }]);
    const s = scheduler(service);
    s.schedule('R1', 0);
    await new Promise((r) => setTimeout(r, 1200));
    await s.idle();
    expect(service.calls).toEqual(['R1', 'R1']);
  });

  it('schedules nothing once the application shuts down', async () => {
    const service = new FakeRematchService();
    const s = scheduler(service);
    await s.onApplicationShutdown();
    s.schedule('R1', 0);
    await new Promise((r) => setTimeout(r, 10));
    expect(service.calls).toEqual([]);
  });
});

describe('RematchScheduler after failures', () => {
  it('backs off: a re-match that keeps failing is retried after 1 s, then 2 s', async () => {
    jest.useFakeTimers();
    try {
      const calls: number[] = [];
      const failing = { rematchRound: async () => (calls.push(Date.now()), Promise.reject(new Error('database down'))) };
      const s = new RematchScheduler(failing as unknown as RematchService, config);
      s.schedule('R1', 0);
      await jest.advanceTimersByTimeAsync(1);
      expect(calls).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(999);
      expect(calls).toHaveLength(2);
      await jest.advanceTimersByTimeAsync(1500);
      expect(calls).toHaveLength(2);
      await jest.advanceTimersByTimeAsync(500);
      expect(calls).toHaveLength(3);
      await s.onApplicationShutdown();
    } finally {
      jest.useRealTimers();
    }
  });
});
