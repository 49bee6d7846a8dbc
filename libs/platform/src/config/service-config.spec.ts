import { BaseServiceConfig, ConfigError, loadConfig } from './service-config';

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
