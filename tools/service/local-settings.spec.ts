import { localServiceEnv, localSettings, serviceNamed } from './local-settings';

describe('local stack settings', () => {
  it('default to the documented local stack: ports 3001-3004, databases civic_*, namespace civic', () => {
    const settings = localSettings({});
    expect(localServiceEnv(settings, 'matching')).toEqual({
      PORT: '3003',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/civic_matching',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_NAMESPACE: 'civic',
      KAFKA_BROKERS: '127.0.0.1:9092',
      KAFKA_TOPIC_PREFIX: '',
    });
  });

  it('take ports, database names and namespaces from the environment, so a second stack runs beside the first', () => {
    const env = { CIVIC_PORT_BASE: '3100', CIVIC_DATABASE_PREFIX: 'civic_b_', REDIS_NAMESPACE: 'civic-b', KAFKA_TOPIC_PREFIX: 'b.', CIVIC_POSTGRES_URL: 'postgres://postgres@db:5432/' };
    expect(localServiceEnv(localSettings(env), 'project-registry')).toMatchObject({
      PORT: '3101',
      DATABASE_URL: 'postgres://postgres@db:5432/civic_b_registry',
      REDIS_NAMESPACE: 'civic-b',
      KAFKA_TOPIC_PREFIX: 'b.',
    });
  });

  it('refuse malformed values, naming the variable', () => {
    expect(() => localSettings({ CIVIC_PORT_BASE: 'eighty' })).toThrow(/^CIVIC_PORT_BASE = "eighty": must be an integer/);
    expect(() => localSettings({ CIVIC_DATABASE_PREFIX: 'Civic-' })).toThrow(/^CIVIC_DATABASE_PREFIX = "Civic-"/);
  });

  it('know the five services by name', () => {
    expect(serviceNamed('matching')).toBe('matching');
    expect(serviceNamed('billing')).toEqual({ error: 'name one service: project-registry, expert-pool, matching, reporting, notifications (got billing)' });
  });
});
