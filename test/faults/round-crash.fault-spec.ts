import { metric, RELEASE_ROUND_SQL, requestJson, waitFor } from '@civic/testing';
import { FaultStack } from './support/fault-stack';
import { expectPipelineConverged } from './support/pipeline-checks';
import { expectRoundWhole, roundOutcome, seedSeason } from './support/rounds';

/**
 * matching killed with SIGKILL in the middle of a round, once while it solves and once while its results are being
 * published: after the restart the round ends failed (nothing was stored) or completed with every event published
 * by the restarted relay; reporting never sees half a round.
 */
describe('fault: matching killed with SIGKILL in the middle of a round', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await FaultStack.start({
      // Lost rounds are noticed quickly; small relay batches make the publishing phase last long enough to be hit.
      // The Redis round lock of a killed process lives on until its TTL: a short one lets the next round start soon.
      envOf: { matching: { ROUND_STALE_MS: '6000', SWEEP_INTERVAL_MS: '500', OUTBOX_BATCH: '50', ROUND_LOCK_TTL_MS: '3000' } },
    });
    await seedSeason(stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** Starts a city round and kills matching as soon as the round reaches one of `phases`; the phase it was in ('missed' if it ended first). */
  const startAndKillIn = async (phases: string[], key: string): Promise<{ roundId: string; phase: string }> => {
    // 409 while the killed process's lock has not expired yet.
    const started = await waitFor(
      'a new round to start',
      async () => {
        const res = await requestJson('POST', `${stack.url('matching')}/rounds`, { strategy: 'optimal', publishAtOnce: true }, { 'idempotency-key': key });
        if (res.status !== 409) return res;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(started.status).toBe(202);
    const roundId = started.body.roundId;
    const phase = await waitFor(
      `round ${roundId} to reach ${phases.join(' or ')}`,
      async () => {
        const [row] = await stack.query<{ phase: string; status: string }>('matching', `SELECT phase, status FROM round WHERE id = $1`, [roundId]);
        if (row.status !== 'running') return 'missed';
        return phases.includes(row.phase) ? row.phase : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 5 },
    );
    if (phase !== 'missed') await stack.service('matching').kill9();
    return { roundId, phase };
  };

  it('a round killed while solving ends failed, with nothing proposed anywhere', async () => {
    const { roundId, phase } = await startAndKillIn(['solving'], 'fault-kill-solving');
    expect(phase).toBe('solving');
    await stack.service('matching').start(180_000);
    const outcome = await expectRoundWhole(stack, roundId);
    console.log(`killed in ${phase}: ${JSON.stringify(outcome)}`);
    expect(outcome.status).toBe('failed');
    // The restarted matching took the round for lost (its heartbeat stopped) and published round.failed for it.
    const failure = await stack.query<{ envelope: { payload: { phase: string; reason: string } } }>('reporting', `SELECT envelope FROM event_feed WHERE type = 'round.failed' AND key = $1`, [roundId]);
    expect(failure).toHaveLength(1);
    expect(failure[0].envelope.payload.reason).toMatch(/stopped/);
  });

  it('a round killed while its results are stored ends failed: the transaction holding them is rolled back whole', async () => {
    const { roundId, phase } = await startAndKillIn(['storing'], 'fault-kill-storing');
    expect(phase).toBe('storing');
    await stack.service('matching').start(180_000);
    const outcome = await expectRoundWhole(stack, roundId);
    console.log(`killed in ${phase}: ${JSON.stringify(outcome)}`);
    expect(outcome.status).toBe('failed');
  });

  it('a round killed while its results are published ends completed, every proposal published once by the restarted relay', async () => {
    // Publishing is a short phase: try a few rounds until the kill lands in it.
    let hit: { roundId: string; unpublished: number; republished: number } | undefined;
    for (let attempt = 1; attempt <= 4 && !hit; attempt++) {
      const { roundId, phase } = await startAndKillIn(['publishing'], `fault-kill-publishing-${attempt}`);
      if (phase === 'missed') {
        // The round ended before the kill: release what it holds (a real round takes it as given) and start another.
        await stack.query('matching', RELEASE_ROUND_SQL, [roundId]);
        continue;
      }
      const atKill = await roundOutcome(stack, roundId);
      await stack.service('matching').start(180_000);
      const outcome = await expectRoundWhole(stack, roundId);
      console.log(`killed in ${phase} (${atKill.unpublished} of its events unpublished at the kill): ${JSON.stringify(outcome)}`);
      expect(outcome.status).toBe('completed');
      await stack.query('matching', RELEASE_ROUND_SQL, [roundId]);
      if (atKill.unpublished > 0) {
        // The restarted process's relay published what the dead one had not.
        const republished = await metric(stack.url('matching'), 'events_published_total', { type: 'assignment.proposed' });
        hit = { roundId, unpublished: atKill.unpublished, republished };
      }
    }
    console.log(`publishing kill: ${JSON.stringify(hit)}`);
    expect(hit).toBeDefined();
    expect(hit!.republished).toBeGreaterThan(0);
    await expectPipelineConverged(stack, undefined);
  });
});
