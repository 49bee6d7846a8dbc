/**
 * The fault suite's own Kafka broker, PostgreSQL cluster and Redis server, on ports of their own: the suite kills
 * and restarts them, so it must never touch the shared instances other engineers' tests use (5432, 6379, 9092).
 *
 * Only Node built-ins here: Jest's global setup loads this file outside the module mapper.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_ROOT = findRepoRoot(__dirname);
const PG_BIN = process.env.CIVIC_FAULTS_PG_BIN ?? '/usr/lib/postgresql/15/bin';

function findRepoRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(resolve(dir, 'nx.json'))) return dir;
  throw new Error(`no nx.json above ${from}`);
}

/** Where the suite keeps data and logs, and its ports; written to the environment by the global setup. */
export interface FaultLayout {
  dir: string;
  kafkaDataDir: string;
  kafkaPort: number;
  kafkaControllerPort: number;
  postgresPort: number;
  redisPort: number;
}

/** The layout the global setup chose (from the environment), for test files. */
export function faultLayout(): FaultLayout {
  const env = process.env;
  const need = (name: string) => {
    const v = env[name];
    if (!v) throw new Error(`${name} is not set: run the fault suite with \`npm run test:faults\``);
    return v;
  };
  return {
    dir: need('CIVIC_FAULTS_DIR'),
    kafkaDataDir: need('CIVIC_FAULTS_KAFKA_DATA_DIR'),
    kafkaPort: Number(need('CIVIC_FAULTS_KAFKA_PORT')),
    kafkaControllerPort: Number(need('CIVIC_FAULTS_KAFKA_CONTROLLER_PORT')),
    postgresPort: Number(need('CIVIC_FAULTS_POSTGRES_PORT')),
    redisPort: Number(need('CIVIC_FAULTS_REDIS_PORT')),
  };
}

/** Puts the layout and the harness's CIVIC_TEST_* variables in `env`. */
export function exportLayout(layout: FaultLayout, env: NodeJS.ProcessEnv = process.env): void {
  env.CIVIC_FAULTS_DIR = layout.dir;
  env.CIVIC_FAULTS_KAFKA_DATA_DIR = layout.kafkaDataDir;
  env.CIVIC_FAULTS_KAFKA_PORT = String(layout.kafkaPort);
  env.CIVIC_FAULTS_KAFKA_CONTROLLER_PORT = String(layout.kafkaControllerPort);
  env.CIVIC_FAULTS_POSTGRES_PORT = String(layout.postgresPort);
  env.CIVIC_FAULTS_REDIS_PORT = String(layout.redisPort);
  const infra = new FaultInfrastructure(layout);
  env.CIVIC_TEST_KAFKA_BROKERS = infra.kafka.brokers;
  env.CIVIC_TEST_POSTGRES_URL = infra.postgres.url;
  env.CIVIC_TEST_REDIS_URL = infra.redis.url;
}

/** True when nothing listens on 127.0.0.1:port. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

/** The first base port (stepping by `step`) whose `count` consecutive ports are all free. */
export async function freePorts(base: number, count: number, step = 10, tries = 50): Promise<number> {
  for (let i = 0; i < tries; i++) {
    const p = base + i * step;
    const free = await Promise.all(Array.from({ length: count }, (_, k) => portFree(p + k)));
    if (free.every(Boolean)) return p;
  }
  throw new Error(`no ${count} free ports from ${base}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The suite's Kafka broker, driven by deploy/kafka/kafka.sh with its own port and data dir. */
export class FaultKafka {
  constructor(private readonly layout: FaultLayout) {}

  get brokers(): string {
    return `127.0.0.1:${this.layout.kafkaPort}`;
  }

  private async sh(command: string, timeoutMs = 240_000): Promise<string> {
    const { stdout, stderr } = await run('bash', [resolve(REPO_ROOT, 'deploy/kafka/kafka.sh'), command], {
      cwd: REPO_ROOT,
      timeout: timeoutMs,
      env: {
        ...process.env,
        KAFKA_PORT: String(this.layout.kafkaPort),
        KAFKA_CONTROLLER_PORT: String(this.layout.kafkaControllerPort),
        KAFKA_DATA_DIR: this.layout.kafkaDataDir,
        KAFKA_START_TIMEOUT: process.env.KAFKA_START_TIMEOUT ?? '180',
      },
    });
    return `${stdout}${stderr}`;
  }

  start(): Promise<string> {
    return this.sh('start');
  }

  /** SIGKILL: the broker dies with requests in flight; its data stays. */
  kill9(): Promise<string> {
    return this.sh('kill9');
  }

  stop(): Promise<string> {
    return this.sh('stop');
  }

  wipe(): Promise<string> {
    return this.sh('wipe');
  }
}

/** The suite's PostgreSQL cluster (initdb/pg_ctl as the postgres OS user when run as root). */
export class FaultPostgres {
  constructor(private readonly layout: FaultLayout) {}

  /** Owned by the postgres OS user: the cluster's data and its log. */
  private get home(): string {
    return resolve(this.layout.dir, 'pg');
  }

  get dataDir(): string {
    return resolve(this.home, 'data');
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.layout.postgresPort}`;
  }

  private asOwner(cmd: string, args: string[], timeoutMs = 120_000) {
    const root = process.getuid?.() === 0;
    return root ? run('runuser', ['-u', 'postgres', '--', cmd, ...args], { timeout: timeoutMs }) : run(cmd, args, { timeout: timeoutMs });
  }

  /** Creates the cluster if it does not exist yet. */
  async init(): Promise<void> {
    if (existsSync(resolve(this.dataDir, 'PG_VERSION'))) return;
    mkdirSync(this.dataDir, { recursive: true });
    if (process.getuid?.() === 0) await run('chown', ['-R', 'postgres:postgres', this.home]);
    await this.asOwner(`${PG_BIN}/initdb`, ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '--no-sync']);
  }

  async start(): Promise<void> {
    const options = `-p ${this.layout.postgresPort} -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_buffers=64MB`;
    await this.asOwner(`${PG_BIN}/pg_ctl`, ['-D', this.dataDir, '-o', options, '-l', resolve(this.home, 'postgres.log'), '-w', '-t', '120', 'start']);
  }

  /** Stops the cluster: `immediate` is a crash (no checkpoint, clients cut off), `fast` a clean shutdown. */
  async stop(mode: 'immediate' | 'fast' = 'fast'): Promise<void> {
    if (!this.running()) return;
    await this.asOwner(`${PG_BIN}/pg_ctl`, ['-D', this.dataDir, '-m', mode, '-w', '-t', '120', 'stop']).catch((e) => {
      if (this.running()) throw e;
    });
  }

  /** True when the postmaster's pid file names a live process. */
  running(): boolean {
    const pidFile = resolve(this.dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return false;
    return processAlive(Number(readFileSync(pidFile, 'utf8').split('\n')[0]));
  }
}

/** The suite's Redis server (no persistence: a restart starts empty, like a lost cache). */
export class FaultRedis {
  constructor(private readonly layout: FaultLayout) {}

  get url(): string {
    return `redis://127.0.0.1:${this.layout.redisPort}`;
  }

  private get pidFile(): string {
    return resolve(this.layout.dir, 'redis.pid');
  }

  async start(): Promise<void> {
    await run('redis-server', [
      '--port', String(this.layout.redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
      '--daemonize', 'yes', '--pidfile', this.pidFile, '--logfile', resolve(this.layout.dir, 'redis.log'),
    ]);
    for (let i = 0; i < 80; i++) {
      const { stdout } = await run('redis-cli', ['-p', String(this.layout.redisPort), 'ping']).catch(() => ({ stdout: '' }));
      if (stdout.trim() === 'PONG') return;
      await sleep(100);
    }
    throw new Error(`redis did not answer on ${this.layout.redisPort}`);
  }

  /** SIGKILL: Redis vanishes with its keys (the round lock among them). */
  async kill9(): Promise<void> {
    const pid = this.pid();
    if (pid === undefined) return;
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 100 && processAlive(pid); i++) await sleep(50);
    rmSync(this.pidFile, { force: true });
  }

  private pid(): number | undefined {
    if (!existsSync(this.pidFile)) return undefined;
    const pid = Number(readFileSync(this.pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && processAlive(pid) ? pid : undefined;
  }
}

/** Whether a process with this pid exists (signal 0 only checks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The three servers of one layout. */
export class FaultInfrastructure {
  readonly kafka: FaultKafka;
  readonly postgres: FaultPostgres;
  readonly redis: FaultRedis;

  constructor(readonly layout: FaultLayout) {
    this.kafka = new FaultKafka(layout);
    this.postgres = new FaultPostgres(layout);
    this.redis = new FaultRedis(layout);
  }

  /** Starts whatever is down (each call is idempotent); a test calls it when it is done breaking things. */
  async ensureUp(): Promise<void> {
    await Promise.all([
      this.kafka.start(),
      (async () => {
        await this.postgres.init();
        if (!this.postgres.running()) await this.postgres.start();
      })(),
      (async () => {
        if (!(await portFree(this.layout.redisPort))) return;
        await this.redis.start();
      })(),
    ]);
  }

  /** Stops all three and deletes their data (unless CIVIC_FAULTS_KEEP=1). */
  async destroy(): Promise<void> {
    const keep = process.env.CIVIC_FAULTS_KEEP === '1';
    await Promise.allSettled([keep ? this.kafka.stop() : this.kafka.wipe(), this.postgres.stop('immediate'), this.redis.kill9()]);
    if (!keep) rmSync(resolve(this.postgres.dataDir, '..'), { recursive: true, force: true });
  }
}
