import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { REPO_ROOT, SERVICE_NAMES } from '@civic/testing';

describe('service start-up configuration', () => {
  it.each(SERVICE_NAMES)('%s refuses to start on a malformed setting and names it', (name) => {
    const result = spawnSync(
      process.execPath,
      ['-r', resolve(REPO_ROOT, 'tools/register-paths.js'), resolve(REPO_ROOT, 'dist/services', name, 'src/main.js')],
      { env: { ...process.env, PORT: 'eighty', KAFKA_BROKERS: 'no-port-here', CONSUMER_MAX_ATTEMPTS: '0' }, encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.status).toBe(78);
    expect(result.stderr).toContain(`${name}: Invalid configuration`);
    expect(result.stderr).toMatch(/PORT = "eighty"/);
    expect(result.stderr).toMatch(/KAFKA_BROKERS = "no-port-here"/);
    // The event pipeline's settings are part of the one validated config (they once threw a plain Error later).
    expect(result.stderr).toMatch(/CONSUMER_MAX_ATTEMPTS = "0"/);
  });
});
