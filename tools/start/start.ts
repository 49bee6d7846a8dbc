/**
 * `npm start`: the main job on one machine. Brings up the infrastructure (PostgreSQL databases, Redis, the local
 * Kafka broker, a local SMTP server with a web inbox: MailDev), starts the five services, imports the Shanghai season
 * through the registries' import endpoints (and each university's coordinator), waits until matching's read model has
 * it (through Kafka), runs one optimal matching round the programme's way (one university's team per project, each
 * university leading at most the season's limit), then a what-if round with mixed teams for the price of the policy,
 * waits for reporting's report of both and for the notifications service's digests in the inbox (all built from
 * events), and prints a summary with the inbox's address. With `--once` it exits 0 when done and the
 * last line is `SUMMARY {json}`; otherwise the services keep running until Ctrl-C.
 * Each run starts from empty databases (dropped and created again), so its round matches the whole season: a round
 * takes what earlier rounds hold as given, and an earlier run's proposals would leave it nothing to do. Only databases
 * a local stack created (marked so) are dropped; any other of the same name stops the run. `--keep-data` keeps the
 * databases (the import then changes nothing, and the round fills only what is left).
 * Ports, database names, the Redis namespace and the topic prefix come from the settings (tools/service/
 * local-settings.ts), so a second stack can run beside the first on the same servers.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateSeason, seasonUniversityLimits } from '@civic/catalogue';
import { MailInbox, REPO_ROOT, requestJson, SERVICE_NAMES, ServiceProcess, waitFor } from '@civic/testing';
import { createClient } from 'redis';
import { readToolArgs } from '../cli/cli-args';
import { importSeason } from '../import/import-season';
import { importToken } from '../import/import-token';
import { startConsole } from './console';
import { localDatabaseUrl, localPort, localServiceEnv, localSettings } from '../service/local-settings';
import { createOwnDatabase, databaseState, dropOwnDatabase, OWN_DATABASE_MARK } from '../service/own-databases';

/** MailDev's SMTP port and web inbox. */
const MAIL_PORTS = { smtp: 1025, web: 1080 } as const;
/** Who gets the administrators' mails in a local run. */
const LOCAL_ADMIN = 'admin@example.org';

interface Step {
  step: string;
  ms: number;
}

async function main(): Promise<void> {
  const { flags } = readToolArgs(process.argv.slice(2), { values: [], flags: ['once', 'keep-data'] }, 'usage: npm start [-- --once] [--keep-data]');
  const once = flags.has('once');
  const keepData = flags.has('keep-data');
  const settings = localSettings(process.env);
  const redisUrl = settings.redisUrl;
  const steps: Step[] = [];
  const timed = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    log(`${step}...`);
    const value = await fn();
    steps.push({ step, ms: Date.now() - t0 });
    log(`${step}: done in ${Date.now() - t0} ms`);
    return value;
  };

  // The console first, so its address is the first thing printed (it serves its pages before the services are up).
  const logDir = resolve(REPO_ROOT, '.data/logs', settings.portBase === 3000 ? '' : String(settings.portBase));
  mkdirSync(logDir, { recursive: true });
  const webConsole = await startConsole(settings, resolve(logDir, 'console.log'));
  log(`console: ${webConsole.url} (sign in as the administrator or a university's coordinator)`);

  await timed('infrastructure', async () => {
    const urls = SERVICE_NAMES.map((name) => localDatabaseUrl(settings, name));
    if (!keepData) {
      // Every database is checked before any is dropped: one that is not the local stack's stops the run untouched.
      const foreign = (await Promise.all(urls.map(async (url) => ((await databaseState(url)) === 'foreign' ? new URL(url).pathname.slice(1) : undefined)))).filter(Boolean);
      if (foreign.length) {
        fail(
          `database(s) ${foreign.join(', ')} exist and were not created by a local stack, so they are not dropped: choose other names with ` +
            `CIVIC_DATABASE_PREFIX, keep their data with --keep-data, or, if they are yours to lose, drop them yourself (or mark them: COMMENT ON DATABASE <name> IS '${OWN_DATABASE_MARK}')`,
        );
      }
      for (const url of urls) await dropOwnDatabase(url);
    }
    for (const url of urls) await createOwnDatabase(url);
    const redis = createClient({ url: redisUrl, socket: { connectTimeout: 2000, reconnectStrategy: false } });
    redis.on('error', () => undefined);
    await redis.connect().catch((e: Error) => fail(`Redis at ${redisUrl} does not answer (${e.message}); see README, "Infrastructure"`));
    await redis.close();
    // The local broker, unless KAFKA_BROKERS names one elsewhere.
    if (!process.env.KAFKA_BROKERS) execFileSync('bash', [resolve(REPO_ROOT, 'deploy/kafka/kafka.sh'), 'start'], { stdio: 'inherit' });
  });
  const inbox = await timed('mail inbox (MailDev)', () => MailInbox.start(MAIL_PORTS));

  // A stack on other ports keeps its logs apart (logDir, above).
  const services = SERVICE_NAMES.map(
    (name) =>
      new ServiceProcess(
        name,
        localPort(settings, name),
        {
          ...localServiceEnv(settings, name),
          LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
          ...(name === 'notifications' ? { SMTP_URL: inbox.smtpUrl, ADMIN_EMAILS: process.env.ADMIN_EMAILS ?? LOCAL_ADMIN, CONSOLE_BASE_URL: process.env.CONSOLE_PUBLIC_URL ?? webConsole.url } : {}),
        },
        resolve(logDir, `${name}.log`),
      ),
  );
  const auth = await importToken(undefined, process.env);
  if ('error' in auth) fail(auth.error);
  const stopAll = () => Promise.all([...services.map((s) => s.stop()), inbox.close(), webConsole.stop()]);
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  process.once('SIGTERM', () => void stopAll().then(() => process.exit(143)));

  try {
    await timed('services', () => Promise.all(services.map((s) => s.start())));
    const season = generateSeason({ seed: 1, scale: 1 });
    const imported = await timed('import Shanghai season', () =>
      importSeason(season, {
        registryUrl: services[0].url,
        expertPoolUrl: services[1].url,
        token: auth.token,
        onProgress: (file, job) => log(`  ${file}: ${job.status}, ${job.counts.checked}/${job.counts.total} checked, ${job.counts.imported} imported, ${job.counts.rejected} rejected`),
      }),
    );
    const counts = (job: { counts: { created: number; updated: number; unchanged: number } }) => ({
      created: job.counts.created,
      updated: job.counts.updated,
      unchanged: job.counts.unchanged,
    });
    const seeded = { projects: counts(imported.projects), teachers: counts(imported.teachers), students: counts(imported.students) };
    const readModel = await timed('read model through Kafka', () =>
      waitFor(
        "matching's read model to hold the season",
        async () => {
          const { body } = await requestJson(`GET`, `${services[2].url}/read-model/summary`);
          return body.projects.active >= season.projects.length &&
            body.experts.teachers >= season.teachers.length &&
            body.experts.students >= season.students.length
            ? body
            : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 250 },
      ),
    );
    const universityLimits = seasonUniversityLimits(season);
    const runRound = async (request: Record<string, unknown>) => {
      const started = await requestJson('POST', `${services[2].url}/rounds`, request);
      if (started.status >= 300) fail(`POST /rounds answered ${started.status}: ${JSON.stringify(started.body)}`);
      return waitFor(
        'the round to complete',
        async () => {
          const { body } = await requestJson('GET', `${services[2].url}/rounds/${started.body.roundId}`);
          if (body.status === 'failed') fail(`round ${body.roundId} failed: ${body.error}`);
          return body.status === 'completed' ? body : undefined;
        },
        { timeoutMs: 180_000, intervalMs: 100 },
      );
    };
    const round = await timed('optimal round, one-university teams', () =>
      // Published at once (no draft to review), so the summary is the round's as proposed.
      runRound({ strategy: 'optimal', publishAtOnce: true, options: { teamPolicy: 'one-university', universityLimits } }),
    );
    const report = await timed('report through Kafka', () =>
      waitFor(
        "reporting's complete report of the round",
        async () => {
          const { status, body } = await requestJson('GET', `${services[3].url}/rounds/${round.roundId}/report`);
          return status === 200 && body.complete ? body : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 100 },
      ),
    );
    // The price of the policy: the same season matched with mixed teams, as a what-if that proposes nothing.
    const mixed = await timed('what-if round, mixed teams', () => runRound({ strategy: 'optimal', dryRun: true, options: { teamPolicy: 'mixed' } }));
    const policyComparison = await timed('price of the policy through Kafka', () =>
      waitFor(
        "reporting's comparison of the two policies",
        async () => {
          const { status, body } = await requestJson('GET', `${services[3].url}/rounds/${round.roundId}/report`);
          return status === 200 && body.policyComparison?.mixed.roundId === mixed.roundId ? body.policyComparison : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 100 },
      ),
    );
    const price = policyComparison.priceOfPolicy as { coverage: number; weight: number };
    // One digest per university with proposals and coordinators (each university has one), plus the administrator's mail.
    const universities = new Set((report.byUniversity as Array<{ key: string; proposedEver: number }>).filter((u) => u.proposedEver > 0).map((u) => u.key));
    const mails = await timed('digests through Kafka and SMTP', () =>
      waitFor(
        'a digest per university in the inbox',
        async () => {
          const received = await inbox.mails();
          const digests = received.filter((m) => m.headers['x-civic-kind'] === 'digest' && m.headers['x-civic-cause']?.startsWith(`digest:${round.roundId}:`));
          return digests.length >= universities.size ? { received: received.length, digests: digests.length } : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 250 },
      ),
    );
    const summary = {
      season: { seed: season.seed, scale: season.scale },
      seeded,
      matchingReadModel: readModel,
      round: {
        roundId: round.roundId,
        objective: round.summary?.objective,
        certificate: round.summary?.certificate,
        projects: report.totals.projects,
        projectsAtMinimum: report.totals.projectsAtMinimum,
        coverageRatio: report.totals.coverageRatio,
        assignments: report.totals.assignments.total,
        unfilledSlots: report.unfilled.length,
        teamPolicy: report.teamPolicy,
        teams: report.teams.length,
        teamsPerUniversity: report.byLeadUniversity.map(
          (u: { universityId: string; projectsLed: number; maxProjects: number | null; teachers: number; students: number; peoplePlaced: number }) => ({
            university: u.universityId,
            projects: u.projectsLed,
            maxProjects: u.maxProjects,
            teachers: u.teachers,
            students: u.students,
            peoplePlaced: u.peoplePlaced,
          }),
        ),
        coverageByDistrict: report.byDistrict.map((d: { key: string; projects: number; projectsAtMinimum: number; coverageRatio: number }) => ({
          district: d.key,
          projects: d.projects,
          atMinimum: d.projectsAtMinimum,
          coverage: d.coverageRatio,
        })),
      },
      priceOfPolicy: {
        mixed: { roundId: mixed.roundId, coverage: policyComparison.mixed.coverage, weight: policyComparison.mixed.weight },
        oneUniversity: { coverage: policyComparison.oneUniversity.coverage, weight: policyComparison.oneUniversity.weight },
        coverageLost: price.coverage,
        weightLost: price.weight,
        weightLostPct: policyComparison.mixed.weight ? Math.round((10_000 * price.weight) / policyComparison.mixed.weight) / 100 : 0,
      },
      mail: { inbox: inbox.webUrl, smtp: inbox.smtpUrl, received: mails.received, digests: mails.digests, universitiesWithProposals: universities.size },
      console: webConsole.url,
      services: Object.fromEntries(services.map((s) => [s.name, s.url])),
      steps,
    };
    log(`console: ${webConsole.url}`);
    log(`services: ${services.map((s) => `${s.name} ${s.url} (docs at ${s.url}/docs)`).join(', ')}`);
    log(`mail inbox: ${inbox.webUrl} (${mails.received} mails: ${mails.digests} digests of round ${round.roundId}, one per university, and the administrators')`);
    if (once) {
      await stopAll();
      process.stdout.write(`SUMMARY ${JSON.stringify(summary)}\n`);
      process.exit(0);
    }
    process.stdout.write(`SUMMARY ${JSON.stringify(summary)}\n`);
    log(`running; logs in ${logDir}; Ctrl-C stops the services`);
  } catch (e) {
    process.stderr.write(`start failed: ${(e as Error).message}\n`);
    await stopAll();
    process.exit(1);
  }
}

function log(message: string): void {
  process.stderr.write(`[start] ${message}\n`);
}

function fail(message: string): never {
  throw new Error(message);
}

main().catch((e: Error) => {
  process.stderr.write(`start failed: ${e.message}\n`);
  process.exit(1);
});
