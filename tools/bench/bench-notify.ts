/**
 * NOTIFY inside a transaction against NOTIFY after its commit (`npm run bench:notify`): N connections each commit
 * small write transactions (BEGIN; INSERT; COMMIT) for a few seconds, in three ways, alternating: without NOTIFY,
 * with `pg_notify` inside the transaction (what the outbox did), and with `pg_notify` after the commit in a statement
 * of its own with synchronous_commit off (CommitNotices). Prints transactions per second and latency per way.
 * Uses a scratch database on the harness's PostgreSQL (CIVIC_TEST_POSTGRES_URL, else 127.0.0.1:5432) and drops it.
 *
 *   npm run bench:notify -- [--connections 8] [--seconds 4] [--rounds 2]
 */
import { dropDatabase, ensureDatabase } from '@civic/persistence';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { readToolArgs } from '../cli/cli-args';

const USAGE = 'usage: npm run bench:notify -- [--connections 8] [--seconds 4] [--rounds 2]';

type Way = 'no NOTIFY' | 'NOTIFY inside the transaction' | 'NOTIFY after the commit';

async function run(url: string, way: Way, connections: number, ms: number): Promise<string> {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const latencies: number[] = [];
  const end = Date.now() + ms;
  await Promise.all(
    clients.map(async (c) => {
      while (Date.now() < end) {
        const t0 = performance.now();
        await c.query('BEGIN');
        await c.query('INSERT INTO item VALUES (1)');
        if (way === 'NOTIFY inside the transaction') await c.query(`SELECT pg_notify('bench_notify', '')`);
        await c.query('COMMIT');
        if (way === 'NOTIFY after the commit') await c.query(`SELECT set_config('synchronous_commit', 'off', true), pg_notify('bench_notify', '')`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  await Promise.all(clients.map((c) => c.end()));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  return `| ${way} | ${connections} | ${Math.round(latencies.length / (ms / 1000))} | ${at(0.5)} | ${at(0.99)} | ${load} |`;
}

async function main(argv: readonly string[]): Promise<void> {
  const args = readToolArgs(argv, { values: ['connections', 'seconds', 'rounds'] }, USAGE);
  const connections = args.int('connections', 8, 1);
  const seconds = args.number('seconds', 4, 0.1);
  const rounds = args.int('rounds', 2, 1);
  const server = (process.env.CIVIC_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
  const url = `${server}/civic_bench_notify_${process.pid}`;
  await ensureDatabase(url);
  try {
    const setup = new Client({ connectionString: url });
    await setup.connect();
    await setup.query('CREATE TABLE item (x int)');
    await setup.end();
    process.stdout.write('| way | connections | transactions/s | p50 ms | p99 ms | load average |\n|---|---:|---:|---:|---:|---:|\n');
    for (let r = 0; r < rounds; r++) {
      for (const way of ['no NOTIFY', 'NOTIFY inside the transaction', 'NOTIFY after the commit'] as const) {
        process.stdout.write(`${await run(url, way, connections, seconds * 1000)}\n`);
      }
    }
  } finally {
    await dropDatabase(url);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`bench:notify failed: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  });
}
