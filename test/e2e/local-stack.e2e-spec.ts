import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase } from '@civic/persistence';
import { REPO_ROOT, testInfrastructure, uniqueRunId, waitFor } from '@civic/testing';
import { createOwnDatabase, databaseState, dropOwnDatabase } from '../../tools/service/own-databases';

/**
 * The local stack's tools on the real PostgreSQL: `npm run service -- <name>` starts one service with the local
 * settings (here moved to other ports, databases and namespaces, as a second stack beside the first would be) and
 * answers its probes; the databases npm start drops are only those a local stack created for itself.
 */
describe('local stack: one service at a time, and only its own databases dropped', () => {
  const runId = uniqueRunId('l');
  let postgresUrl: string;

  beforeAll(async () => {
    postgresUrl = (await testInfrastructure()).postgresUrl;
  });

  it('drops a database it created (marked) and refuses to drop one of the same kind it did not create', async () => {
    const own = `${postgresUrl}/civic_${runId}_own`;
    const foreign = `${postgresUrl}/civic_${runId}_foreign`;
    await ensureDatabase(foreign);
    try {
      await createOwnDatabase(own);
      expect(await databaseState(own)).toBe('own');
      expect(await databaseState(foreign)).toBe('foreign');
      await expect(dropOwnDatabase(foreign)).rejects.toThrow(/exists and was not created by a local stack: it is not dropped/);
      expect(await databaseState(foreign)).toBe('foreign');
      await createOwnDatabase(foreign); // exists: left as it is, not marked
      expect(await databaseState(foreign)).toBe('foreign');
      await dropOwnDatabase(own);
      expect(await databaseState(own)).toBe('absent');
    } finally {
      await dropDatabase(own);
      await dropDatabase(foreign);
    }
  });

  it('`npm run service -- project-registry` starts that one service on the configured port and database, and answers its probes', async () => {
    const infra = await testInfrastructure();
    const portBase = 14000 + Math.floor(Math.random() * 400) * 10;
    const prefix = `civic_${runId}_`;
    const child = spawn(process.execPath, ['-r', resolve(REPO_ROOT, 'tools/register-paths.js'), resolve(REPO_ROOT, 'dist/tools/service/service.js'), 'project-registry'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        CIVIC_PORT_BASE: String(portBase),
        CIVIC_DATABASE_PREFIX: prefix,
        CIVIC_POSTGRES_URL: infra.postgresUrl,
        REDIS_URL: infra.redisUrl,
        REDIS_NAMESPACE: `civic-${runId}`,
        KAFKA_BROKERS: infra.kafkaBrokers,
        KAFKA_TOPIC_PREFIX: `${runId}.`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<string>((r) => child.once('exit', (code, signal) => r(signal ?? `exit ${code}`)));
    const url = `http://127.0.0.1:${portBase + 1}`;
    try {
      await waitFor('the service to be ready', async () => (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200, { timeoutMs: 90_000, intervalMs: 100 }).catch((e) => {
        throw new Error(`${(e as Error).message}\n${output}`);
      });
      expect(output).toContain(`project-registry: port ${portBase + 1}, database ${prefix}registry, Redis namespace civic-${runId}`);
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
      const health = await (await fetch(`${url}/health`)).json();
      expect(health).toMatchObject({ status: 'up', checks: { database: { status: 'up' }, kafka: { status: 'up' }, redis: { status: 'up' } } });
      // Its database exists, created for the local stack, with the service's tables.
      const db = new Client({ connectionString: `${infra.postgresUrl}/${prefix}registry` });
      await db.connect();
      const tables = (await db.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'project'`)).rows[0].n;
      await db.end();
      expect(tables).toBe(1);
      expect(await databaseState(`${infra.postgresUrl}/${prefix}registry`)).toBe('own');
    } finally {
      child.kill('SIGTERM');
      // Nest closes the application, then re-raises the signal on itself.
      expect(await exited).toBe('SIGTERM');
      await dropDatabase(`${infra.postgresUrl}/${prefix}registry`);
    }
  });
});
