import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where the tests' Kafka, PostgreSQL and Redis are, and how to release them. */
export interface TestInfrastructure {
  /** 'env', 'testcontainers' or 'local': which of the three ways found them. */
  source: 'env' | 'testcontainers' | 'local';
  kafkaBrokers: string;
  /** A server URL without a database name, e.g. postgres://postgres@127.0.0.1:5432 */
  postgresUrl: string;
  redisUrl: string;
  release(): Promise<void>;
}

/** The monorepo's root, from source (libs/testing/src) or compiled (dist/libs/testing/src) code alike. */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'nx.json'))) return dir;
  }
  throw new Error(`no nx.json above ${from}`);
}

let shared: Promise<TestInfrastructure> | undefined;

/**
 * Finds the infrastructure once per test process: services named by CIVIC_TEST_KAFKA_BROKERS /
 * CIVIC_TEST_POSTGRES_URL / CIVIC_TEST_REDIS_URL first; containers where a Docker engine is reachable; otherwise the
 * machine's own PostgreSQL and Redis and the project's Kafka script (deploy/kafka/kafka.sh, idempotent).
 */
export function testInfrastructure(): Promise<TestInfrastructure> {
  shared ??= resolveInfrastructure();
  return shared;
}

async function resolveInfrastructure(): Promise<TestInfrastructure> {
  const env = process.env;
  if (env.CIVIC_TEST_KAFKA_BROKERS && env.CIVIC_TEST_POSTGRES_URL && env.CIVIC_TEST_REDIS_URL) {
    return {
      source: 'env',
      kafkaBrokers: env.CIVIC_TEST_KAFKA_BROKERS,
      postgresUrl: env.CIVIC_TEST_POSTGRES_URL.replace(/\/$/, ''),
      redisUrl: env.CIVIC_TEST_REDIS_URL,
      release: async () => undefined,
    };
  }
  if (await dockerReachable()) return startContainers();
  return useLocalServices();
}

async function dockerReachable(): Promise<boolean> {
  if (!process.env.DOCKER_HOST && !existsSync('/var/run/docker.sock')) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function startContainers(): Promise<TestInfrastructure> {
  const [{ KafkaContainer }, { PostgreSqlContainer }, { RedisContainer }] = await Promise.all([
    import('@testcontainers/kafka'),
    import('@testcontainers/postgresql'),
    import('@testcontainers/redis'),
  ]);
  const [kafka, pg, redis] = await Promise.all([
    new KafkaContainer('confluentinc/cp-kafka:7.7.1').withKraft().start(),
    new PostgreSqlContainer('postgres:16-alpine').withUsername('postgres').withPassword('postgres').start(),
    new RedisContainer('redis:7-alpine').start(),
  ]);
  return {
    source: 'testcontainers',
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    postgresUrl: `postgres://postgres:postgres@${pg.getHost()}:${pg.getPort()}`,
    redisUrl: redis.getConnectionUrl(),
    release: async () => {
      await Promise.all([kafka.stop(), pg.stop(), redis.stop()]);
    },
  };
}

async function useLocalServices(): Promise<TestInfrastructure> {
  const port = process.env.KAFKA_PORT ?? '9092';
  await run('bash', [resolve(REPO_ROOT, 'deploy/kafka/kafka.sh'), 'start'], { cwd: REPO_ROOT, env: process.env, timeout: 300_000 });
  return {
    source: 'local',
    kafkaBrokers: `127.0.0.1:${port}`,
    postgresUrl: process.env.CIVIC_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432',
    redisUrl: process.env.CIVIC_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    // The local broker is shared by test files and left running for the next; .ci/run stops it.
    release: async () => undefined,
  };
}
