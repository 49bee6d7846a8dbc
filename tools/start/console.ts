/**
 * The web console for `npm start`: the BFF (dist/services/console) on CIVIC_PORT_BASE itself (3000 by default), with
 * the development sign-in page, calling the local services on the next ports.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT, waitFor } from '@civic/testing';
import { CONSOLE_PORT_OFFSET, type LocalSettings } from '../service/local-settings';

export interface RunningConsole {
  url: string;
  stop(): Promise<void>;
}

/** Starts the console and resolves once it answers /health. */
export async function startConsole(settings: LocalSettings, logFile: string): Promise<RunningConsole> {
  const port = settings.portBase + CONSOLE_PORT_OFFSET;
  const url = `http://127.0.0.1:${port}`;
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['-r', resolve(REPO_ROOT, 'tools/register-paths.js'), resolve(REPO_ROOT, 'dist/services/console/src/main.js')], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), CIVIC_PORT_BASE: String(settings.portBase), CONSOLE_PUBLIC_URL: process.env.CONSOLE_PUBLIC_URL ?? url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? 1));
  // However npm start ends, the console ends with it.
  process.once('exit', () => exited === null && child.kill('SIGTERM'));
  await waitFor('the console', async () => {
    if (exited !== null) throw new Error(`the console exited with ${exited}; see ${logFile}`);
    return (await fetch(`${url}/health`).catch(() => undefined))?.status === 200;
  }, { timeoutMs: 30_000, intervalMs: 100 });
  return {
    url,
    async stop() {
      if (exited !== null) return;
      const done = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await done;
    },
  };
}
