import { randomBytes } from 'node:crypto';
import type { Role } from '@civic/auth';
import { dropDatabase, ensureDatabase } from '@civic/persistence';
import { TokenMinter, TokenOptions } from './auth';
import { testInfrastructure, TestInfrastructure } from './infrastructure';
import { uniqueRunId } from './run-id';
import { CORE_SERVICE_NAMES, SERVICE_NAMES, ServiceName, ServiceProcess } from './service-process';

const DATABASE_OF: Record<ServiceName, string> = {
  'project-registry': 'registry',
  'expert-pool': 'experts',
  matching: 'matching',
  reporting: 'reporting',
  notifications: 'notifications',
};

/** The services as real processes, with databases, topics and consumer groups of their own for this run. */
export class ServiceStack {
  readonly services = new Map<ServiceName, ServiceProcess>();
  /** Extra processes of the services (startReplica), sharing their databases, topics and Redis. */
  readonly replicas: ServiceProcess[] = [];

  /** A secret of this run: the services verify HS256 tokens with it (unless options.env says otherwise). */
  private readonly secret = randomBytes(32).toString('base64url');

  private constructor(
    readonly runId: string,
    readonly infra: TestInfrastructure,
    private readonly basePort: number,
  ) {}

  /**
   * Creates the run's databases and starts the named services (CORE_SERVICE_NAMES by default) in parallel. Each run has its
   * own token secret and rate-limit counters; the limits are high unless `env` sets them. `serviceEnv` adds settings
   * for one service only.
   */
  static async start(
    options: {
      names?: readonly ServiceName[];
      basePort?: number;
      env?: Record<string, string>;
      serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
    } = {},
  ): Promise<ServiceStack> {
    const infra = await testInfrastructure();
    const stack = new ServiceStack(uniqueRunId(), infra, options.basePort ?? 13000 + Math.floor(Math.random() * 400) * 10);
    const names = options.names ?? CORE_SERVICE_NAMES;
    for (const name of names) {
      const url = stack.databaseUrl(name);
      await ensureDatabase(url);
      stack.services.set(
        name,
        new ServiceProcess(
          name,
          stack.basePort + SERVICE_NAMES.indexOf(name) + 1,
          {
            NODE_ENV: 'test',
            DATABASE_URL: url,
            KAFKA_BROKERS: infra.kafkaBrokers,
            REDIS_URL: infra.redisUrl,
            KAFKA_TOPIC_PREFIX: `${stack.runId}.`,
            LOG_LEVEL: process.env.CIVIC_TEST_LOG_LEVEL ?? 'warn',
            AUTH_HS256_SECRET: stack.secret,
            RATE_LIMIT_MAX: '1000000',
            RATE_LIMIT_ANONYMOUS_MAX: '1000000',
            // Its own Redis namespace: rate limits, revocations and round locks never meet another run's.
            REDIS_NAMESPACE: `civic-${stack.runId}`,
            ...options.env,
            ...options.serviceEnv?.[name],
          },
          undefined,
          stack.runId,
        ),
      );
    }
    try {
      await Promise.all([...stack.services.values()].map((s) => s.start()));
    } catch (e) {
      await stack.stop();
      throw e;
    }
    return stack;
  }

  /** This run's database URL for a service. */
  databaseUrl(name: ServiceName): string {
    return `${this.infra.postgresUrl}/civic_${DATABASE_OF[name]}_${this.runId}`;
  }

  /** Starts another process of `name` with the same settings: a replica sharing its database, consumer group and Redis. */
  async startReplica(name: ServiceName): Promise<ServiceProcess> {
    const original = this.service(name);
    const replica = new ServiceProcess(name, this.basePort + SERVICE_NAMES.length + 1 + this.replicas.length, original.env, undefined, this.runId);
    this.replicas.push(replica);
    await replica.start();
    return replica;
  }

  /** A bearer token every service of this stack accepts (they share the run's secret). */
  token(role: Role, options?: TokenOptions): Promise<string> {
    return this.minter().token(role, options);
  }

  /** `{ authorization: 'Bearer …' }` for `role`: pass as requestJson's headers. */
  authorization(role: Role, options?: TokenOptions): Promise<Record<string, string>> {
    return this.minter().headers(role, options);
  }

  private minter(): TokenMinter {
    const minter = [...this.services.values()][0]?.minter;
    if (!minter) throw new Error('this stack runs with RS256 keys: sign its tokens with the test\'s private key');
    return minter;
  }

  service(name: ServiceName): ServiceProcess {
    const s = this.services.get(name);
    if (!s) throw new Error(`${name} is not part of this stack`);
    return s;
  }

  /** Stops every service gracefully and drops the run's databases. */
  async stop({ keepDatabases = false } = {}): Promise<void> {
    await Promise.all([...this.services.values(), ...this.replicas].map((s) => s.stop()));
    if (!keepDatabases) await Promise.all([...this.services.keys()].map((n) => dropDatabase(this.databaseUrl(n)).catch(() => undefined)));
  }
}
