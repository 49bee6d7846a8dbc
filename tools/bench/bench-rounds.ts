/**
 * `npm run bench:rounds`: for the Shanghai season, the time from POST /rounds to the complete report in reporting,
 * split into matching's phases and reporting's catch-up, over several city-wide optimal rounds on one stack of the
 * four services (real processes, the real broker and databases). A measurement, not a test: it prints figures.
 * CIVIC_BENCH_RUNS sets the number of rounds (default 5). A real round takes what earlier rounds hold as given, so
 * after each run its assignments are released (RELEASE_ROUND_SQL) and the next run finds the season free again.
 */
import { Client } from 'pg';
import { generateSeason } from '@civic/catalogue';
import { RELEASE_ROUND_SQL, requestJson, ServiceStack, waitFor } from '@civic/testing';
import { importSeason } from '../import/import';

async function main(): Promise<void> {
  const runs = Number(process.env.CIVIC_BENCH_RUNS ?? 5);
  const stack = await ServiceStack.start();
  const reportingDb = new Client({ connectionString: stack.databaseUrl('reporting') });
  const matchingDb = new Client({ connectionString: stack.databaseUrl('matching') });
  try {
    await reportingDb.connect();
    await matchingDb.connect();
    await importSeason(generateSeason({ seed: 1, scale: 1 }), {
      registryUrl: stack.service('project-registry').url,
      expertPoolUrl: stack.service('expert-pool').url,
    });
    await waitFor('the season in matching', async () => {
      const { body } = await requestJson('GET', `${stack.service('matching').url}/read-model/summary`);
      return body.projects.active === 175 && body.experts.available === 1371;
    }, { timeoutMs: 120_000, intervalMs: 250 });
    // Let reporting drain the import's events so the rounds are measured alone.
    await waitFor('reporting to catch up with the import', async () => {
      const { rows } = await reportingDb.query(`SELECT count(*)::int AS n FROM event_feed`);
      return rows[0].n >= 175 + 1371;
    }, { timeoutMs: 120_000, intervalMs: 250 });

    const matching = stack.service('matching').url;
    const reporting = stack.service('reporting').url;
    const rows: Array<Record<string, number>> = [];
    for (let i = 0; i < runs; i++) {
      const t0 = Date.now();
      const { body: started } = await requestJson('POST', `${matching}/rounds`, { strategy: 'optimal', publishAtOnce: true });
      const id = started.roundId;
      let stored = 0;
      const done = await waitFor('the round', async () => {
        const { body } = await requestJson('GET', `${matching}/rounds/${id}`);
        if (!stored && (body.phase === 'publishing' || body.status === 'completed')) stored = Date.now();
        if (body.status === 'failed') throw new Error(`round ${id} failed: ${body.error}`);
        return body.status === 'completed' ? body : undefined;
      }, { timeoutMs: 120_000, intervalMs: 10 });
      const completed = Date.now();
      // Polled every 50 ms: the report is a dozen queries, and polling harder would slow the consumer it waits for.
      await waitFor('the complete report', async () => (await requestJson('GET', `${reporting}/rounds/${id}/report`)).body?.complete === true, {
        timeoutMs: 120_000,
        intervalMs: 50,
      });
      const reported = Date.now();
      const { rows: feed } = await reportingDb.query(
        `SELECT count(*)::int AS n, extract(epoch FROM max(received_at) - min(received_at)) * 1000 AS span FROM event_feed WHERE envelope->'payload'->>'roundId' = $1`,
        [id],
      );
      rows.push({
        run: i + 1,
        postToReportMs: reported - t0,
        postToStoredMs: stored - t0,
        postToCompletedMs: completed - t0,
        snapshotMs: done.timings.snapshotMs,
        scoringMs: done.timings.scoringMs,
        solvingMs: done.timings.solvingMs,
        storingMs: done.timings.storingMs,
        publishingMs: done.timings.publishingMs,
        reportingEvents: feed[0].n,
        reportingSpanMs: Math.round(Number(feed[0].span)),
      });
      await matchingDb.query(RELEASE_ROUND_SQL, [id]);
    }
    console.table(rows);
    const sorted = rows.map((r) => r.postToReportMs).sort((a, b) => a - b);
    console.log(`POST /rounds -> complete report: median ${sorted[Math.floor(sorted.length / 2)]} ms, min ${sorted[0]} ms, max ${sorted[sorted.length - 1]} ms (${runs} rounds)`);
  } finally {
    await reportingDb.end().catch(() => undefined);
    await matchingDb.end().catch(() => undefined);
    await stack.stop();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench:rounds failed: ${e.message}\n`);
  process.exit(1);
});
