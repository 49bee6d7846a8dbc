import { DEVELOPMENT_AUTH, parseRsaPublicKeys } from '@civic/auth';
import { MESSAGING_DEFAULTS, type MessagingSettings } from '@civic/messaging';
import { plainToInstance, Transform } from 'class-transformer';
import {
  getMetadataStorage,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidationArguments,
  validateSync,
} from 'class-validator';

/** Thrown at start-up when the environment is missing or malformed; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** `@Transform(toInt)` on an integer setting: the variable as a number (NaN when it is not one, which @IsInt refuses). */
export const toInt = ({ value }: { value: unknown }): number | undefined => (value === undefined || value === '' ? undefined : Number(value));

/** A rule that looks at the whole config (e.g. NODE_ENV); `check` returns the problem or null. */
function Rule(name: string, check: (value: unknown, config: BaseServiceConfig) => string | null): PropertyDecorator {
  let problem = '';
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        problem = check(value, args!.object as BaseServiceConfig) ?? '';
        return problem === '';
      },
      defaultMessage: () => problem,
    },
  });
}

const isProduction = (c: BaseServiceConfig) => c.NODE_ENV === 'production';

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

  // --- Authentication: see docs/security.md. Production verifies RS256 only, against a JWKS URL or public keys. ---

  /** The `iss` every token must carry; production must name its identity provider. */
  @Rule('issuer', (v, c) =>
    typeof v !== 'string' || v.trim() === ''
      ? 'AUTH_ISSUER must name the token issuer'
      : isProduction(c) && v === DEVELOPMENT_AUTH.issuer
        ? `AUTH_ISSUER must name the production identity provider, not the development issuer "${DEVELOPMENT_AUTH.issuer}"`
        : null,
  )
  AUTH_ISSUER: string = DEVELOPMENT_AUTH.issuer;

  /** The `aud` every token must carry. */
  @IsString()
  @IsNotEmpty()
  AUTH_AUDIENCE: string = DEVELOPMENT_AUTH.audience;

  /** Outside production only: the HS256 secret of development tokens (defaults to the development secret). */
  @Rule('hs256Secret', (v, c) =>
    v === undefined
      ? null
      : isProduction(c)
        ? 'an HS256 secret is refused in production (development tokens would be accepted): unset AUTH_HS256_SECRET and set AUTH_JWKS_URL or AUTH_PUBLIC_KEY'
        : typeof v !== 'string' || v.length < 32
          ? 'AUTH_HS256_SECRET must have at least 32 characters'
          : null,
  )
  AUTH_HS256_SECRET?: string;

  /** RS256: the identity provider's JSON Web Key Set (https in production). */
  @Rule('jwksUrl', (v, c) => {
    if (v === undefined) {
      return isProduction(c) && c.AUTH_PUBLIC_KEY === undefined
        ? 'production needs a verification key: set AUTH_JWKS_URL (https) or AUTH_PUBLIC_KEY (RS256 public key, PEM)'
        : null;
    }
    if (c.AUTH_PUBLIC_KEY !== undefined) return 'set AUTH_JWKS_URL or AUTH_PUBLIC_KEY, not both';
    let url: URL;
    try {
      url = new URL(String(v));
    } catch {
      return 'AUTH_JWKS_URL must be a URL';
    }
    if (isProduction(c) ? url.protocol !== 'https:' : !/^https?:$/.test(url.protocol)) return `AUTH_JWKS_URL must use https${isProduction(c) ? ' in production' : ' or http'}`;
    return null;
  })
  AUTH_JWKS_URL?: string;

  /** RS256: one or more SPKI PEM public keys (several during a rotation); `\n` escapes are accepted. */
  @Rule('publicKey', (v) => {
    if (v === undefined) return null;
    try {
      parseRsaPublicKeys(String(v));
      return null;
    } catch (e) {
      return `AUTH_PUBLIC_KEY: ${(e as Error).message}`;
    }
  })
  AUTH_PUBLIC_KEY?: string;

  // --- Abuse limits ---

  /** Requests per window per authenticated caller (token subject), shared by replicas through Redis; 0 = off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  RATE_LIMIT_MAX = 1200;

  /** Requests per window per client address for requests without a valid token; 0 = off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  RATE_LIMIT_ANONYMOUS_MAX = 120;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  RATE_LIMIT_WINDOW_MS = 60_000;

  /**
   * Prefix of every Redis key the services write (rate limits, revocations, round locks), so deployments sharing one
   * Redis never see each other's keys. Every service of one deployment must use the same namespace.
   */
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'REDIS_NAMESPACE may hold 1 to 64 letters, digits, dot, dash and underscore only' })
  REDIS_NAMESPACE = 'civic';

  /** Browser origins allowed to call the API (comma-separated, exact); none by default: CORS is closed. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,/]+(,https?:\/\/[^\s,/]+)*$/, { message: 'CORS_ORIGINS must be a comma-separated list of origins such as https://civic.example.org' })
  CORS_ORIGINS?: string;

  /** Express "trust proxy": how many proxies (a number), or their addresses; unset trusts none (the socket address is the client). */
  @IsOptional()
  @Matches(/^(\d{1,2}|loopback|linklocal|uniquelocal|[0-9a-fA-F.:/,\s]+)$/, { message: 'TRUST_PROXY must be a hop count, loopback/linklocal/uniquelocal or addresses' })
  TRUST_PROXY?: string;

  // --- The event pipeline (libs/messaging; docs/reliability.md) ---

  /** Outbox rows the relay locks and sends per batch. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  OUTBOX_BATCH = MESSAGING_DEFAULTS.outboxBatch;

  /** The relay's concurrent loops (lanes) per process; 1 sends one batch at a time. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(8)
  OUTBOX_LANES = MESSAGING_DEFAULTS.outboxLanes;

  /** /health turns 503 when more rows than this wait in the outbox. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_HEALTH_MAX_BACKLOG = MESSAGING_DEFAULTS.outboxHealthMaxBacklog;

  /** /health turns 503 when the oldest unpublished row is older than this. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  OUTBOX_HEALTH_MAX_AGE_MS = MESSAGING_DEFAULTS.outboxHealthMaxAgeMs;

  /** Attempts per event before it is dead-lettered. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  CONSUMER_MAX_ATTEMPTS = MESSAGING_DEFAULTS.consumerMaxAttempts;

  /** Delay before the first retry; doubles per attempt up to CONSUMER_RETRY_MAX_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  CONSUMER_RETRY_BASE_MS = MESSAGING_DEFAULTS.consumerRetryBaseMs;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  CONSUMER_RETRY_MAX_MS = MESSAGING_DEFAULTS.consumerRetryMaxMs;

  /** Messages applied per database transaction. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  CONSUMER_TX_BATCH = MESSAGING_DEFAULTS.consumerTxBatch;

  /** How long the group waits for a silent consumer before giving its partitions to the others. */
  @Transform(toInt)
  @IsInt()
  @Min(6000)
  @Max(300_000)
  CONSUMER_SESSION_TIMEOUT_MS = MESSAGING_DEFAULTS.consumerSessionTimeoutMs;

  /** Partitions a consumer applies at the same time. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  CONSUMER_PARTITIONS_CONCURRENTLY = MESSAGING_DEFAULTS.consumerPartitionsConcurrently;

  /** Published outbox rows and inbox rows older than this are deleted; at least the topics' retention. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(87_600)
  MESSAGING_RETENTION_HOURS = MESSAGING_DEFAULTS.retentionHours;

  /** How often the retention sweep runs. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  MESSAGING_RETENTION_SWEEP_MS = MESSAGING_DEFAULTS.retentionSweepIntervalMs;
}

/** The event pipeline's tunables out of a validated config, for the messaging lib. */
export function messagingSettingsOf(config: BaseServiceConfig): MessagingSettings {
  return {
    outboxBatch: config.OUTBOX_BATCH,
    outboxLanes: config.OUTBOX_LANES,
    outboxHealthMaxBacklog: config.OUTBOX_HEALTH_MAX_BACKLOG,
    outboxHealthMaxAgeMs: config.OUTBOX_HEALTH_MAX_AGE_MS,
    consumerMaxAttempts: config.CONSUMER_MAX_ATTEMPTS,
    consumerRetryBaseMs: config.CONSUMER_RETRY_BASE_MS,
    consumerRetryMaxMs: config.CONSUMER_RETRY_MAX_MS,
    consumerTxBatch: config.CONSUMER_TX_BATCH,
    consumerSessionTimeoutMs: config.CONSUMER_SESSION_TIMEOUT_MS,
    consumerPartitionsConcurrently: config.CONSUMER_PARTITIONS_CONCURRENTLY,
    retentionHours: config.MESSAGING_RETENTION_HOURS,
    retentionSweepIntervalMs: config.MESSAGING_RETENTION_SWEEP_MS,
  };
}

/** A setting's value as an error message may show it: secrets hidden, passwords in URLs masked, keys abridged. */
function shown(key: string, value: string): string {
  if (/SECRET|PASSWORD|TOKEN/i.test(key)) return '"<hidden>"';
  if (key === 'AUTH_PUBLIC_KEY') return `"${value.slice(0, 26)}..."`;
  return JSON.stringify(value.replace(/\/\/([^:/@\s]+):[^@/\s]*@/, '//$1:***@'));
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
        return `${e.property}${raw[e.property] === undefined ? ' is missing' : ` = ${shown(e.property, raw[e.property])}`}: ${why}`;
      }),
    );
  }
  return config;
}
