import { SMTPServer } from 'smtp-server';
import { freePort } from './mail-inbox';

/** A mail as the test SMTP server accepted it. */
export interface AcceptedMail {
  to: string[];
  /** Lower-cased header names, values unfolded. */
  headers: Record<string, string>;
  raw: string;
  at: number;
}

/**
 * A real SMTP server in the test process (smtp-server, from the nodemailer project) for what MailDev cannot do:
 * refuse chosen recipients for good (550, with a text the test can look for) and go down and up again on the same
 * port, so an outage and a permanent refusal can be made on purpose.
 */
export class SmtpTestServer {
  readonly accepted: AcceptedMail[] = [];
  private server?: SMTPServer;

  private constructor(
    readonly port: number,
    /** Recipients answered with 550 at RCPT TO. */
    readonly refuse: ReadonlySet<string>,
  ) {}

  static async start(options: { refuse?: string[]; port?: number } = {}): Promise<SmtpTestServer> {
    const s = new SmtpTestServer(options.port ?? (await freePort()), new Set((options.refuse ?? []).map((r) => r.toLowerCase())));
    await s.start();
    return s;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The answer a refused recipient gets. */
  static refusal(address: string): string {
    return `550 5.1.1 <${address}>: mailbox unavailable (test refusal)`;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // An outage is immediate: open sessions are cut instead of being waited for.
      closeTimeout: 200,
      onRcptTo: (address, _session, callback) => {
        if (!this.refuse.has(address.address.toLowerCase())) return callback();
        const e = new Error(SmtpTestServer.refusal(address.address).slice(4)) as Error & { responseCode: number };
        e.responseCode = 550;
        callback(e);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
          const headers: Record<string, string> = {};
          for (const line of head.split(/\r?\n/)) {
            const i = line.indexOf(':');
            if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] ??= line.slice(i + 1).trim();
          }
          this.accepted.push({ to: session.envelope.rcptTo.map((r) => r.address), headers, raw, at: Date.now() });
          callback();
        });
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(this.port, '127.0.0.1', () => ok());
    });
    this.server = server;
  }

  /** Stops listening and drops open connections: an SMTP outage until start() is called again. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((ok) => server.close(() => ok()));
  }
}
