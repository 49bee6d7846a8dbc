import { dropDatabase, ensureDatabase } from '@civic/persistence';
import { testInfrastructure, TestInfrastructure } from './infrastructure';
import { uniqueRunId } from './run-id';
import { SERVICE_NAMES, ServiceName, ServiceProcess } from './service-process';

const DATABASE_OF: Record<ServiceName, string> = {
  'project-registry': 'registry',
  'expert-pool': 'experts',
  matching: 'matching',
  reporting: 'reporting',
};

/** The four services as real processes, with databases, topics and consumer groups of their own for this run. */
export class ServiceStack {
  readonly services = new Map<ServiceName, ServiceProcess>();

  private constructor(
    readonly runId: string,
    readonly infra: TestInfrastructure,
    private readonly basePort: number,
  ) {}

  /** Creates the run's databases and starts the named services (all four by default) in parallel. */
  static async start(options: { names?: readonly ServiceName[]; basePort?: number; env?: Record<string, string> } = {}): Promise<ServiceStack> {
    const infra = await testInfrastructure();
    const stack = new ServiceStack(uniqueRunId(), infra, options.basePort ?? 13000 + Math.floor(Math.random() * 400) * 10);
    const names = options.names ?? SERVICE_NAMES;
    for (const name of names) {
      const url = stack.databaseUrl(name);
      await ensureDatabase(url);
      stack.services.set(
        name,
        new ServiceProcess(name, stack.basePort + SERVICE_NAMES.indexOf(name) + 1, {
          NODE_ENV: 'test',
          DATABASE_URL: url,
          KAFKA_BROKERS: infra.kafkaBrokers,
          REDIS_URL: infra.redisUrl,
          KAFKA_TOPIC_PREFIX: `${stack.runId}.`,
          LOG_LEVEL: process.env.CIVIC_TEST_LOG_LEVEL ?? 'warn',
          ...options.env,
        }),
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

  service(name: ServiceName): ServiceProcess {
    const s = this.services.get(name);
    if (!s) throw new Error(`${name} is not part of this stack`);
    return s;
  }

  /** Stops every service gracefully and drops the run's databases. */
  async stop({ keepDatabases = false } = {}): Promise<void> {
    await Promise.all([...this.services.values()].map((s) => s.stop()));
    if (!keepDatabases) await Promise.all([...this.services.keys()].map((n) => dropDatabase(this.databaseUrl(n)).catch(() => undefined)));
  }
}
