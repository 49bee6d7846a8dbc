import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase } from '@civic/persistence';
import { SERVICE_NAMES, ServiceName, ServiceProcess, uniqueRunId } from '@civic/testing';
import { FaultInfrastructure, faultLayout, freePorts } from './fault-infrastructure';

const DATABASE_OF: Record<ServiceName, string> = {
  'project-registry': 'registry',
  'expert-pool': 'experts',
  matching: 'matching',
  reporting: 'reporting',
  notifications: 'notifications',
};

export interface FaultStackOptions {
  /** Replicas per service (0 leaves it out); every service but notifications (which needs an SMTP server) once by default. */
  replicas?: Partial<Record<ServiceName, number>>;
  /** Environment for every service. */
  env?: Record<string, string>;
  /** Environment for one service's replicas. */
  envOf?: Partial<Record<ServiceName, Record<string, string>>>;
}

/** Settings that make faults show within a test's time: quick retries, no rate limit in the way of the load. */
export const FAULT_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: process.env.CIVIC_TEST_LOG_LEVEL ?? 'warn',
  CONSUMER_RETRY_BASE_MS: '200',
  CONSUMER_RETRY_MAX_MS: '2000',
  CONSUMER_MAX_ATTEMPTS: '4',
  RATE_LIMIT_MAX: '1000000',
  RATE_LIMIT_ANONYMOUS_MAX: '1000000',
};

/**
 * The four services as real processes (some of them as several replicas sharing one database and consumer group)
 * on the fault suite's own infrastructure, with databases, topics and groups of their own for this run; plus the
 * means to kill, restart and inspect them.
 */
export class FaultStack {
  readonly infra = new FaultInfrastructure(faultLayout());
  readonly replicas = new Map<ServiceName, ServiceProcess[]>();
  private readonly clients = new Map<ServiceName, Client>();
  private options: FaultStackOptions = {};
  readonly logDir: string;

  private constructor(
    readonly runId: string,
    private readonly basePort: number,
  ) {
    this.logDir = resolve(this.infra.layout.dir, 'logs', runId);
    mkdirSync(this.logDir, { recursive: true });
  }

  static async start(options: FaultStackOptions = {}): Promise<FaultStack> {
    const runId = uniqueRunId('f');
    const stack = new FaultStack(runId, await freePorts(23000 + Math.floor(Math.random() * 300) * 20, SERVICE_NAMES.length * 4, 20));
    await stack.infra.ensureUp();
    stack.options = options;
    const counts = { 'project-registry': 1, 'expert-pool': 1, matching: 1, reporting: 1, ...options.replicas };
    for (const name of SERVICE_NAMES) {
      const n = counts[name] ?? 0;
      if (n === 0) continue;
      await ensureDatabase(stack.databaseUrl(name));
      stack.replicas.set(name, Array.from({ length: n }, (_, i) => stack.process(name, i)));
    }
    try {
      // One service at a time: on two busy cores four cold starts at once can pass the start timeout.
      for (const list of stack.replicas.values()) await Promise.all(list.map((s) => s.start(180_000)));
    } catch (e) {
      await stack.stop();
      throw e;
    }
    return stack;
  }

  private process(name: ServiceName, i: number): ServiceProcess {
    return new ServiceProcess(
      name,
      this.basePort + SERVICE_NAMES.indexOf(name) * 4 + i,
      {
        ...FAULT_ENV,
        DATABASE_URL: this.databaseUrl(name),
        KAFKA_BROKERS: this.infra.kafka.brokers,
        REDIS_URL: this.infra.redis.url,
        KAFKA_TOPIC_PREFIX: `${this.runId}.`,
        REDIS_NAMESPACE: `civic-${this.runId}`,
        SERVICE_INSTANCE: `${name}-${i}`,
        ...this.options.env,
        ...this.options.envOf?.[name],
      },
      resolve(this.logDir, `${name}-${i}.log`),
    );
  }

  /** Starts one more replica of a running service (same database and consumer group); returns its index. */
  async addReplica(name: ServiceName): Promise<number> {
    const list = this.replicas.get(name);
    if (!list?.length) throw new Error(`${name} is not part of this stack`);
    if (list.length >= 4) throw new Error('at most four replicas per service');
    const replica = this.process(name, list.length);
    list.push(replica);
    await replica.start(180_000);
    return list.length - 1;
  }

  databaseUrl(name: ServiceName): string {
    return `${this.infra.postgres.url}/civic_${DATABASE_OF[name]}_${this.runId}`;
  }

  /** A replica (the first by default). */
  service(name: ServiceName, replica = 0): ServiceProcess {
    const s = this.replicas.get(name)?.[replica];
    if (!s) throw new Error(`${name} #${replica} is not part of this stack`);
    return s;
  }

  url(name: ServiceName, replica = 0): string {
    return this.service(name, replica).url;
  }

  /** A connection to a service's database (kept, reconnected after a PostgreSQL restart). */
  async db(name: ServiceName): Promise<Client> {
    const existing = this.clients.get(name);
    if (existing) return existing;
    const client = new Client({ connectionString: this.databaseUrl(name) });
    client.on('error', () => this.clients.delete(name));
    await client.connect();
    this.clients.set(name, client);
    return client;
  }

  /** Runs a query on a service's database, reconnecting once if the kept connection died. */
  async query<T = Record<string, unknown>>(name: ServiceName, sql: string, params: unknown[] = []): Promise<T[]> {
    try {
      return (await (await this.db(name)).query(sql, params)).rows as T[];
    } catch (e) {
      const client = this.clients.get(name);
      this.clients.delete(name);
      await client?.end().catch(() => undefined);
      if (!/terminat|ECONNRESET|ECONNREFUSED|Client was closed|not queryable/i.test((e as Error).message)) throw e;
      return (await (await this.db(name)).query(sql, params)).rows as T[];
    }
  }

  async closeClients(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }

  /** Every replica's recent output, for a failure message. */
  logs(): string {
    return [...this.replicas.values()]
      .flat()
      .map((s) => `--- ${s.name} (${s.port}) ---\n${s.logs()}`)
      .join('\n');
  }

  /** Stops every replica gracefully and drops the run's databases (kept when CIVIC_FAULTS_KEEP=1). */
  async stop(): Promise<void> {
    await this.closeClients();
    await Promise.all([...this.replicas.values()].flat().map((s) => s.stop()));
    if (process.env.CIVIC_FAULTS_KEEP === '1') return;
    await Promise.all([...this.replicas.keys()].map((n) => dropDatabase(this.databaseUrl(n)).catch(() => undefined)));
  }
}
