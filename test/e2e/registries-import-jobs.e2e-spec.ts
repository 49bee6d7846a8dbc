import { Client } from 'pg';
import { generateSeason, seasonCsvFiles } from '@civic/catalogue';
import { requestJson, ServiceStack, waitFor } from '@civic/testing';

/**
 * A large import is a job: its progress can be watched batch by batch, and a service stopped in the middle of one
 * picks it up again at the next start and finishes it without duplicating a row or an event.
 */
describe('registries: large import jobs', () => {
  // Scale 20: 3,500 projects, seven batches.
  const csv = seasonCsvFiles(generateSeason({ seed: 7, scale: 20 }))['projects.csv'];
  let stack: ServiceStack;
  let db: Client;
  let registry: string;

  const upload = async (mode: string): Promise<string> => {
    const res = await fetch(`${registry}/projects/imports?mode=${mode}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    expect(res.status).toBe(202);
    return ((await res.json()) as { id: string }).id;
  };
  const job = async (id: string) => (await requestJson('GET', `${registry}/projects/imports/${id}`)).body;

  beforeAll(async () => {
    stack = await ServiceStack.start({ names: ['project-registry'] });
    registry = stack.service('project-registry').url;
    db = new Client({ connectionString: stack.databaseUrl('project-registry') });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  it('a service stopped in the middle of an import resumes it at the next start: every row once, every event once', async () => {
    const id = await upload('valid-rows');
    const partway = await waitFor('the first batch to commit', async () => {
      const j = await job(id);
      return j.counts.created > 0 ? j : undefined;
    }, { intervalMs: 20 });
    expect(partway.status).toBe('running');
    expect(partway.counts.created).toBeLessThan(3500);

    await stack.service('project-registry').stop();
    const { rows: [left] } = await db.query(`SELECT status, created FROM import_job WHERE id = $1`, [id]);
    // A graceful stop finishes the batch in hand and hands the job back to the queue.
    expect(left.status).toBe('queued');
    expect(left.created).toBeGreaterThan(0);
    expect(left.created).toBeLessThan(3500);

    await stack.service('project-registry').start();
    const done = await waitFor('the resumed job to complete', async () => {
      const j = await job(id);
      return j.status === 'completed' ? j : undefined;
    }, { timeoutMs: 120_000, intervalMs: 200 });
    // The job restarts from the top: rows committed before the stop are now unchanged.
    expect(done.counts).toMatchObject({ total: 3500, checked: 3500, rejected: 0, updated: 0 });
    expect(done.counts.created + done.counts.unchanged).toBe(3500);
    expect(done.counts.unchanged).toBeGreaterThanOrEqual(left.created);

    const { rows: [counts] } = await db.query(
      `SELECT (SELECT count(*)::int FROM project) AS projects, (SELECT count(DISTINCT key)::int FROM outbox_event) AS keys,
              (SELECT count(*)::int FROM outbox_event) AS events, (SELECT payload IS NULL FROM import_job WHERE id = $1) AS cleared`,
      [id],
    );
    expect(counts).toEqual({ projects: 3500, keys: 3500, events: 3500, cleared: true });
  });

  it('an all-or-nothing import shows rows checked before anything is written, then all of them at once', async () => {
    const id = await upload('all-or-nothing');
    const seen: { status: string; checked: number; created: number; unchanged: number }[] = [];
    await waitFor('the job to end', async () => {
      const j = await job(id);
      seen.push({ status: j.status, ...j.counts });
      return j.status === 'completed';
    }, { timeoutMs: 120_000, intervalMs: 20 });
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ status: 'completed', checked: 3500, unchanged: 3500, created: 0 });
    // Progress only grows, and nothing counts as written before every row has been checked.
    for (let k = 1; k < seen.length; k++) expect(seen[k].checked).toBeGreaterThanOrEqual(seen[k - 1].checked);
    for (const s of seen) if (s.status !== 'completed') expect(s.unchanged + s.created).toBe(0);
  });
});
