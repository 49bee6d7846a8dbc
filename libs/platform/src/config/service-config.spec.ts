import { generateKeyPairSync } from 'node:crypto';
import { MESSAGING_DEFAULTS } from '@civic/messaging';
import { BaseServiceConfig, ConfigError, loadConfig, messagingSettingsOf } from './service-config';

const DEFAULTS = { PORT: '3001', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/civic_registry' };

describe('loadConfig', () => {
  it('applies the service defaults and the shared local defaults when the environment is empty', () => {
    const config = loadConfig(BaseServiceConfig, {}, DEFAULTS);
    expect(config.PORT).toBe(3001);
    expect(config.KAFKA_BROKERS).toBe('127.0.0.1:9092');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.KAFKA_TOPIC_PREFIX).toBe('');
  });

  it('lets the environment override defaults', () => {
    const config = loadConfig(BaseServiceConfig, { PORT: '4000', KAFKA_BROKERS: 'a:1,b:2' }, DEFAULTS);
    expect(config.PORT).toBe(4000);
    expect(config.KAFKA_BROKERS).toBe('a:1,b:2');
  });

  it('names every malformed or missing setting in one error', () => {
    let error: unknown;
    try {
      loadConfig(BaseServiceConfig, { PORT: 'eighty', KAFKA_BROKERS: 'localhost', NODE_ENV: 'staging' }, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT = "eighty"/m);
    expect(problems).toMatch(/^KAFKA_BROKERS = "localhost": KAFKA_BROKERS must be host:port/m);
    expect(problems).toMatch(/^NODE_ENV = "staging"/m);
    expect(problems).toMatch(/^DATABASE_URL is missing/m);
  });
});

describe('loadConfig: event pipeline settings', () => {
  it('uses the messaging defaults when nothing is set', () => {
    expect(messagingSettingsOf(loadConfig(BaseServiceConfig, {}, DEFAULTS))).toEqual(MESSAGING_DEFAULTS);
  });

  it('reads the variables that are set; an empty one keeps its default', () => {
    const config = loadConfig(BaseServiceConfig, { CONSUMER_MAX_ATTEMPTS: '3', CONSUMER_TX_BATCH: '1', OUTBOX_HEALTH_MAX_AGE_MS: '30000', OUTBOX_BATCH: '' }, DEFAULTS);
    expect(messagingSettingsOf(config)).toEqual({ ...MESSAGING_DEFAULTS, consumerMaxAttempts: 3, consumerTxBatch: 1, outboxHealthMaxAgeMs: 30_000 });
  });

  it('refuses malformed values with the one ConfigError (exit 78 at start-up), naming every bad variable', () => {
    let error: unknown;
    try {
      loadConfig(BaseServiceConfig, { CONSUMER_MAX_ATTEMPTS: '0', OUTBOX_BATCH: 'lots', CONSUMER_RETRY_BASE_MS: '1.5' }, DEFAULTS);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^CONSUMER_MAX_ATTEMPTS = "0": CONSUMER_MAX_ATTEMPTS must not be less than 1/m);
    expect(problems).toMatch(/^OUTBOX_BATCH = "lots": /m);
    expect(problems).toMatch(/^CONSUMER_RETRY_BASE_MS = "1.5": .*CONSUMER_RETRY_BASE_MS must be an integer number/m);
  });
});

describe('loadConfig: authentication settings', () => {
  const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const problemsOf = (env: Record<string, string>): string => {
    try {
      loadConfig(BaseServiceConfig, env, DEFAULTS);
      return '';
    } catch (e) {
      return (e as ConfigError).problems.join('\n');
    }
  };

  it('outside production needs nothing: the development issuer, audience and secret apply', () => {
    const config = loadConfig(BaseServiceConfig, {}, DEFAULTS);
    expect(config.AUTH_ISSUER).toBe('civic-match-dev');
    expect(config.AUTH_AUDIENCE).toBe('civic-match');
    expect(config.AUTH_HS256_SECRET).toBeUndefined();
    expect(config.RATE_LIMIT_MAX).toBe(1200);
  });

  it('refuses to start production with no verification key, naming both ways to give one', () => {
    expect(problemsOf({ NODE_ENV: 'production', AUTH_ISSUER: 'https://id.example' })).toMatch(/^AUTH_JWKS_URL is missing: production needs a verification key/m);
  });

  it('refuses to start production with an HS256 secret, even beside a public key', () => {
    const problems = problemsOf({ NODE_ENV: 'production', AUTH_ISSUER: 'https://id.example', AUTH_PUBLIC_KEY: rsaPem, AUTH_HS256_SECRET: 'x'.repeat(40) });
    expect(problems).toMatch(/^AUTH_HS256_SECRET = "<hidden>": .*refused in production/m);
    expect(problems).not.toContain('x'.repeat(40));
  });

  it('refuses the development issuer and a plain-http JWKS URL in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production', AUTH_JWKS_URL: 'http://id.example/jwks.json' });
    expect(problems).toMatch(/^AUTH_ISSUER is missing: .*not the development issuer/m);
    expect(problems).toMatch(/^AUTH_JWKS_URL = .*https in production/m);
  });

  it('starts production with an issuer and either an https JWKS URL or an RSA public key', () => {
    expect(problemsOf({ NODE_ENV: 'production', AUTH_ISSUER: 'https://id.example', AUTH_JWKS_URL: 'https://id.example/jwks.json' })).toBe('');
    expect(problemsOf({ NODE_ENV: 'production', AUTH_ISSUER: 'https://id.example', AUTH_PUBLIC_KEY: rsaPem.replace(/\n/g, '\\n') })).toBe('');
  });

  it('refuses a malformed public key, both key sources at once, and a short development secret', () => {
    expect(problemsOf({ AUTH_PUBLIC_KEY: 'not a key' })).toMatch(/^AUTH_PUBLIC_KEY = .*no "-----BEGIN PUBLIC KEY-----" block/m);
    expect(problemsOf({ AUTH_PUBLIC_KEY: rsaPem, AUTH_JWKS_URL: 'https://id.example/jwks.json' })).toMatch(/not both/);
    expect(problemsOf({ AUTH_HS256_SECRET: 'short' })).toMatch(/^AUTH_HS256_SECRET = "<hidden>": .*at least 32/m);
    expect(problemsOf({ DATABASE_URL: 'postgres://civic:s3cret@db:5432/x y' })).toMatch(/^DATABASE_URL = "postgres:\/\/civic:\*\*\*@db:5432\/x y"/m);
  });

  it('reads CORS origins and refuses anything that is not a list of origins', () => {
    expect(loadConfig(BaseServiceConfig, { CORS_ORIGINS: 'https://civic.example.org,http://localhost:5173' }, DEFAULTS).CORS_ORIGINS).toBe(
      'https://civic.example.org,http://localhost:5173',
    );
    expect(problemsOf({ CORS_ORIGINS: '*' })).toMatch(/^CORS_ORIGINS = "\*"/m);
  });
});
