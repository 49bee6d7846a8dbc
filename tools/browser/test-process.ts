/** A Node process started by the console's browser tests and budget script (the test OpenID provider, the console). */
import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { REPO_ROOT, waitFor } from '@civic/testing';

/** A Node process of the test (the OIDC provider, the console), its output kept for failure messages. */
export class TestProcess {
  private readonly output: string[] = [];
  private exited: number | null = null;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (b: Buffer) => {
      this.output.push(b.toString());
      if (this.output.length > 200) this.output.shift();
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('exit', (code) => (this.exited = code ?? 1));
  }

  /** Starts `script` (relative to the repository) and waits until its output matches `ready`. */
  static async start(name: string, script: string, env: Record<string, string>, ready: RegExp, timeoutMs = 60_000): Promise<TestProcess> {
    const child = spawn(process.execPath, ['-r', resolve(REPO_ROOT, 'tools/register-paths.js'), resolve(REPO_ROOT, script)], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const p = new TestProcess(name, child);
    try {
      await waitFor(`${name} to start`, async () => {
        if (p.exited !== null) throw new Error(`${name} exited with ${p.exited}`);
        return ready.test(p.logs());
      }, { timeoutMs, intervalMs: 100 });
    } catch (e) {
      throw new Error(`${(e as Error).message}\n--- ${name} output ---\n${p.logs()}`);
    }
    return p;
  }

  logs(): string {
    return this.output.join('');
  }

  async stop(): Promise<void> {
    if (this.exited !== null) return;
    const done = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(timer);
  }
}
