import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, WriteStream } from 'node:fs';
import { resolve } from 'node:path';
import type { Role } from '@civic/auth';
import { TokenMinter, TokenOptions, useDefaultAdmin } from './auth';
import { REPO_ROOT } from './infrastructure';
import { waitFor } from './wait-for';

export const SERVICE_NAMES = ['project-registry', 'expert-pool', 'matching', 'reporting', 'notifications'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
/** The services a stack starts unless told otherwise: notifications needs an SMTP server, so a test asks for it. */
export const CORE_SERVICE_NAMES: readonly ServiceName[] = ['project-registry', 'expert-pool', 'matching', 'reporting'];

/** A service running as its own Node.js process from the compiled tree (dist/), as in production. */
export class ServiceProcess {
  private readonly output: string[] = [];
  private child?: ChildProcess;
  exitCode: number | null = null;
  /** Signs tokens this process accepts; undefined in production mode (RS256: the test signs its own). */
  readonly minter?: TokenMinter;

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    /** The settings the process starts with (over this process's environment). */
    readonly env: Record<string, string>,
    /** Also append the process's output to this file. */
    private readonly logFile?: string,
    /** Prefix of the subjects of the tokens this process's minter signs. */
    subjectPrefix?: string,
  ) {
    this.minter = TokenMinter.forEnv(env, subjectPrefix);
  }

  /** The operating system's id of the running process (undefined before start). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A bearer token this service accepts, for `role` (development and test mode only). */
  token(role: Role, options?: TokenOptions): Promise<string> {
    if (!this.minter) throw new Error(`${this.name} runs with RS256 keys: sign its tokens with the test's private key`);
    return this.minter.token(role, options);
  }

  /**
   * Starts the process and resolves when `probe` answers 200: by default the detailed /health (every dependency, the
   * consumer joined); `/health/ready` as soon as it can take traffic. Outside production, requests to it that carry no
   * token go as an administrator (see useDefaultAdmin).
   */
  async start(timeoutMs = 90_000, probe: '/health' | '/health/ready' | '/health/live' = '/health'): Promise<void> {
    if (this.minter) useDefaultAdmin(new URL(this.url).origin, this.minter);
    const main = resolve(REPO_ROOT, 'dist/services', this.name, 'src/main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
    this.exitCode = null;
    const child = spawn(process.execPath, ['-r', resolve(REPO_ROOT, 'tools/register-paths.js'), main], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const file: WriteStream | undefined = this.logFile ? createWriteStream(this.logFile, { flags: 'a' }) : undefined;
    child.on('exit', () => file?.end());
    const keep = (chunk: Buffer) => {
      file?.write(chunk);
      this.output.push(chunk.toString());
      if (this.output.length > 400) this.output.splice(0, this.output.length - 400);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('exit', (code, signal) => (this.exitCode = code ?? (signal ? 128 : 0)));
    try {
      await waitFor(`${this.name} ${probe}`, async () => {
        if (this.exitCode !== null) throw new Error(`${this.name} exited with ${this.exitCode}`);
        const res = await fetch(`${this.url}${probe}`).catch(() => undefined);
        return res?.status === 200;
      }, { timeoutMs, intervalMs: probe === '/health' ? 250 : 50 });
    } catch (e) {
      throw new Error(`${(e as Error).message}\n--- ${this.name} output ---\n${this.logs()}`);
    }
  }

  /** SIGTERM (graceful shutdown) and wait for the exit. */
  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }

  /** SIGKILL: the process dies mid-work, as in a crash. */
  kill9(): Promise<void> {
    return this.signal('SIGKILL');
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || this.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(sig);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }

  /** The last lines the process wrote. */
  logs(): string {
    return this.output.join('').split('\n').slice(-60).join('\n');
  }
}
