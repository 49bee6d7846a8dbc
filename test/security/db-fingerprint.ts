import { Client } from 'pg';
import type { ServiceName } from '@civic/testing';

/**
 * The tables each service writes on behalf of HTTP requests (tables fed by its Kafka consumers move on their own and
 * are left out). `hashed` tables are compared row for row; `counted` ones by row count (the relay stamps outbox rows
 * as published, but a request adds rows). `busy` counts background work a request can start.
 */
const WRITTEN_BY_HTTP: Record<ServiceName, { hashed: string[]; counted: string[]; busy?: string }> = {
  'project-registry': {
    hashed: ['project', 'import_job', 'audit_entry'],
    counted: ['outbox_event'],
    busy: `SELECT count(*)::int AS n FROM import_job WHERE status IN ('queued', 'running')`,
  },
  'expert-pool': {
    hashed: ['expert', 'import_job', 'university_coordinators', 'audit_entry'],
    counted: ['outbox_event'],
    busy: `SELECT count(*)::int AS n FROM import_job WHERE status IN ('queued', 'running')`,
  },
  matching: {
    hashed: ['round', 'assignment', 'round_team', 'university_decline', 'audit_entry'],
    counted: ['outbox_event'],
    busy: `SELECT count(*)::int AS n FROM round WHERE status = 'running'`,
  },
  reporting: { hashed: ['audit_entry'], counted: [] },
  notifications: { hashed: ['audit_entry'], counted: [] },
};

/** A digest of what HTTP requests may change in one service's database. */
export class DbFingerprint {
  private constructor(
    private readonly service: ServiceName,
    private readonly client: Client,
  ) {}

  static async open(service: ServiceName, databaseUrl: string): Promise<DbFingerprint> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return new DbFingerprint(service, client);
  }

  /** One string that changes when any HTTP-written row does (one round trip). */
  async take(): Promise<string> {
    const spec = WRITTEN_BY_HTTP[this.service];
    const parts = [
      ...spec.hashed.map((t) => `(SELECT count(*) || ':' || md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) FROM ${t} t) AS "${t}"`),
      ...spec.counted.map((t) => `(SELECT count(*)::text FROM ${t}) AS "${t}"`),
    ];
    const { rows } = await this.client.query(`SELECT ${parts.join(', ')}`);
    return Object.entries(rows[0]).map(([t, v]) => `${t}:${v}`).join(' ');
  }

  /** Background work (import jobs, rounds) still running. */
  async busy(): Promise<number> {
    const q = WRITTEN_BY_HTTP[this.service].busy;
    return q ? (await this.client.query(q)).rows[0].n : 0;
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** Waits until no service has background work and every fingerprint holds still for `stableMs`. */
export async function waitUntilQuiet(prints: DbFingerprint[], { stableMs = 900, timeoutMs = 60_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let since = Date.now();
  for (;;) {
    const busy = (await Promise.all(prints.map((p) => p.busy()))).reduce((a, b) => a + b, 0);
    const now = (await Promise.all(prints.map((p) => p.take()))).join('|');
    if (busy > 0 || now !== last) {
      if (process.env.FUZZ_DEBUG) console.log(`settling: busy ${busy} ${now === last ? '' : now}`);
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= stableMs) return;
    if (Date.now() > deadline) throw new Error('the databases did not settle');
    await new Promise((r) => setTimeout(r, 100));
  }
}
