import { plainToInstance, Transform } from 'class-transformer';
import { getMetadataStorage, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/** Thrown at start-up when the environment is missing or malformed; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** Settings every service has; a service extends this class with its own. Defaults suit a local machine. */
export class BaseServiceConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  /** Interface to bind; 0.0.0.0 inside containers. */
  @IsString()
  @IsNotEmpty()
  HOST = '127.0.0.1';

  /** postgres://user@host:port/database */
  @Matches(/^postgres(ql)?:\/\/[^\s/]+\/[A-Za-z0-9_]+$/, { message: 'DATABASE_URL must look like postgres://user@host:port/database' })
  DATABASE_URL!: string;

  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must look like redis://host:port' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Comma-separated host:port list. */
  @Matches(/^[A-Za-z0-9._-]+:\d+(,[A-Za-z0-9._-]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  /** Prepended to every topic and consumer group, so test runs never share them. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]*$/, { message: 'KAFKA_TOPIC_PREFIX may hold letters, digits, dot, dash and underscore only' })
  KAFKA_TOPIC_PREFIX = '';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsString()
  @IsNotEmpty()
  @IsOptional()
  SERVICE_INSTANCE?: string;
}

/**
 * Reads and validates `env` into the given config class; throws ConfigError naming every bad variable.
 * Defaults on the class apply when a variable is unset.
 */
export function loadConfig<T extends BaseServiceConfig>(
  configClass: new () => T,
  env: NodeJS.ProcessEnv = process.env,
  defaults: Record<string, string> = {},
): T {
  const keys = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(configClass, '', true, false)
      .map((m) => m.propertyName),
  );
  const raw: Record<string, string> = {};
  for (const key of keys) {
    const value = env[key] ?? defaults[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(configClass, raw, { exposeDefaultValues: true });
  const errors = validateSync(config as object, { forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => {
        const why = Object.values(e.constraints ?? {}).join('; ');
        return `${e.property}${raw[e.property] === undefined ? ' is missing' : ` = ${JSON.stringify(raw[e.property])}`}: ${why}`;
      }),
    );
  }
  return config;
}
