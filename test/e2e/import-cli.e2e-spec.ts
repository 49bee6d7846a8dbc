import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { generateSeason, seasonCsvFiles } from '@civic/catalogue';
import { dropDefaultAdmin, ServiceStack } from '@civic/testing';
import { runImport } from '../../tools/import/import';

/**
 * The import command line against a running project-registry, which wants a bearer token: by default (outside
 * production) it signs a development administrator's token with the settings the service reads; a token given with
 * --token is sent as it is; production without a token stops before uploading.
 */
describe('tools/import: the command line against a running service', () => {
  let stack: ServiceStack;
  let registry: string;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    stack = await ServiceStack.start({ names: ['project-registry'] });
    registry = stack.service('project-registry').url;
    // The harness would add an administrator's token to requests that carry none: the command must bring its own.
    dropDefaultAdmin(new URL(registry).origin);
    dir = mkdtempSync(resolve(tmpdir(), 'civic-import-'));
    file = resolve(dir, 'projects.csv');
    writeFileSync(file, seasonCsvFiles(generateSeason({ seed: 1, scale: 1 }))['projects.csv']);
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await stack?.stop();
  });

  const run = async (argv: string[], env: NodeJS.ProcessEnv) => {
    const out: string[] = [];
    const code = await runImport(['--service', 'projects', '--file', file, '--url', registry, '--quiet', ...argv], { out: (l) => out.push(l), err: (l) => out.push(l) }, env);
    return { code, out: out.join('\n') };
  };
  // The service's token settings, as an operator's shell would have them.
  const serviceAuth = () => ({ AUTH_HS256_SECRET: stack.service('project-registry').env.AUTH_HS256_SECRET });

  it('stops before uploading in production without a token, and reports the 401 of a token the service does not accept', async () => {
    const production = await run([], { NODE_ENV: 'production' });
    expect(production).toEqual({ code: 2, out: expect.stringMatching(/a bearer token is required in production: pass --token or set CIVIC_TOKEN/) });
    const forged = await run(['--token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'], serviceAuth());
    expect(forged.code).toBe(3);
    expect(forged.out).toMatch(/upload refused with 401/);
  });

  it('with no token option signs a development administrator token and imports the 175 projects', async () => {
    const result = await run([], serviceAuth());
    expect(result.out).toMatch(/projects: completed in [\d.]+ s: 175 rows, 175 created/);
    expect(result.code).toBe(0);
  });

  it('sends the token given with --token (a coordinator may not import: 403)', async () => {
    const coordinator = await stack.token('coordinator', { university: 'fdu' });
    const refused = await run(['--token', coordinator], serviceAuth());
    expect(refused.code).toBe(3);
    expect(refused.out).toMatch(/upload refused with 403/);
    const admin = await stack.token('admin');
    const again = await run(['--token', admin], {});
    expect(again.out).toMatch(/projects: completed in [\d.]+ s: 175 rows, 0 created, 0 updated, 175 unchanged/);
    expect(again.code).toBe(0);
  });
});
