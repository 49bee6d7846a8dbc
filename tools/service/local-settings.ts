/**
 * The settings of a local stack, from the environment, shared by `npm start` and `npm run service`: where PostgreSQL,
 * Redis and Kafka are, the ports, the database names and the Redis and Kafka namespaces. The defaults are the
 * documented local ones (ports 3001-3005, databases civic_*, namespace civic); other values let a second stack run
 * beside the first on the same servers.
 */
import { SERVICE_NAMES, ServiceName } from '@civic/testing';

/** Each service's database suffix and port offset (from CIVIC_PORT_BASE). */
export const LOCAL_LAYOUT: Record<ServiceName, { database: string; portOffset: number }> = {
  'project-registry': { database: 'registry', portOffset: 1 },
  'expert-pool': { database: 'experts', portOffset: 2 },
  matching: { database: 'matching', portOffset: 3 },
  reporting: { database: 'reporting', portOffset: 4 },
  notifications: { database: 'notifications', portOffset: 5 },
};

/** The web console (services/console) listens on CIVIC_PORT_BASE itself: 3000 by default. It has no database. */
export const CONSOLE_PORT_OFFSET = 0;

export interface LocalSettings {
  /** PostgreSQL server without a database: CIVIC_POSTGRES_URL. */
  postgresUrl: string;
  redisUrl: string;
  redisNamespace: string;
  kafkaBrokers: string;
  kafkaTopicPrefix: string;
  /** Ports are base + 1..5: CIVIC_PORT_BASE (default 3000). */
  portBase: number;
  /** Database names are prefix + registry|experts|matching|reporting|notifications: CIVIC_DATABASE_PREFIX (default civic_). */
  databasePrefix: string;
}

/** Reads the settings, with the local defaults; throws naming the variable that is malformed. */
export function localSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const portBase = Number(env.CIVIC_PORT_BASE || 3000);
  if (!Number.isInteger(portBase) || portBase < 1 || portBase > 65_531) throw new Error(`CIVIC_PORT_BASE = ${JSON.stringify(env.CIVIC_PORT_BASE)}: must be an integer from 1 to 65531`);
  const databasePrefix = env.CIVIC_DATABASE_PREFIX || 'civic_';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(databasePrefix)) throw new Error(`CIVIC_DATABASE_PREFIX = ${JSON.stringify(databasePrefix)}: lower-case letters, digits and _ (at most 41)`);
  return {
    postgresUrl: (env.CIVIC_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, ''),
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    redisNamespace: env.REDIS_NAMESPACE || 'civic',
    kafkaBrokers: env.KAFKA_BROKERS || '127.0.0.1:9092',
    kafkaTopicPrefix: env.KAFKA_TOPIC_PREFIX || '',
    portBase,
    databasePrefix,
  };
}

/** A service's port in these settings. */
export function localPort(settings: LocalSettings, name: ServiceName): number {
  return settings.portBase + LOCAL_LAYOUT[name].portOffset;
}

/** A service's database URL in these settings. */
export function localDatabaseUrl(settings: LocalSettings, name: ServiceName): string {
  return `${settings.postgresUrl}/${settings.databasePrefix}${LOCAL_LAYOUT[name].database}`;
}

/** The environment a service process gets from these settings (its own variables, e.g. LOG_LEVEL, come on top). */
export function localServiceEnv(settings: LocalSettings, name: ServiceName): Record<string, string> {
  return {
    PORT: String(localPort(settings, name)),
    DATABASE_URL: localDatabaseUrl(settings, name),
    REDIS_URL: settings.redisUrl,
    REDIS_NAMESPACE: settings.redisNamespace,
    KAFKA_BROKERS: settings.kafkaBrokers,
    KAFKA_TOPIC_PREFIX: settings.kafkaTopicPrefix,
  };
}

/** The service named on a command line, or an error listing the names. */
export function serviceNamed(name: string | undefined): ServiceName | { error: string } {
  if (name && (SERVICE_NAMES as readonly string[]).includes(name)) return name as ServiceName;
  return { error: `name one service: ${SERVICE_NAMES.join(', ')}${name ? ` (got ${name})` : ''}` };
}
