/**
 * The load script (`npm run load`): starts the four services on the test harness's infrastructure (CIVIC_TEST_*
 * variables, or the local PostgreSQL, Redis and Kafka), seeds the Shanghai season and measures, each phase bounded
 * in time:
 *
 * 1. a raw kafkajs produce/consume baseline on the same broker;
 * 2. a city round from POST /rounds to reporting's complete report;
 * 3. reporting catching up on that round's events, one transaction per event versus batched transactions;
 * 4. HTTP load on loopback against the registry's import endpoint and the accept/decline endpoints while matching
 *    runs rounds back to back: requests per second, p50/p99 latency, errors;
 * 5. the event pipeline's throughput from registry write to matching's read model (and reporting's feed).
 *
 *   npm run load -- --seconds 30 --import-connections 2 --decide-connections 8 --pipeline-projects 1000
 */
import { generateSeason, projectsCsv } from '@civic/catalogue';
import { ALL_TOPICS } from '@civic/contracts';
import { dropDatabase, ensureDatabase } from '@civic/persistence';
import { requestJson, scrapeMetrics, ServiceProcess, ServiceStack, sumSamples, waitFor } from '@civic/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { importSeason } from '../import/import';
import { fetchRaw, runLoad, summarize, LoadResult } from './http-load';
import { kafkaBaseline, KafkaBaselineResult } from './kafka-baseline';
import { readToolArgs } from '../cli/cli-args';

interface Args {
  seconds: number;
  importConnections: number;
  importRows: number;
  decideConnections: number;
  /** Paced request rates of the HTTP load (the rates the closed loop reached in the run of 2026-11-26). */
  importRate: number;
  decideRate: number;
  readSeconds: number;
  pipelineProjects: number;
  baselineMessages: number;
  /** Raw baseline and pipeline runs, alternating. */
  repeats: number;
  catchup: boolean;
  /** Which phases run (the raw baseline always does: the pipeline is measured against it). */
  phases: Set<Phase>;
}

const PHASES = ['round', 'catchup', 'http', 'reads', 'pipeline'] as const;
type Phase = (typeof PHASES)[number];

const USAGE =
  'usage: npm run load -- [--seconds 30] [--import-connections 2] [--import-rows 5] [--import-rate 34] [--decide-connections 8] ' +
  `[--decide-rate 35] [--read-seconds 10] [--pipeline-projects 1000] [--baseline-messages 5000] [--repeats 3] [--phases ${PHASES.join(',')}] [--no-catchup]`;

function parseArgs(argv: readonly string[]): Args {
  const numeric: Record<string, keyof Args> = {
    seconds: 'seconds',
    'import-connections': 'importConnections',
    'import-rows': 'importRows',
    'decide-connections': 'decideConnections',
    'import-rate': 'importRate',
    'decide-rate': 'decideRate',
    'read-seconds': 'readSeconds',
    'pipeline-projects': 'pipelineProjects',
    'baseline-messages': 'baselineMessages',
    repeats: 'repeats',
  };
  const read = readToolArgs(argv, { values: [...Object.keys(numeric), 'phases'], flags: ['no-catchup'] }, USAGE);
  const args: Args = { seconds: 30, importConnections: 2, importRows: 5, decideConnections: 8, importRate: 34, decideRate: 35, readSeconds: 10, pipelineProjects: 1000, baselineMessages: 5000, repeats: 3, catchup: true, phases: new Set(PHASES) };
  for (const [name, key] of Object.entries(numeric)) (args as unknown as Record<string, number>)[key] = read.int(name, args[key] as number, 1);
  if (read.values.phases !== undefined) {
    const list = read.values.phases.split(',').filter(Boolean);
    const unknown = list.filter((x) => !(PHASES as readonly string[]).includes(x));
    if (!list.length || unknown.length) {
      process.stderr.write(`--phases takes a comma-separated list of ${PHASES.join(', ')}, got ${read.values.phases}\n${USAGE}\n`);
      process.exit(2);
    }
    args.phases = new Set(list as Phase[]);
  }
  if (read.flags.has('no-catchup')) args.phases.delete('catchup');
  return args;
}

const log = (line: string) => process.stdout.write(`[load] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One database client per service of the stack. */
class Databases {
  private readonly clients = new Map<string, Client>();
  constructor(private readonly stack: ServiceStack) {}

  async query<T = any>(service: 'project-registry' | 'expert-pool' | 'matching' | 'reporting', sql: string, params: unknown[] = []): Promise<T[]> {
    let client = this.clients.get(service);
    if (!client) {
      client = new Client({ connectionString: this.stack.databaseUrl(service), application_name: 'load' });
      await client.connect();
      this.clients.set(service, client);
    }
    return (await client.query(sql, params)).rows as T[];
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.end().catch(() => undefined)));
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  log(`starting the four services (${new Date().toISOString()})`);
  const stack = await ServiceStack.start({ env: { SWEEP_INTERVAL_MS: '5000', REMATCH_BATCH_MS: '500' } });
  const db = new Databases(stack);
  const brokers = stack.infra.kafkaBrokers.split(',');
  const results: Record<string, unknown> = { infrastructure: stack.infra.source };
  try {
    const has = (phase: Phase) => args.phases.has(phase);
    if (has('round') || has('catchup') || has('http') || has('reads')) await seasonPhases(stack, db, args, results);
    // Last, once the HTTP load has drained (its new projects would otherwise join the rounds): a smaller import that
    // is not measured, so that the services' code is warm (JIT) even when no other phase ran. Then the raw baseline
    // and the pipeline alternate `repeats` times, each pipeline run right after its baseline on a stack doing nothing
    // else: on a shared machine the rate moves from minute to minute, so each pipeline run is set against the
    // baseline next to it, and the medians are reported.
    if (has('pipeline')) await pipelineThroughput(stack, db, 200, 'WARM');
    const baselines: KafkaBaselineResult[] = [];
    const pipelines: Array<Awaited<ReturnType<typeof pipelineThroughput>>> = [];
    for (let r = 1; r <= args.repeats; r++) {
      log(`raw kafkajs baseline ${r}/${args.repeats}: ${args.baselineMessages} messages of 1500 bytes`);
      baselines.push(await kafkaBaseline({ brokers, topic: `${stack.runId}.load.baseline${r}`, messages: args.baselineMessages }));
      log(JSON.stringify(baselines[baselines.length - 1]));
      if (has('pipeline')) {
        pipelines.push(await pipelineThroughput(stack, db, args.pipelineProjects, `PIPE${r}x`));
        log(`pipeline ${r}/${args.repeats}: ${JSON.stringify(pipelines[pipelines.length - 1])}`);
      }
    }
    if (has('pipeline')) {
      // Not the yardstick (that stays the single group above): raw kafkajs with the pipeline's fan-out, each message
      // read by three groups as each registry event is by matching, reporting and expert-pool, on the same cores.
      log(`raw kafkajs baseline with three consumer groups: ${args.baselineMessages} messages of 1500 bytes`);
      results.kafkaFanOut = await kafkaBaseline({ brokers, topic: `${stack.runId}.load.fanout`, messages: args.baselineMessages, groups: 3 });
      log(JSON.stringify(results.kafkaFanOut));
    }
    results.kafkaBaselines = baselines;
    results.kafkaBaseline = medianBy(baselines, (b) => b.consumedPerSecond);
    if (pipelines.length) {
      results.pipelines = pipelines;
      // The run whose share of its own baseline is the median, shown with that baseline: the ratio is the figure.
      const median = medianBy(pipelines.map((p, i) => i), (i) => pipelines[i].matching.relayToReadModelEventsPerSecond / baselines[i].consumedPerSecond);
      results.pipeline = pipelines[median];
      results.kafkaBaseline = baselines[median];
      results.pipelineShares = pipelines.map((p, i) => ({
        raw: baselines[i].consumedPerSecond,
        matching: p.matching.relayToReadModelEventsPerSecond,
        reporting: p.reporting.relayToReadModelEventsPerSecond,
        matchingShare: Math.round((p.matching.relayToReadModelEventsPerSecond / baselines[i].consumedPerSecond) * 100),
        reportingShare: Math.round((p.reporting.relayToReadModelEventsPerSecond / baselines[i].consumedPerSecond) * 100),
        matchingCommittedShare: Math.round((p.matching.relayToCommittedEventsPerSecond / baselines[i].consumedPerSecond) * 100),
        reportingCommittedShare: Math.round((p.reporting.relayToCommittedEventsPerSecond / baselines[i].consumedPerSecond) * 100),
      }));
    }
  } finally {
    await db.close();
    await stack.stop();
  }
  results.totalMs = Date.now() - started;
  process.stdout.write(`\n${JSON.stringify(results, null, 2)}\n\n${markdown(results)}\n`);
}

/** The phases that need the season in the stack: a round to its report, the catch-up, the HTTP load, the reads. */
async function seasonPhases(stack: ServiceStack, db: Databases, args: Args, results: Record<string, unknown>): Promise<void> {
  const has = (phase: Phase) => args.phases.has(phase);
  {
    log('seeding the Shanghai season (175 projects, 541 teachers, 830 students)');
    const seeded = Date.now();
    const season = generateSeason({ seed: 1, scale: 1 });
    await importSeason(season, { registryUrl: stack.service('project-registry').url, expertPoolUrl: stack.service('expert-pool').url });
    await waitFor(
      "matching's read model to hold the season",
      async () => {
        const { body } = await requestJson('GET', `${stack.service('matching').url}/read-model/summary`);
        return body.projects.active === 175 && body.experts.teachers === 541 && body.experts.students === 830;
      },
      { timeoutMs: 300_000, intervalMs: 250 },
    );
    log(`season seeded in ${Date.now() - seeded} ms`);

    const round = await roundToReport(stack, db);
    results.round = round;
    log(`round ${round.roundId}: POST /rounds to complete report ${round.postToReportMs} ms, reporting applied its ${round.events} events at ${round.reportingEventsPerSecond} events/s`);

    if (has('catchup')) {
      results.catchup = await consumerCatchup(stack, db, round.roundId);
      log(`reporting catch-up: ${JSON.stringify(results.catchup)}`);
    }

    if (has('http')) {
      results.httpLoad = await httpLoadDuringRounds(stack, db, round.roundId, args);
      await drain(stack, db);
    }

    if (has('reads')) {
      results.reads = await httpReads(stack, db, round.roundId, args);
    }

  }
}

/** A city-wide optimal round, from POST /rounds to reporting's complete report. */
async function roundToReport(stack: ServiceStack, db: Databases) {
  const matching = stack.service('matching').url;
  const reporting = stack.service('reporting').url;
  const t0 = Date.now();
  const res = await requestJson('POST', `${matching}/rounds`, { strategy: 'optimal', publishAtOnce: true });
  if (res.status !== 202) throw new Error(`POST /rounds answered ${res.status}: ${JSON.stringify(res.body)}`);
  const roundId: string = res.body.roundId;
  const done = await waitFor(
    'the round to end',
    async () => {
      const { body } = await requestJson('GET', `${matching}/rounds/${roundId}`);
      return body.status === 'completed' || body.status === 'failed' ? body : undefined;
    },
    { timeoutMs: 600_000, intervalMs: 50 },
  );
  if (done.status === 'failed') throw new Error(`round ${roundId} failed: ${done.error}`);
  await waitFor('the complete report', async () => (await requestJson('GET', `${reporting}/rounds/${roundId}/report`)).body?.complete === true, {
    timeoutMs: 600_000,
    intervalMs: 50,
  });
  const postToReportMs = Date.now() - t0;
  const ids = (await db.query<{ event_id: string; type: string; published_at: Date }>('matching', `SELECT event_id, type, published_at FROM outbox_event WHERE type LIKE 'assignment.%' AND envelope->'payload'->>'roundId' = $1 OR (type LIKE 'round.%' AND key = $1)`, [roundId]));
  const applied = await db.query<{ first: Date; last: Date }>('reporting', `SELECT min(applied_at) AS first, max(applied_at) AS last FROM inbox_event WHERE event_id = ANY($1::uuid[])`, [ids.map((r) => r.event_id)]);
  const lastApplied = new Date(applied[0].last).getTime();
  const firstPublished = Math.min(...ids.map((r) => new Date(r.published_at).getTime()));
  // round.started leaves when the round is created, before the engine runs; the rest leave once the finished round
  // commits. The pipeline's rate is taken over those; from round.started the span also holds the engine's time.
  const ended = ids.filter((r) => r.type !== 'round.started');
  const firstEndedPublished = Math.min(...ended.map((r) => new Date(r.published_at).getTime()));
  return {
    roundId,
    postToReportMs,
    timings: done.timings,
    assignments: done.summary?.figures?.assignments?.total,
    events: ids.length,
    reportingEventsPerSecond: Math.round(ended.length / (Math.max(1, lastApplied - firstEndedPublished) / 1000)),
    reportingEventsPerSecondFromStarted: Math.round(ids.length / (Math.max(1, lastApplied - firstPublished) / 1000)),
  };
}

/**
 * Reporting catching up on a round's events already waiting in Kafka: the round's envelopes are copied to topics of
 * a fresh prefix and a fresh reporting process (own database) consumes them, once per consumer setting.
 */
async function consumerCatchup(stack: ServiceStack, db: Databases, roundId: string) {
  const rows = await db.query<{ topic: string; key: string; envelope: Record<string, unknown> }>(
    'matching',
    `SELECT topic, key, envelope FROM outbox_event WHERE (type LIKE 'assignment.%' AND envelope->'payload'->>'roundId' = $1) OR (type LIKE 'round.%' AND key = $1) ORDER BY seq`,
    [roundId],
  );
  const settings = [
    { label: 'one transaction per event, one partition at a time (before)', CONSUMER_TX_BATCH: '1', CONSUMER_PARTITIONS_CONCURRENTLY: '1' },
    { label: 'up to 100 events per transaction, one partition at a time', CONSUMER_TX_BATCH: '100', CONSUMER_PARTITIONS_CONCURRENTLY: '1' },
    { label: 'up to 100 events per transaction, 3 partitions at once', CONSUMER_TX_BATCH: '100', CONSUMER_PARTITIONS_CONCURRENTLY: '3' },
  ];
  const kafka = new Kafka({ clientId: 'load-catchup', brokers: stack.infra.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const out: Array<{ setting: string; events: number; ms: number; eventsPerSecond: number; msPerEvent: number }> = [];
  const reporting = stack.service('reporting');
  for (const [i, s] of settings.entries()) {
    const prefix = `${stack.runId}c${i}.`;
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: ALL_TOPICS.map((t) => ({ topic: `${prefix}${t}`, numPartitions: 3, replicationFactor: 1 })) });
    await admin.disconnect();
    for (let k = 0; k < rows.length; k += 500) {
      const slice = rows.slice(k, k + 500);
      const byTopic = new Map<string, typeof slice>();
      for (const r of slice) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic: `${prefix}${topic}`,
          messages: list.map((r) => ({ key: r.key, value: JSON.stringify(r.envelope), headers: { 'event-id': String(r.envelope.id), 'event-type': String(r.envelope.type) } })),
        })),
      });
    }
    await producer.disconnect();
    const url = reporting.env.DATABASE_URL.replace(/civic_reporting_/, `civic_reporting_c${i}_`);
    await ensureDatabase(url);
    const proc = new ServiceProcess('reporting', reporting.port + 20 + i, { ...reporting.env, DATABASE_URL: url, KAFKA_TOPIC_PREFIX: prefix, CONSUMER_TX_BATCH: s.CONSUMER_TX_BATCH, CONSUMER_PARTITIONS_CONCURRENTLY: s.CONSUMER_PARTITIONS_CONCURRENTLY }, undefined, stack.runId);
    const client = new Client({ connectionString: url });
    try {
      await proc.start(180_000);
      await client.connect();
      const count = async () => Number((await client.query(`SELECT count(*)::int AS n FROM inbox_event`)).rows[0].n);
      const first = await waitFor('the first event applied', async () => ((await count()) > 0 ? performance.now() : undefined), { timeoutMs: 120_000, intervalMs: 5 });
      const last = await waitFor('every event applied', async () => ((await count()) >= rows.length ? performance.now() : undefined), { timeoutMs: 300_000, intervalMs: 5 });
      const ms = Math.max(1, Math.round(last - first));
      out.push({ setting: s.label, events: rows.length, ms, eventsPerSecond: Math.round(rows.length / (ms / 1000)), msPerEvent: Math.round((ms / rows.length) * 100) / 100 });
      log(`  ${s.label}: ${rows.length} events in ${ms} ms`);
    } finally {
      await client.end().catch(() => undefined);
      await proc.stop();
      await dropDatabase(url).catch(() => undefined);
    }
  }
  return out;
}

/**
 * Load on loopback for `seconds`: registry imports (a few new projects each) and coordinators' accept/decline on the
 * first round's proposals, while matching runs stable what-if rounds back to back over the whole city.
 */
async function httpLoadDuringRounds(stack: ServiceStack, db: Databases, roundId: string, args: Args) {
  const matching = stack.service('matching').url;
  const registry = stack.service('project-registry').url;
  const auth = { authorization: `Bearer ${await stack.token('admin', { ttl: 7200 })}` };
  const proposals = await db.query<{ id: string; university_id: string }>('matching', `SELECT id, university_id FROM assignment WHERE round_id = $1 AND status = 'proposed' ORDER BY id`, [roundId]);
  const base = generateSeason({ seed: 5, scale: 1 }).projects;
  const decide = (p: { id: string; university_id: string }, decline: boolean) => ({
    method: 'POST',
    url: `${matching}/universities/${p.university_id}/assignments/${p.id}/${decline ? 'decline' : 'accept'}`,
    headers: { ...auth, 'content-type': 'application/json' },
    body: decline ? JSON.stringify({ reason: 'schedule_conflict' }) : '{}',
  });

  // The idle-service baseline, same run: the same accept/decline load for half the time with nothing else running
  // (no rounds, no imports), on the proposals from the other end of the list, so that on a shared machine the load
  // of the moment can be told apart from what the rounds cost. First pass as below: two accepts for each decline.
  log(`HTTP baseline for ${Math.ceil(args.seconds / 2)} s: accept/decline alone (${args.decideConnections} connections, ${args.decideRate}/s)`);
  const matchingProcess = stack.service('matching');
  let loop = await LoopWindow.open(matchingProcess);
  let stackCpu = await processCpu(stack, db);
  const [idleDecisions, idleLiveness] = await Promise.all([
    runLoad({
      name: 'POST /universities/{u}/assignments/{id}/accept|decline, nothing else running',
      connections: args.decideConnections,
      ratePerSecond: args.decideRate,
      durationMs: Math.ceil(args.seconds / 2) * 1000,
      next: (i) => decide(proposals[proposals.length - 1 - (i % proposals.length)], i < proposals.length && i % 3 === 2),
      expected: (s) => s === 200 || s === 409,
    }),
    runLoad({
      name: 'GET /health/live on matching (probe), nothing else running',
      connections: 1,
      ratePerSecond: 20,
      durationMs: Math.ceil(args.seconds / 2) * 1000,
      next: () => ({ method: 'GET', url: `${matching}/health/live` }),
    }),
  ]);
  const idleLoop = await loop.close();
  const idleStackCpu = cpuPerSecond(stackCpu, await processCpu(stack, db), idleLoop.seconds);
  log(`baseline accept/decline: ${line(idleDecisions)}`);
  log(`baseline liveness probe: ${line(idleLiveness)}`);
  log(`baseline matching: ${loopLine(idleLoop)}; the stack's CPU ms per second: ${JSON.stringify(idleStackCpu)}`);

  let loading = true;
  const rounds: number[] = [];
  const roundLoop = (async () => {
    while (loading) {
      const t0 = Date.now();
      const res = await requestJson('POST', `${matching}/rounds`, { strategy: 'stable', dryRun: true });
      if (res.status !== 202) {
        await sleep(200);
        continue;
      }
      await waitFor('the what-if round', async () => ['completed', 'failed'].includes((await requestJson('GET', `${matching}/rounds/${res.body.roundId}`)).body.status), {
        timeoutMs: 600_000,
        intervalMs: 100,
      });
      rounds.push(Date.now() - t0);
    }
  })();

  log(`HTTP load for ${args.seconds} s: imports (${args.importConnections} connections, ${args.importRows} rows each, ${args.importRate}/s), accept/decline (${args.decideConnections} connections, ${args.decideRate}/s, ${proposals.length} proposals), rounds back to back`);
  // Why answers slow down: matching's liveness probe (no database, no token) shows its event loop and CPU; the
  // sessions of matching's database waiting on a lock show lock contention.
  const lockWaits: number[] = [];
  const sampling = (async () => {
    while (loading) {
      const [row] = await db.query<{ n: number }>('matching', `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      lockWaits.push(row.n);
      await sleep(100);
    }
  })();
  let batch = 0;
  loop = await LoopWindow.open(matchingProcess);
  stackCpu = await processCpu(stack, db);
  const [imports, decisions, liveness] = await Promise.all([
    runLoad({
      name: 'POST /projects/imports',
      connections: args.importConnections,
      ratePerSecond: args.importRate,
      durationMs: args.seconds * 1000,
      next: () => {
        const b = batch++;
        const rows = base.slice(0, args.importRows).map((p, k) => ({ ...p, id: `LOAD${stack.runId}-${b}-${k}` }));
        return { method: 'POST', url: `${registry}/projects/imports?mode=all-or-nothing`, headers: { ...auth, 'content-type': 'text/csv' }, body: projectsCsv(rows) };
      },
      expected: (s) => s === 202,
    }),
    runLoad({
      name: 'POST /universities/{u}/assignments/{id}/accept|decline',
      connections: args.decideConnections,
      ratePerSecond: args.decideRate,
      durationMs: args.seconds * 1000,
      next: (i) => decide(proposals[i % proposals.length], i < proposals.length && i % 3 === 2),
      expected: (s) => s === 200 || s === 409,
    }),
    runLoad({
      name: 'GET /health/live on matching (probe)',
      connections: 1,
      ratePerSecond: 20,
      durationMs: args.seconds * 1000,
      next: () => ({ method: 'GET', url: `${matching}/health/live` }),
    }),
  ]);
  const loadLoop = await loop.close();
  const loadStackCpu = cpuPerSecond(stackCpu, await processCpu(stack, db), loadLoop.seconds);
  loading = false;
  await Promise.all([roundLoop, sampling]);
  const lockSamples = { samples: lockWaits.length, withWaiters: lockWaits.filter((n) => n > 0).length, maxWaiters: Math.max(0, ...lockWaits) };
  const result = { idleDecisions, idleLiveness, imports, decisions, liveness, lockSamples, roundsDuringLoad: rounds.length, roundMs: summarize(rounds), idleLoop, loadLoop, idleStackCpu, loadStackCpu };
  log(`imports: ${line(imports)}`);
  log(`accept/decline: ${line(decisions)}`);
  log(`matching's liveness probe: ${line(liveness)}; sessions waiting on a lock in ${lockSamples.withWaiters} of ${lockSamples.samples} samples (at most ${lockSamples.maxWaiters})`);
  log(`${rounds.length} what-if rounds completed during the load (ms: ${JSON.stringify(result.roundMs)})`);
  log(`matching while rounds run: ${loopLine(loadLoop)}; the stack's CPU ms per second: ${JSON.stringify(loadStackCpu)}`);
  return result;
}

/** What matching's event loop went through in a window: its delay (prom-client's default metrics) and CPU time. */
interface LoopFigures {
  seconds: number;
  /** Event-loop delay over the window (monitorEventLoopDelay, 10 ms resolution), ms. */
  delayP99Ms: number;
  delayMaxMs: number;
  /** CPU time of the main thread (the event loop) and of the process's other threads (the engine's worker, V8's GC and compiler helpers), ms per second of the window. */
  loopCpuMsPerS: number;
  otherThreadsCpuMsPerS: number;
}

/**
 * One window of matching's event-loop figures: opening scrapes /metrics (prom-client resets its event-loop delay
 * histogram at each scrape) and reads the threads' CPU from /proc; closing does both again.
 */
class LoopWindow {
  private constructor(
    private readonly service: ServiceProcess,
    private readonly started: number,
    private readonly cpu: { loop: number; all: number },
  ) {}

  static async open(service: ServiceProcess): Promise<LoopWindow> {
    await scrapeMetrics(service.url);
    return new LoopWindow(service, Date.now(), threadCpu(service.pid));
  }

  async close(): Promise<LoopFigures> {
    const text = await scrapeMetrics(this.service.url);
    const cpu = threadCpu(this.service.pid);
    const seconds = (Date.now() - this.started) / 1000;
    const perS = (ms: number) => Math.round(ms / seconds);
    return {
      seconds: Math.round(seconds),
      delayP99Ms: Math.round(sumSamples(text, 'nodejs_eventloop_lag_p99_seconds') * 1000),
      delayMaxMs: Math.round(sumSamples(text, 'nodejs_eventloop_lag_max_seconds') * 1000),
      loopCpuMsPerS: perS(cpu.loop - this.cpu.loop),
      otherThreadsCpuMsPerS: perS(cpu.all - cpu.loop - (this.cpu.all - this.cpu.loop)),
    };
  }
}

/** CPU ms so far of a process's main thread (its task id is the pid) and of all its threads (0 when not readable). */
function threadCpu(pid: number | undefined): { loop: number; all: number } {
  if (!pid) return { loop: 0, all: 0 };
  return { loop: cpuMsOf(pid, `/proc/${pid}/task/${pid}/stat`), all: cpuMsOf(pid) };
}

function loopLine(l: LoopFigures): string {
  return `event-loop delay p99 ${l.delayP99Ms} ms, max ${l.delayMaxMs} ms; CPU ms per second: event loop ${l.loopCpuMsPerS}, other threads ${l.otherThreadsCpuMsPerS}`;
}

/** A load run with the CPU time it cost: the serving process's and the load generator's, per answer. */
interface MeasuredLoad extends LoadResult {
  /** CPU µs (user + system, every thread) per answer of the process that served it; absent where /proc is missing. */
  serverCpuUsPerAnswer?: number;
  /** CPU µs per answer of the load generator (this process: sending, reading and counting). */
  clientCpuUsPerAnswer: number;
}

/** One service read of the reads phase and the same bytes from the minimal app (its yardstick), run just before it. */
interface ReadRow {
  read: MeasuredLoad;
  sameBytes: MeasuredLoad;
  /** The service's own CPU ms per second while the minimal app was measured (its consumer, timers: work no answer asked for). */
  serviceIdleCpuMsPerSecond: number;
}

/** Runs `options` and measures the CPU time it cost the serving process (`pid`) and this one. */
async function measuredLoad(options: Parameters<typeof runLoad>[0], pid: number | undefined): Promise<MeasuredLoad> {
  const server0 = pid ? cpuMsOf(pid) : 0;
  const client0 = process.cpuUsage();
  const r = await runLoad(options);
  const server1 = pid ? cpuMsOf(pid) : 0;
  const client = process.cpuUsage(client0);
  const answers = Math.max(1, r.requests - r.errors);
  return {
    ...r,
    serverCpuUsPerAnswer: server1 > 0 ? Math.round(((server1 - server0) * 1000) / answers) : undefined,
    clientCpuUsPerAnswer: Math.round((client.user + client.system) / answers),
  };
}

/**
 * HTTP reads with nothing else running, each for `readSeconds` on `decideConnections` connections, one after the
 * other, against two yardsticks in a minimal NestJS app (its own process: tools/load/minimal-nest.ts): its 43-byte
 * `GET /ping`, and, just before each read, the same bytes that read answers (fetched once from the service, gzipped
 * as the service sends them when the read asks for gzip) served as a static body, so that a large answer is also set
 * against what its bytes alone cost on loopback. The reads: reporting's round report, a coordinator's list of
 * assignments (the largest university, the default page), the round's list of assignments (administrators) and a
 * page of one, each as they are and with `Accept-Encoding: gzip`.
 */
async function httpReads(stack: ServiceStack, db: Databases, roundId: string, args: Args): Promise<{ ping: MeasuredLoad; rows: ReadRow[] }> {
  const auth = { authorization: `Bearer ${await stack.token('admin', { ttl: 7200 })}` };
  const [{ university_id: university }] = await db.query<{ university_id: string }>(
    'matching',
    `SELECT university_id FROM assignment WHERE round_id = $1 GROUP BY university_id ORDER BY count(*) DESC LIMIT 1`,
    [roundId],
  );
  const gzip = { 'accept-encoding': 'gzip' };
  const report = `${stack.service('reporting').url}/rounds/${roundId}/report`;
  const page = `${stack.service('matching').url}/universities/${university}/assignments?roundId=${roundId}`;
  const all = `${stack.service('matching').url}/rounds/${roundId}/assignments`;
  const reads: Array<{ name: string; service: 'matching' | 'reporting'; url: string; body: string; headers?: Record<string, string> }> = [
    { name: 'GET /rounds/{id}/report (reporting)', service: 'reporting', url: report, body: 'report' },
    { name: `GET /universities/{u}/assignments?roundId= (matching, the largest university's page)`, service: 'matching', url: page, body: 'page' },
    { name: 'GET /rounds/{id}/assignments (matching, all of the round)', service: 'matching', url: all, body: 'all' },
    // What every request pays before its own work (token, rate limit, revocation, headers): a page of one.
    { name: 'GET /universities/{u}/assignments?limit=1 (matching, a page of one)', service: 'matching', url: `${page}&limit=1`, body: 'one' },
    // As a browser asks (Accept-Encoding: gzip): the large answers go out compressed (the bytes are counted, not inflated).
    { name: 'GET /rounds/{id}/report, Accept-Encoding: gzip', service: 'reporting', url: report, body: 'report', headers: gzip },
    { name: 'GET /universities/{u}/assignments?roundId=, Accept-Encoding: gzip', service: 'matching', url: page, body: 'page', headers: gzip },
    { name: 'GET /rounds/{id}/assignments, Accept-Encoding: gzip', service: 'matching', url: all, body: 'all', headers: gzip },
  ];

  // The bytes of each answer as the service sends them, plain and gzipped, for the minimal app to serve.
  const bodies = mkdtempSync(join(tmpdir(), 'civic-load-bodies-'));
  for (const read of reads) {
    const file = join(bodies, `${read.body}.json${read.headers ? '.gz' : ''}`);
    const answer = await fetchRaw({ method: 'GET', url: read.url, headers: { ...auth, ...read.headers } });
    if (answer.status !== 200) throw new Error(`${read.name}: ${answer.status} ${answer.body.toString().slice(0, 200)}`);
    // A small answer goes out uncompressed even when gzip is asked for: then there is no .gz to serve either.
    if (!read.headers || answer.headers['content-encoding'] === 'gzip') writeFileSync(file, answer.body);
  }

  const port = stack.service('reporting').port + 40;
  const minimal = spawn(process.execPath, ['-r', resolve(__dirname, '../../../tools/register-paths.js'), resolve(__dirname, 'minimal-nest.js'), String(port), bodies], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((ok, fail) => {
      minimal.stdout!.on('data', (d: Buffer) => d.toString().includes('listening') && ok());
      minimal.on('exit', (code) => fail(new Error(`the minimal NestJS app exited with ${code}`)));
    });
    const load = (name: string, url: string, headers: Record<string, string>, pid: number | undefined) =>
      measuredLoad({ name, connections: args.decideConnections, durationMs: args.readSeconds * 1000, next: () => ({ method: 'GET', url, headers }) }, pid);
    const minimalUrl = `http://127.0.0.1:${port}`;
    // Every process compiles its hot paths first (JIT): one unmeasured second per route before any figure is taken.
    const warmUps: Array<[string, Record<string, string>]> = [[`${minimalUrl}/ping`, {}], [`${minimalUrl}/static/one`, {}], ...reads.filter((r) => !r.headers).map((r): [string, Record<string, string>] => [r.url, auth])];
    for (const [url, headers] of warmUps) await runLoad({ name: 'warm-up', connections: args.decideConnections, durationMs: 1000, next: () => ({ method: 'GET', url, headers }) });
    const ping = await load('GET /ping on a minimal NestJS app (the yardstick)', `${minimalUrl}/ping`, {}, minimal.pid);
    log(`reads: ${ping.name}: ${line(ping)}`);
    const rows: ReadRow[] = [];
    for (const read of reads) {
      const idle0 = cpuMsOf(stack.service(read.service).pid!);
      const sameBytes = await load(`the same bytes from the minimal app (GET /static/${read.body})`, `${minimalUrl}/static/${read.body}`, { ...read.headers }, minimal.pid);
      const serviceIdleCpuMsPerSecond = Math.round(((cpuMsOf(stack.service(read.service).pid!) - idle0) / sameBytes.durationMs) * 1000);
      log(`reads: ${sameBytes.name}: ${line(sameBytes)}; ${read.service} meanwhile used ${serviceIdleCpuMsPerSecond} CPU ms per second`);
      const r = await load(read.name, read.url, { ...auth, ...read.headers }, stack.service(read.service).pid);
      log(`reads: ${r.name}: ${line(r)}`);
      if (r.bytesPerAnswer !== sameBytes.bytesPerAnswer) log(`  (the minimal app's answer has ${sameBytes.bytesPerAnswer} bytes, the service's ${r.bytesPerAnswer})`);
      rows.push({ read: r, sameBytes, serviceIdleCpuMsPerSecond });
      // How the cached reads were answered so far (hit, stored, stale, unlistened): a read that is never a hit shows here.
      for (const service of ['matching', 'reporting'] as const) {
        const { body } = await requestJson('GET', `${stack.service(service).url}/metrics`, undefined, auth);
        const counts = String(body).split('\n').filter((l) => l.startsWith('answer_cache_requests_total{'));
        if (counts.length) log(`  ${service}: ${counts.map((l) => l.replace(/^answer_cache_requests_total/, '')).join(', ')}`);
      }
    }
    return { ping, rows };
  } finally {
    minimal.kill('SIGTERM');
    rmSync(bodies, { recursive: true, force: true });
  }
}

function line(r: LoadResult | MeasuredLoad): string {
  const cpu = 'clientCpuUsPerAnswer' in r ? `, CPU µs per answer: server ${r.serverCpuUsPerAnswer ?? '?'}, load generator ${r.clientCpuUsPerAnswer}` : '';
  return `${r.requests} requests, ${r.requestsPerSecond}/s, ${r.bytesPerAnswer} bytes each, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, errors ${r.errors}, unexpected ${r.unexpected}, ${JSON.stringify(r.statuses)}${cpu}`;
}

/** Waits until the imports queued by the load are written and matching's read model has every project. */
async function drain(stack: ServiceStack, db: Databases): Promise<void> {
  const t0 = Date.now();
  await waitFor(
    'the load to drain',
    async () => {
      const [jobs] = await db.query<{ n: number }>('project-registry', `SELECT count(*)::int AS n FROM import_job WHERE status IN ('queued', 'running')`).catch(() => [{ n: 0 }]);
      const [registry] = await db.query<{ n: number }>('project-registry', `SELECT count(*)::int AS n FROM project`);
      const [copy] = await db.query<{ n: number }>('matching', `SELECT count(*)::int AS n FROM project_view`);
      return jobs.n === 0 && registry.n === copy.n;
    },
    { timeoutMs: 600_000, intervalMs: 500 },
  );
  log(`the load drained ${Date.now() - t0} ms after it stopped`);
}

/**
 * One import of `count` new projects (one job); from the registry's outbox and the consumers' inboxes: how fast the
 * events went from the registry's write to matching's read model and reporting's feed.
 */
async function pipelineThroughput(stack: ServiceStack, db: Databases, count: number, tag = 'PIPE') {
  const registry = stack.service('project-registry').url;
  const [{ seq }] = await db.query<{ seq: string }>('project-registry', `SELECT coalesce(max(seq), 0)::text AS seq FROM outbox_event`);
  const rows = generateSeason({ seed: 9, scale: Math.ceil(count / 175) }).projects.slice(0, count).map((p, k) => ({ ...p, id: `${tag}${stack.runId}-${k}` }));
  log(`pipeline: importing ${rows.length} projects in one job`);
  const services = ['project-registry', 'matching', 'reporting'] as const;
  const metricsBefore = await Promise.all(services.map((s) => scrapeMetrics(stack.service(s).url)));
  const cpuBefore = await processCpu(stack, db);
  const t0 = Date.now();
  const res = await fetch(`${registry}/projects/imports?mode=all-or-nothing`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: projectsCsv(rows) });
  if (res.status !== 202) throw new Error(`import refused: ${res.status} ${await res.text()}`);
  const job = (await res.json()) as { id: string };
  await waitFor('the import job', async () => (await requestJson('GET', `${registry}/projects/imports/${job.id}`)).body.status === 'completed', { timeoutMs: 600_000, intervalMs: 100 });
  const jobMs = Date.now() - t0;
  const events = await db.query<{ event_id: string; created_at: Date; published_at: Date | null }>(
    'project-registry',
    `SELECT event_id, created_at, published_at FROM outbox_event WHERE seq > $1::bigint`,
    [seq],
  );
  const ids = events.map((e) => e.event_id);
  const reach = async (service: 'matching' | 'reporting') => {
    // The moment every event's transaction is visible (committed), seen by polling a cheap count every 20 ms; the
    // inbox's applied_at is its transaction's start, before the handlers' writes and the commit.
    await waitFor(
      `${service} to commit the import's events`,
      async () => (await db.query<{ n: number }>(service, `SELECT count(*)::int AS n FROM inbox_event WHERE applied_at >= $1`, [new Date(t0 - 50)]))[0].n >= ids.length,
      { timeoutMs: 600_000, intervalMs: 20 },
    );
    const committedAt = Date.now();
    const applied = await waitFor(
      `${service} to apply the import's events`,
      async () => {
        const list = await db.query<{ event_id: string; applied_at: Date }>(service, `SELECT event_id, applied_at FROM inbox_event WHERE event_id = ANY($1::uuid[])`, [ids]);
        return list.length >= ids.length ? list : undefined;
      },
      { timeoutMs: 600_000, intervalMs: 100 },
    );
    // A consumer can apply a batch before the relay's mark of it commits (the mark follows the broker's answer).
    const published = await waitFor(
      'the relay to mark the import published',
      async () => {
        const rows = await db.query<{ event_id: string; created_at: Date; published_at: Date | null }>('project-registry', `SELECT event_id, created_at, published_at FROM outbox_event WHERE seq > $1::bigint`, [seq]);
        return rows.every((r) => r.published_at !== null) ? (rows as Array<{ event_id: string; created_at: Date; published_at: Date }>) : undefined;
      },
      { timeoutMs: 600_000, intervalMs: 20 },
    );
    const byId = new Map(published.map((e) => [e.event_id, e]));
    const firstCreated = Math.min(...published.map((e) => new Date(e.created_at).getTime()));
    const firstPublished = Math.min(...published.map((e) => new Date(e.published_at).getTime()));
    const lastApplied = Math.max(...applied.map((a) => new Date(a.applied_at).getTime()));
    const fromPublish = applied.map((a) => new Date(a.applied_at).getTime() - new Date(byId.get(a.event_id)!.published_at).getTime());
    const lastPublished = Math.max(...published.map((e) => new Date(e.published_at).getTime()));
    const firstApplied = Math.min(...applied.map((a) => new Date(a.applied_at).getTime()));
    return {
      events: ids.length,
      // Where the time went: the relay's sends, the first event's way to the consumer, the consumer's span.
      relaySpanMs: lastPublished - firstPublished,
      firstAppliedAfterMs: firstApplied - firstPublished,
      applySpanMs: lastApplied - firstApplied,
      transactions: new Set(applied.map((a) => new Date(a.applied_at).getTime())).size,
      relayToReadModelEventsPerSecond: Math.round(ids.length / (Math.max(1, lastApplied - firstPublished) / 1000)),
      // The same, to the moment the last transaction was seen committed (the stricter figure).
      relayToCommittedEventsPerSecond: Math.round(ids.length / (Math.max(1, committedAt - firstPublished) / 1000)),
      writeToReadModelEventsPerSecond: Math.round(ids.length / (Math.max(1, lastApplied - firstCreated) / 1000)),
      publishedToAppliedMs: summarize(fromPublish),
    };
  };
  const [matching, reporting] = await Promise.all([reach('matching'), reach('reporting')]);
  const metricsAfter = await Promise.all(services.map((s) => scrapeMetrics(stack.service(s).url)));
  const cpuAfter = await processCpu(stack, db);
  const stages = pipelineStages(services, metricsBefore, metricsAfter);
  // CPU per event of each process from the import's start to the last commit (the import's own work included in the
  // registry and its database), which the machine's load does not inflate the way it inflates wall time.
  const cpuUsPerEvent = cpuPerEvent(cpuBefore, cpuAfter, ids.length);
  return { projects: rows.length, importJobMs: jobMs, matching, reporting, stages, cpuUsPerEvent };
}

/**
 * CPU time (ms, user + system) of the stack's service processes and of the PostgreSQL backends serving them (keyed
 * `postgres <service> <pid>`; the load script's own connections, application_name `load`, left out).
 */
async function processCpu(stack: ServiceStack, db: Databases): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, proc] of stack.services) if (proc.pid) out[name] = cpuMsOf(proc.pid);
  const byDatabase = new Map([...stack.services.keys()].map((s) => [new URL(stack.databaseUrl(s)).pathname.slice(1), s]));
  const backends = await db.query<{ pid: number; datname: string }>(
    'matching',
    `SELECT pid, datname FROM pg_stat_activity WHERE datname = ANY($1) AND application_name <> 'load'`,
    [[...byDatabase.keys()]],
  );
  for (const b of backends) out[`postgres ${byDatabase.get(b.datname)} ${b.pid}`] = cpuMsOf(b.pid);
  return out;
}

/** A process's (or one of its threads') CPU time so far in ms (from /proc; 0 when it is gone or not readable). */
function cpuMsOf(pid: number, statFile = `/proc/${pid}/stat`): number {
  try {
    const fields = readFileSync(statFile, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU ms per second of a window by service and by its database's backends, from two readings of processCpu. */
function cpuPerSecond(before: Record<string, number>, after: Record<string, number>, seconds: number): Record<string, number> {
  return Object.fromEntries(Object.entries(cpuPerEvent(before, after, 1)).map(([k, us]) => [k, Math.round(us / 1000 / Math.max(1, seconds))]));
}

/** CPU µs per event by service and by its database's backends, from two readings of processCpu. */
function cpuPerEvent(before: Record<string, number>, after: Record<string, number>, events: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    const group = k.startsWith('postgres ') ? k.split(' ').slice(0, 2).join(' ') : k;
    out[group] = (out[group] ?? 0) + v - (before[k] ?? 0);
  }
  return Object.fromEntries(Object.entries(out).map(([k, ms]) => [k, Math.round((ms * 1000) / Math.max(1, events))]));
}

const STAGES = {
  relay: ['lock', 'send', 'mark'],
  consumer: ['check', 'inbox', 'handlers', 'write', 'commit', 'offsets'],
} as const;

/**
 * Where a pipeline run's time went, from the services' stage counters (libs/messaging `events_pipeline_*`): per
 * service, the wall time of each stage per event (µs) and per transaction (ms), and the mean wait between a
 * message's send and its consumer's batch handler.
 */
function pipelineStages(services: readonly string[], before: string[], after: string[]) {
  return services.map((service, i) => {
    const delta = (name: string, labels: Record<string, string> = {}) => sumSamples(after[i], name, labels) - sumSamples(before[i], name, labels);
    const side = service === 'project-registry' ? 'relay' : 'consumer';
    const events = side === 'relay' ? delta('events_published_total') : delta('events_consumed_total');
    const transactions = delta('events_pipeline_transactions_total', { side });
    const perEventUs: Record<string, number> = {};
    const perTransactionMs: Record<string, number> = {};
    for (const stage of STAGES[side]) {
      const seconds = delta('events_pipeline_stage_seconds_total', { side, stage });
      perEventUs[stage] = Math.round((seconds * 1e6) / Math.max(1, events));
      perTransactionMs[stage] = Math.round((seconds * 1e4) / Math.max(1, transactions)) / 10;
    }
    const deliveryMs = side === 'consumer' ? Math.round(delta('events_consumer_delivery_seconds_total') * 1000 / Math.max(1, events)) : undefined;
    return { service, side, events, transactions, perEventUs, perTransactionMs, deliveryMs };
  });
}

/** The figures as Markdown tables, ready for docs/benchmarks.md (the phases that ran). */
function markdown(r: Record<string, any>): string {
  const out: string[] = [];
  const k = r.kafkaBaseline;
  const share = (rate: number) => `${Math.round((rate / k.consumedPerSecond) * 100)}%`;
  out.push('| path | events | events/s | of raw | detail |', '|---|---:|---:|---:|---|');
  out.push(`| raw kafkajs: idempotent producer (batches of ${k.batch}, acks all) to a consumer group | ${k.messages} | ${k.consumedPerSecond} | 100% | produce alone ${k.producedPerSecond}/s |`);
  const p = r.pipeline;
  if (p) {
    out.push(`| registry import → relay → Kafka → matching read model (from the relay's first send) | ${p.matching.events} | ${p.matching.relayToReadModelEventsPerSecond} | ${share(p.matching.relayToReadModelEventsPerSecond)} | to the last commit seen: ${p.matching.relayToCommittedEventsPerSecond}/s (${share(p.matching.relayToCommittedEventsPerSecond)}); from the import transaction's start: ${p.matching.writeToReadModelEventsPerSecond}/s; published → applied p50 ${p.matching.publishedToAppliedMs.p50} ms, p99 ${p.matching.publishedToAppliedMs.p99} ms |`);
    out.push(`| same events → reporting feed | ${p.reporting.events} | ${p.reporting.relayToReadModelEventsPerSecond} | ${share(p.reporting.relayToReadModelEventsPerSecond)} | to the last commit seen: ${p.reporting.relayToCommittedEventsPerSecond}/s (${share(p.reporting.relayToCommittedEventsPerSecond)}); published → applied p50 ${p.reporting.publishedToAppliedMs.p50} ms, p99 ${p.reporting.publishedToAppliedMs.p99} ms |`);
  }
  const round = r.round;
  if (round) {
    const t = round.timings ?? {};
    out.push(`| city round: matching's relay → Kafka → reporting (from the first send after the round's commit) | ${round.events} | ${round.reportingEventsPerSecond} | ${share(round.reportingEventsPerSecond)} | from round.started's send (the engine's time included): ${round.reportingEventsPerSecondFromStarted}/s (${share(round.reportingEventsPerSecondFromStarted)}); POST /rounds → complete report ${round.postToReportMs} ms (snapshot ${t.snapshotMs} ms, scoring ${t.scoringMs} ms, solving ${t.solvingMs} ms, storing ${t.storingMs} ms, publishing ${t.publishingMs} ms) |`);
  }
  if (p?.stages) {
    out.push('', '| service (median run) | events | transactions | stage: µs per event (ms per transaction) | delivery wait per event |', '|---|---:|---:|---|---:|');
    for (const st of p.stages) {
      const cells = Object.keys(st.perEventUs).map((k) => `${k} ${st.perEventUs[k]} (${st.perTransactionMs[k]})`).join(', ');
      out.push(`| ${st.service} (${st.side}) | ${st.events} | ${st.transactions} | ${cells} | ${st.deliveryMs === undefined ? '' : `${st.deliveryMs} ms`} |`);
    }
    const cpu = Object.entries(p.cpuUsPerEvent as Record<string, number>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k} ${v}`).join(', ');
    out.push('', `CPU µs per event from the import's start to the last commit (median run; the broker not counted): ${cpu}; raw kafkajs client (producer and consumer in one process): ${k.cpuUsPerMessage} µs per message.`);
  }
  if (r.kafkaFanOut) {
    const f = r.kafkaFanOut;
    out.push('', `Raw kafkajs with the pipeline's fan-out (the same messages read by ${f.groups} consumer groups in one process, after the pairs): ${f.consumedPerSecond} messages/s to the last group (${Math.round((f.consumedPerSecond / k.consumedPerSecond) * 100)}% of the single group's rate above), ${f.cpuUsPerMessage} µs of client CPU per message.`);
  }
  if (r.pipelineShares) {
    const pairs = (r.pipelineShares as Array<Record<string, number>>).map((x) => `raw ${x.raw}/s: matching ${x.matching}/s (${x.matchingShare}%; to commit ${x.matchingCommittedShare}%), reporting ${x.reporting}/s (${x.reportingShare}%; to commit ${x.reportingCommittedShare}%)`);
    out.push('', `${pairs.length} runs, each pipeline run right after its own raw baseline (the tables show the run with the median share, beside its own baseline): ${pairs.join('; ')}. Where the matching run's time went (median run): the relay's sends ${p.matching.relaySpanMs} ms, the first event applied ${p.matching.firstAppliedAfterMs} ms after the first send, the consumer applying ${p.matching.events} events in ${p.matching.transactions} transactions over ${p.matching.applySpanMs} ms.`);
  }
  if (r.httpLoad) {
    out.push('', '| endpoint (while rounds run) | connections | requests | req/s | p50 ms | p99 ms | errors | statuses |', '|---|---:|---:|---:|---:|---:|---:|---|');
    for (const l of [r.httpLoad.idleDecisions, r.httpLoad.idleLiveness, r.httpLoad.imports, r.httpLoad.decisions, r.httpLoad.liveness] as LoadResult[]) out.push(loadRow(l));
    const d = r.httpLoad.decisions as LoadResult;
    const idle = r.httpLoad.idleDecisions as LoadResult;
    const locks = r.httpLoad.lockSamples;
    out.push('', `accept/decline p99 while rounds run / with nothing else running: ${(d.latencyMs.p99 / Math.max(0.1, idle.latencyMs.p99)).toFixed(2)}x (p50 ${(d.latencyMs.p50 / Math.max(0.1, idle.latencyMs.p50)).toFixed(2)}x).`);
    out.push('', `${r.httpLoad.roundsDuringLoad} what-if rounds completed during the load (p50 ${r.httpLoad.roundMs.p50} ms); sessions of matching's database waiting on a lock in ${locks.withWaiters} of ${locks.samples} samples (100 ms apart, at most ${locks.maxWaiters} at once).`);
    out.push('', '| matching (same windows) | event-loop delay p99 ms | max ms | event loop CPU ms/s | other threads CPU ms/s |', '|---|---:|---:|---:|---:|');
    for (const [name, l] of [['nothing else running', r.httpLoad.idleLoop], ['while rounds run', r.httpLoad.loadLoop]] as Array<[string, LoopFigures]>) {
      out.push(`| ${name} | ${l.delayP99Ms} | ${l.delayMaxMs} | ${l.loopCpuMsPerS} | ${l.otherThreadsCpuMsPerS} |`);
    }
    const perS = (cpu: Record<string, number>) => Object.entries(cpu).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k} ${v}`).join(', ');
    out.push('', `The stack's CPU ms per second (the broker not counted): nothing else running: ${perS(r.httpLoad.idleStackCpu)}; while rounds run: ${perS(r.httpLoad.loadStackCpu)}.`);
  }
  if (r.reads) {
    const { ping, rows } = r.reads as { ping: MeasuredLoad; rows: ReadRow[] };
    const pct = (a: number, b: number) => `${Math.round((a / b) * 100)}%`;
    const cpu = (l: MeasuredLoad) => l.serverCpuUsPerAnswer ?? '?';
    out.push(
      '',
      '| HTTP read (nothing else running) | req/s | of /ping | the same bytes from the minimal app: req/s | of the same bytes | bytes per answer | CPU µs per answer: server (same bytes) | load generator CPU µs per answer | service CPU ms/s while idle | p50 / p99 ms | errors |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
      `| ${ping.name} | ${ping.requestsPerSecond} | 100% | | | ${ping.bytesPerAnswer} | ${cpu(ping)} | ${ping.clientCpuUsPerAnswer} | | ${ping.latencyMs.p50} / ${ping.latencyMs.p99} | ${ping.errors + ping.unexpected} |`,
    );
    for (const { read, sameBytes, serviceIdleCpuMsPerSecond } of rows) {
      out.push(
        `| ${read.name} | ${read.requestsPerSecond} | ${pct(read.requestsPerSecond, ping.requestsPerSecond)} | ${sameBytes.requestsPerSecond} | ${pct(read.requestsPerSecond, sameBytes.requestsPerSecond)} | ${read.bytesPerAnswer} | ${cpu(read)} (${cpu(sameBytes)}) | ${read.clientCpuUsPerAnswer} (${sameBytes.clientCpuUsPerAnswer}) | ${serviceIdleCpuMsPerSecond} | ${read.latencyMs.p50} / ${read.latencyMs.p99} | ${read.errors + read.unexpected + sameBytes.errors + sameBytes.unexpected} |`,
      );
    }
  }
  if (r.catchup) {
    out.push('', '| reporting catching up on a round\'s events | events | ms | events/s | ms/event |', '|---|---:|---:|---:|---:|');
    for (const c of r.catchup) out.push(`| ${c.setting} | ${c.events} | ${c.ms} | ${c.eventsPerSecond} | ${c.msPerEvent} |`);
  }
  return out.join('\n');
}

/** The element whose `value` is the median (the lower one of an even count). */
function medianBy<T>(list: readonly T[], value: (item: T) => number): T {
  return [...list].sort((a, b) => value(a) - value(b))[Math.floor((list.length - 1) / 2)];
}

function loadRow(l: LoadResult, share?: string): string {
  const statuses = Object.entries(l.statuses).map(([s, n]) => `${s}: ${n}`).join(', ');
  return `| ${l.name} | ${l.connections} | ${l.requests} | ${l.requestsPerSecond} |${share ? ` ${share} |` : ''} ${l.latencyMs.p50} | ${l.latencyMs.p99} | ${l.errors + l.unexpected} | ${statuses} |`;
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`load: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}

