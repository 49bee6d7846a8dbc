import { Client } from 'pg';
import { createClient } from 'redis';
import { dropDatabase, ensureDatabase } from '@civic/persistence';
import { RELEASE_ROUND_SQL, requestJson, waitFor } from '@civic/testing';
import { runRevoke } from '../../tools/revoke/revoke';
import { tryApi } from './support/api';
import { FaultStack } from './support/fault-stack';
import { seedSeason } from './support/rounds';
import { Writer } from './support/workload';

/**
 * Operations with default settings: a service killed with SIGKILL answers HTTP again within seconds of its restart
 * (its consumer joins the group later, once the dead member's session has expired); a round whose process died is
 * failed within seconds; the event feed moves while another database of the same server holds a transaction open;
 * two deployments on one Redis do not see each other's keys. Each test prints its figures.
 */
describe('fault: operations (restart in seconds, dead rounds, feed isolation, shared Redis)', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await FaultStack.start();
    await seedSeason(stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** The feed's last position now, read in reporting's database. */
  const feedEnd = async () => (await stack.query<{ p: string }>('reporting', `SELECT coalesce(max(position), 0)::text AS p FROM event_feed`))[0].p;
  /** Whether GET /events after `cursor` shows the project.registered event of `projectId`. */
  const feedShows = async (cursor: string, projectId: string) => {
    const page = await requestJson('GET', `${stack.url('reporting')}/events?after=${cursor}&types=project.registered&limit=1000`);
    return (page.body.events as Array<{ key: string }>).some((e) => e.key === projectId);
  };
  /** Registers a project and waits until reporting has stored its event (in its table, whatever the feed shows). */
  const registerAndStore = async (writer: Writer) => {
    const projectId = await writer.registerProject();
    expect(projectId).toBeDefined();
    await waitFor('reporting to store the event', async () => (await stack.query('reporting', `SELECT 1 FROM event_feed WHERE key = $1`, [projectId])).length > 0, {
      timeoutMs: 60_000,
      intervalMs: 50,
    });
    return projectId!;
  };

  it('the event feed moves while a transaction stays open in another database of the server, and waits for one in its own', async () => {
    const writer = new Writer({ registry: [stack.url('project-registry')], pool: [stack.url('expert-pool')] }, `${stack.runId}-feed`);
    const otherUrl = `${stack.infra.postgres.url}/civic_other_${stack.runId}`;
    await ensureDatabase(otherUrl);
    const other = new Client({ connectionString: otherUrl });
    const own = new Client({ connectionString: stack.databaseUrl('reporting') });
    await Promise.all([other.connect(), own.connect()]);
    try {
      // A write transaction left open in another database (another service's, another tenant's).
      await other.query('BEGIN');
      const [{ xid: otherXid }] = (await other.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')).rows;
      let cursor = await feedEnd();
      let t0 = Date.now();
      const elsewhere = await registerAndStore(writer);
      const storedMs = Date.now() - t0;
      await waitFor('the feed to show the event despite the open transaction elsewhere', () => feedShows(cursor, elsewhere), { timeoutMs: 20_000, intervalMs: 50 });
      const shownMs = Date.now() - t0;

      // The same in reporting's own database: the feed waits (positions stay gap-free) until it ends.
      await own.query('BEGIN');
      await own.query('SELECT pg_current_xact_id()');
      cursor = await feedEnd();
      t0 = Date.now();
      const held = await registerAndStore(writer);
      await new Promise((r) => setTimeout(r, 2000));
      const heldWhileOpen = !(await feedShows(cursor, held));
      await own.query('COMMIT');
      await waitFor('the feed to show the event once its own transaction ended', () => feedShows(cursor, held), { timeoutMs: 20_000, intervalMs: 50 });
      const ownShownMs = Date.now() - t0;
      console.log(
        `feed isolation: transaction ${otherXid} open in another database; event stored by reporting after ${storedMs} ms and shown by /events after ` +
          `${shownMs} ms. With a transaction open in reporting's own database the event stayed hidden: ${heldWhileOpen}; shown ${ownShownMs} ms after the write, once it ended`,
      );
      expect(heldWhileOpen).toBe(true);
      expect(shownMs).toBeLessThan(20_000);
    } finally {
      await other.query('ROLLBACK').catch(() => undefined);
      await own.query('ROLLBACK').catch(() => undefined);
      await Promise.all([other.end(), own.end()]);
      await dropDatabase(otherUrl);
    }
  });

  it('two deployments share one Redis without crosstalk: rounds, rate limits and revocations stay in their own namespaces', async () => {
    // A second deployment: matching alone, its own database and namespace, the same Redis and token settings.
    const second = await FaultStack.start({ replicas: { 'project-registry': 0, 'expert-pool': 0, reporting: 0 } });
    const redis = createClient({ url: stack.infra.redis.url });
    await redis.connect();
    try {
      const first = await requestJson('POST', `${stack.url('matching')}/rounds`, { strategy: 'optimal', publishAtOnce: true });
      expect(first.status).toBe(202);
      // The first deployment holds the city scope's round lock while its round runs: the second must not care.
      const other = await requestJson('POST', `${second.url('matching')}/rounds`, { strategy: 'optimal', publishAtOnce: true });
      const firstAfter = await requestJson('GET', `${stack.url('matching')}/rounds/${first.body.roundId}`);
      expect(other.status).toBe(202);
      const [lock] = await redis.keys(`civic-${stack.runId}:matching:round-lock:*`);
      const firstRunning = firstAfter.body.status === 'running' || new Date(firstAfter.body.completedAt).getTime() > Date.now() - 60_000;

      // A revocation in the first deployment's namespace leaves the second's callers alone.
      const subject = `${stack.runId}-ops-admin`;
      const token = await stack.service('matching').token('admin', { subject });
      const revoked = await runRevoke(['--sub', subject], { REDIS_URL: stack.infra.redis.url, REDIS_NAMESPACE: `civic-${stack.runId}` }, { out: () => undefined, err: () => undefined });
      expect(revoked).toBe(0);
      const withToken = { authorization: `Bearer ${token}` };
      const [inFirst, inSecond] = [
        (await tryApi('GET', `${stack.url('matching')}/rounds`, undefined, withToken)).status,
        (await tryApi('GET', `${second.url('matching')}/rounds`, undefined, withToken)).status,
      ];

      const keys = await redis.keys('*');
      const byNamespace: Record<string, number> = {};
      for (const key of keys) byNamespace[key.split(':')[0]] = (byNamespace[key.split(':')[0]] ?? 0) + 1;
      const mine = [`civic-${stack.runId}`, `civic-${second.runId}`];
      const unnamespaced = keys.filter((k) => !/^civic-f[a-z0-9]+:/.test(k));
      console.log(
        `shared Redis: first deployment's round ${first.body.roundId} (lock ${lock ?? 'already released'}, still running or just done: ${firstRunning}); ` +
          `the second's POST /rounds in the same scope answered ${other.status}; after revoking ${subject} in the first: first ${inFirst}, second ${inSecond}; ` +
          `keys by namespace ${JSON.stringify(byNamespace)}; keys outside any namespace ${JSON.stringify(unnamespaced)}`,
      );
      expect(inFirst).toBe(401);
      expect(inSecond).toBe(200);
      expect(unnamespaced).toEqual([]);
      for (const ns of mine) expect(byNamespace[ns]).toBeGreaterThan(0);
      await waitFor('the first round to end', async () => (await requestJson('GET', `${stack.url('matching')}/rounds/${first.body.roundId}`)).body.status !== 'running', {
        timeoutMs: 120_000,
        intervalMs: 250,
      });
      await stack.query('matching', RELEASE_ROUND_SQL, [first.body.roundId]);
    } finally {
      await redis.close().catch(() => undefined);
      await second.stop();
    }
  });

  it('matching killed with SIGKILL answers HTTP within seconds of its restart, before its consumer is back in the group', async () => {
    const matching = stack.service('matching');
    await matching.kill9();
    const t0 = Date.now();
    await matching.start(60_000, '/health/ready');
    const readyMs = Date.now() - t0;
    // A coordinator's read answers now, while the consumer still waits out the dead member's session.
    const read = await requestJson('GET', `${matching.url}/rounds`);
    const detailed = await requestJson('GET', `${matching.url}/health`);
    await waitFor('the consumer to rejoin', async () => (await tryApi('GET', `${matching.url}/health`)).status === 200, { timeoutMs: 120_000, intervalMs: 250 });
    const consumingMs = Date.now() - t0;
    console.log(
      `kill -9 restart: /health/ready 200 after ${readyMs} ms (process start included); GET /rounds then ${read.status}; /health then ${detailed.status} ` +
        `(consumer ${JSON.stringify(detailed.body.checks?.consumer)}); consumer back in its group after ${consumingMs} ms`,
    );
    expect(read.status).toBe(200);
    // 5 s is the aim; twice that so a busy machine does not make it flaky.
    expect(readyMs).toBeLessThan(10_000);
  });

  /** Starts a city round on `replica` of matching and kills it with SIGKILL while the round scores, solves or stores. */
  const startAndKill = async (replica: number): Promise<{ roundId: string; phase: string; killedAt: number; owner: string; heartbeatAt: Date }> => {
    const matching = stack.service('matching', replica);
    for (let attempt = 1; attempt <= 4; attempt++) {
      const started = await requestJson('POST', `${matching.url}/rounds`, { strategy: 'optimal', publishAtOnce: true });
      expect(started.status).toBe(202);
      const roundId = started.body.roundId as string;
      const phase = await waitFor(
        `round ${roundId} to be under way`,
        async () => {
          const [row] = await stack.query<{ phase: string; status: string }>('matching', `SELECT phase, status FROM round WHERE id = $1`, [roundId]);
          if (row.status !== 'running') return 'missed';
          return ['scoring', 'solving', 'storing'].includes(row.phase) ? row.phase : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 5 },
      );
      if (phase === 'missed') {
        // It ended before the kill: release what it holds (a real round takes it as given) and try another.
        await stack.query('matching', RELEASE_ROUND_SQL, [roundId]);
        continue;
      }
      await matching.kill9();
      const killedAt = Date.now();
      const [row] = await stack.query<{ owner: string; heartbeat_at: Date }>('matching', `SELECT owner, heartbeat_at FROM round WHERE id = $1`, [roundId]);
      return { roundId, phase, killedAt, owner: row.owner, heartbeatAt: row.heartbeat_at };
    }
    throw new Error('four rounds ended before the kill could land');
  };

  /** Waits for the round to end, read through `url`; the round and the milliseconds since `since`. */
  const roundEnded = async (url: string, roundId: string, since: number) => {
    const round = await waitFor(
      `round ${roundId} to end`,
      async () => {
        const { body } = await requestJson('GET', `${url}/rounds/${roundId}`);
        return body.status === 'running' ? undefined : body;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    return { round, ms: Date.now() - since };
  };

  /** Starts a round in the city scope (proving it is free) and waits for it to end. */
  const scopeFree = async (url: string) => {
    const next = await requestJson('POST', `${url}/rounds`, { strategy: 'optimal', publishAtOnce: true });
    if (next.status === 202) await roundEnded(url, next.body.roundId, Date.now());
    return next.status;
  };

  it('a round whose process was killed is failed by its restarted instance within seconds of the death, with default settings, and its scope is free again', async () => {
    const matching = stack.service('matching');
    const { roundId, phase, killedAt, owner, heartbeatAt } = await startAndKill(0);
    await matching.start(60_000, '/health/ready');
    const restartedMs = Date.now() - killedAt;
    const { round, ms: failedMs } = await roundEnded(matching.url, roundId, killedAt);
    // The scope is free: the dead owner's round lock went with its round.
    const next = await scopeFree(matching.url);
    console.log(
      `dead round, owner restarted: killed in ${phase}; owner ${owner}, last heartbeat ${killedAt - heartbeatAt.getTime()} ms before the kill; restarted (ready) ` +
        `${restartedMs} ms after the kill; round ${round.status} ${failedMs} ms after the kill (heartbeatAt ${round.heartbeatAt}: ${round.error}); next POST /rounds in the scope ${next}`,
    );
    expect(round).toMatchObject({ status: 'failed', owner, error: expect.stringMatching(/stopped during/) });
    expect(next).toBe(202);
    // 15 s is the aim; twice that so a busy machine does not make it flaky.
    expect(failedMs).toBeLessThan(30_000);
  });

  it('a round whose process was killed and not restarted is failed by another replica from its stopped heartbeat, with default settings', async () => {
    const other = await stack.addReplica('matching');
    const otherUrl = stack.url('matching', other);
    const { roundId, phase, killedAt, owner, heartbeatAt } = await startAndKill(0);
    const { round, ms: failedMs } = await roundEnded(otherUrl, roundId, killedAt);
    const next = await scopeFree(otherUrl);
    console.log(
      `dead round, owner gone: killed in ${phase}; owner ${owner}, last heartbeat ${killedAt - heartbeatAt.getTime()} ms before the kill; ` +
        `round ${round.status} by the other replica ${failedMs} ms after the kill (${round.error}); next POST /rounds in the scope ${next}`,
    );
    expect(round).toMatchObject({ status: 'failed', owner, error: expect.stringMatching(/no heartbeat for \d+ ms/) });
    expect(next).toBe(202);
    // ROUND_STALE_MS (10 s) plus one ROUND_HEARTBEAT_MS (2 s) is the bound; twice 15 s so a busy machine does not make it flaky.
    expect(failedMs).toBeLessThan(30_000);
    await stack.service('matching').start(60_000);
  });
});
