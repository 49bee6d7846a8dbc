import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './infrastructure';
import { waitFor } from './wait-for';

/** A mail as the inbox received it. */
export interface ReceivedMail {
  id: string;
  subject: string;
  to: string[];
  text: string;
  html: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  time: string;
}

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/**
 * A real SMTP server with a web inbox (MailDev from the npm registry) as its own process: what the notifications
 * service sends is read back over MailDev's REST API. `stop()` and `start()` again make an SMTP outage; mails kept
 * before it survive (they are stored in a directory of this inbox's own).
 */
export class MailInbox {
  private child?: ChildProcess;
  private output = '';
  private readonly directory = mkdtempSync(join(tmpdir(), 'civic-maildev-'));

  private constructor(
    readonly smtpPort: number,
    readonly webPort: number,
  ) {}

  /** Starts MailDev on the given (or free) ports and waits until its API answers. */
  static async start(ports: { smtp?: number; web?: number } = {}): Promise<MailInbox> {
    const inbox = new MailInbox(ports.smtp ?? (await freePort()), ports.web ?? (await freePort()));
    await inbox.start();
    return inbox;
  }

  /** The notifications service's SMTP_URL for this inbox. */
  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.smtpPort}`;
  }

  /** The web inbox a person opens. */
  get webUrl(): string {
    return `http://127.0.0.1:${this.webPort}`;
  }

  /** (Re)starts the server; resolves when its API and SMTP port answer. */
  async start(): Promise<void> {
    if (this.child && this.child.exitCode === null) return;
    const bin = resolve(REPO_ROOT, 'node_modules/maildev/dist/bin/maildev.js');
    const child = spawn(
      process.execPath,
      [bin, '--smtp', String(this.smtpPort), '--ip', '127.0.0.1', '--web', String(this.webPort), '--web-ip', '127.0.0.1', '--mail-directory', this.directory],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    child.stdout!.on('data', (c: Buffer) => (this.output = (this.output + c.toString()).slice(-4000)));
    child.stderr!.on('data', (c: Buffer) => (this.output = (this.output + c.toString()).slice(-4000)));
    await waitFor(
      `MailDev on ${this.smtpPort}/${this.webPort}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`MailDev exited with ${child.exitCode}: ${this.output}`);
        const res = await fetch(`${this.webUrl}/api/healthz`).catch(() => undefined);
        return res?.ok === true;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }

  /** Stops the server (an SMTP outage until start() is called again). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  /** Stops the server and removes its stored mails. */
  async close(): Promise<void> {
    await this.stop();
    rmSync(this.directory, { recursive: true, force: true });
  }

  /** Every mail received so far, oldest first. */
  async mails(): Promise<ReceivedMail[]> {
    const res = await fetch(`${this.webUrl}/api/email`);
    if (!res.ok) throw new Error(`MailDev answered ${res.status}`);
    const list = (await res.json()) as Array<{
      id: string;
      subject: string;
      to: Array<{ address: string }>;
      text?: string;
      html?: string;
      headers: Record<string, string>;
      time: string;
    }>;
    return list
      .map((m) => ({ id: m.id, subject: m.subject, to: m.to.map((t) => t.address), text: m.text ?? '', html: m.html ?? '', headers: m.headers, time: m.time }))
      .sort((a, b) => a.time.localeCompare(b.time));
  }
}
