import { RELEASE_ROUND_SQL, requestJson, waitFor } from '@civic/testing';
import { tryApi } from './support/api';
import { FaultStack } from './support/fault-stack';
import { expectPipelineConverged } from './support/pipeline-checks';
import { expectRoundWhole, seedSeason } from './support/rounds';

/**
 * Redis (the fast half of the round lock) dies during a round, with two matching replicas taking requests: the lock
 * fails safe. While Redis is away, and after it comes back empty (the lock's key lost), the database's
 * one-live-round-per-scope constraint refuses every other round; the running one completes whole.
 */
describe('fault: Redis stopped during a round', () => {
  let stack: FaultStack;
  /** Most rounds seen running in one scope at once, sampled throughout. */
  let mostLive = 0;
  let sampling: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    stack = await FaultStack.start({ replicas: { matching: 2 }, envOf: { matching: { ROUND_LOCK_TTL_MS: '2000' } } });
    await logRoundLiveness(stack);
    await seedSeason(stack);
    let busy = false;
    sampling = setInterval(() => {
      if (busy) return;
      busy = true;
      void stack
        .query<{ n: number }>('matching', `SELECT coalesce(max(n), 0)::int AS n FROM (SELECT count(*) AS n FROM round WHERE status = 'running' GROUP BY scope_key) s`)
        .then(([r]) => (mostLive = Math.max(mostLive, r.n)))
        .catch(() => undefined)
        .finally(() => (busy = false));
    }, 50);
  });

  afterAll(async () => {
    clearInterval(sampling);
    await stack?.infra.ensureUp();
    await stack?.stop();
  });

  it('refuses every second round in the scope while Redis is down and after it returns empty; the running round completes whole', async () => {
    const first = await requestJson('POST', `${stack.url('matching', 0)}/rounds`, { strategy: 'optimal', publishAtOnce: true });
    expect(first.status).toBe(202);
    const roundId = first.body.roundId;
    await waitFor('the round to be solving', async () => (await stack.query<{ phase: string }>('matching', `SELECT phase FROM round WHERE id = $1`, [roundId]))[0].phase === 'solving', {
      timeoutMs: 120_000,
      intervalMs: 20,
    });

    await stack.infra.redis.kill9();
    const whileDown = await Promise.all([0, 1, 0, 1].map((replica) => requestJson('POST', `${stack.url('matching', replica)}/rounds`, { strategy: 'optimal', publishAtOnce: true })));
    const health = await tryApi('GET', `${stack.url('matching', 1)}/health`);

    await stack.infra.redis.start(); // empty: the running round's lock key is gone
    await waitFor('matching to reconnect to Redis', async () => (await tryApi('GET', `${stack.url('matching', 1)}/health`)).status === 200, { timeoutMs: 60_000, intervalMs: 250 });
    const afterReturn = await Promise.all([1, 0].map((replica) => requestJson('POST', `${stack.url('matching', replica)}/rounds`, { strategy: 'optimal', publishAtOnce: true })));

    // Every round that started ends whole, and no two rounds of the scope ever ran at the same time. (On a quick
    // machine the first round may end before the requests: then one of them may start the next round, never two.)
    const rounds = await stack.query<{ id: string }>('matching', `SELECT id FROM round ORDER BY created_at`);
    const outcomes = [];
    // Rounds after the first find the season held by it, so they complete with nothing to propose.
    for (const [i, r] of rounds.entries()) outcomes.push(await expectRoundWhole(stack, r.id, undefined, { proposes: i === 0 }));
    await expectNoOverlap(stack);
    console.log(
      `redis down: during the outage ${whileDown.map((r) => r.status).join(',')}, after it ${afterReturn.map((r) => r.status).join(',')}; ` +
        `matching /health while down ${health.status}; rounds ${JSON.stringify(outcomes.map((o) => [o.status, o.assignments]))}; at most ${mostLive} live round(s) per scope`,
    );
    const refused = (r: { status: number; body: any }) => r.status === 409 && r.body.error.code === 'round_in_progress';
    for (const group of [whileDown, afterReturn]) {
      for (const r of group) expect(r.status === 202 || refused(r)).toBe(true);
      expect(group.filter((r) => r.status === 202).length).toBeLessThanOrEqual(1);
      expect(group.filter(refused).length).toBeGreaterThanOrEqual(group.length - 1);
    }
    expect(rounds[0].id).toBe(roundId);
    expect(outcomes[0].status).toBe('completed');
    expect(health.status).toBe(503);
    expect(mostLive).toBe(1);
  });

  it('with Redis down, two simultaneous requests on two replicas start exactly one round, which completes', async () => {
    // Free the season the rounds above hold, so this round has a full season to propose.
    for (const r of await stack.query<{ id: string }>('matching', `SELECT id FROM round`)) await stack.query('matching', RELEASE_ROUND_SQL, [r.id]);
    await stack.infra.redis.kill9();
    const [a, b] = await Promise.all([0, 1].map((replica) => requestJson('POST', `${stack.url('matching', replica)}/rounds`, { strategy: 'optimal', publishAtOnce: true })));
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const started = a.status === 202 ? a : b;
    await expectRoundWhole(stack, started.body.roundId);
    await expectNoOverlap(stack);
    await stack.infra.redis.start();
    expect(mostLive).toBe(1);
    await expectPipelineConverged(stack, undefined);
  });
});

/**
 * Logs, in matching's database, the moment each round row is written as live (inserted) and as ended (its status
 * leaves 'running'), with clock_timestamp(). The round's own created_at is the start of the transaction that
 * inserted it, which can precede the previous round's end: the insert waits on the one-live-round index until the
 * previous round's ending commits. The logged moments are taken when the rows are actually written.
 */
async function logRoundLiveness(stack: FaultStack): Promise<void> {
  await stack.query('matching', `CREATE TABLE fault_round_live (round_id uuid NOT NULL, event text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  await stack.query(
    'matching',
    `CREATE FUNCTION fault_round_live() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
       IF TG_OP = 'INSERT' AND NEW.status = 'running' THEN INSERT INTO fault_round_live (round_id, event) VALUES (NEW.id, 'live');
       ELSIF TG_OP = 'UPDATE' AND OLD.status = 'running' AND NEW.status <> 'running' THEN INSERT INTO fault_round_live (round_id, event) VALUES (NEW.id, 'ended');
       END IF;
       RETURN NULL;
     END $$`,
  );
  await stack.query('matching', `CREATE TRIGGER fault_round_live AFTER INSERT OR UPDATE OF status ON round FOR EACH ROW EXECUTE FUNCTION fault_round_live()`);
}

/**
 * Every round was logged live and ended, and none became live before the one before it had ended: a round's
 * running time (from its row written live to its row written ended) never overlaps another's.
 */
async function expectNoOverlap(stack: FaultStack): Promise<void> {
  const spans = await stack.query<{ round_id: string; live: string | null; ended: string | null; previous_ended: string | null; overlaps: boolean }>(
    'matching',
    `SELECT r.id AS round_id, l.live::text, l.ended::text, (lag(l.ended) OVER w)::text AS previous_ended, coalesce(l.live < lag(l.ended) OVER w, false) AS overlaps
     FROM round r LEFT JOIN (
       SELECT round_id, min(at) FILTER (WHERE event = 'live') AS live, max(at) FILTER (WHERE event = 'ended') AS ended FROM fault_round_live GROUP BY round_id
     ) l ON l.round_id = r.id
     WINDOW w AS (ORDER BY l.live)
     ORDER BY l.live`,
  );
  expect(spans.length).toBeGreaterThan(0);
  for (const s of spans) expect({ round: s.round_id, logged: s.live !== null && s.ended !== null }).toEqual({ round: s.round_id, logged: true });
  expect(spans.filter((s) => s.overlaps)).toEqual([]);
}
