import { readConsoleConfig } from './console.config';

describe('readConsoleConfig', () => {
  it('outside production without an issuer offers the development sign-in with the development settings', () => {
    const { config, problems } = readConsoleConfig({ NODE_ENV: 'development' });
    expect(problems).toEqual([]);
    expect(config?.oidc).toBeNull();
    expect(config?.development).toEqual(expect.objectContaining({ issuer: 'civic-match-dev', audience: 'civic-match' }));
    expect(config?.upstreams).toEqual({
      registry: 'http://127.0.0.1:3001',
      experts: 'http://127.0.0.1:3002',
      matching: 'http://127.0.0.1:3003',
      reporting: 'http://127.0.0.1:3004',
      notifications: 'http://127.0.0.1:3005',
    });
  });

  it('refuses production without an identity provider, naming the setting (no development sign-in there)', () => {
    const { config, problems } = readConsoleConfig({ NODE_ENV: 'production', CONSOLE_PUBLIC_URL: 'https://console.example' });
    expect(config).toBeUndefined();
    expect(problems).toEqual([expect.stringMatching(/^OIDC_ISSUER is missing/)]);
  });

  it('refuses production with a plain-http issuer or console address, a missing client id or an HS256 secret, never printing the secret', () => {
    const { problems } = readConsoleConfig({ NODE_ENV: 'production', OIDC_ISSUER: 'http://id.example', AUTH_HS256_SECRET: 'x'.repeat(40) });
    expect(problems).toEqual(
      expect.arrayContaining([
        'OIDC_ISSUER must use https in production',
        expect.stringMatching(/^OIDC_CLIENT_ID is missing/),
        expect.stringMatching(/^CONSOLE_PUBLIC_URL must use https/),
        expect.stringMatching(/^AUTH_HS256_SECRET = "<hidden>"/),
      ]),
    );
    expect(problems.join('\n')).not.toContain('x'.repeat(40));
  });

  it('starts production with an https issuer and client, and then has no development sign-in', () => {
    const { config, problems } = readConsoleConfig({ NODE_ENV: 'production', OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'console', CONSOLE_PUBLIC_URL: 'https://console.example' });
    expect(problems).toEqual([]);
    expect(config?.development).toBeNull();
    expect(config?.oidc).toEqual(expect.objectContaining({ issuer: 'https://id.example', clientId: 'console', scope: 'openid profile' }));
  });

  it('names a bad port and a bad service URL', () => {
    const { problems } = readConsoleConfig({ PORT: 'eighty', CIVIC_MATCHING_URL: 'not a url' });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^PORT = "eighty"/), expect.stringMatching(/^CIVIC_MATCHING_URL = "not a url"/)]));
  });

  it('keeps sessions in the local Redis under the namespace civic by default, and names a bad Redis URL or namespace without its password', () => {
    expect(readConsoleConfig({}).config?.redis).toEqual({ url: 'redis://127.0.0.1:6379', namespace: 'civic' });
    const { problems } = readConsoleConfig({ REDIS_URL: 'http://user:secret@cache', REDIS_NAMESPACE: 'a b' });
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^REDIS_URL = "http:\/\/<hidden>@cache": must be a redis/), expect.stringMatching(/^REDIS_NAMESPACE = "a b"/)]),
    );
    expect(problems.join('\n')).not.toContain('secret');
  });
});
