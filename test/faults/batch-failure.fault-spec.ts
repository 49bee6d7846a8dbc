import { TOPICS } from '@civic/contracts';
import { metric, requestJson, waitFor } from '@civic/testing';
import { FaultStack } from './support/fault-stack';
import { expectPipelineConverged } from './support/pipeline-checks';
import { Writer } from './support/workload';

/**
 * A consumer transaction shared by several partitions' runs of events (one fetch, TransactionCoalescer) that fails
 * halfway through: one project of an import is refused by matching's read model (a trigger stands in for a bug) while
 * the transaction also holds other partitions' events. Nothing may be lost or applied twice: the shared transaction
 * rolls back whole, each run is applied again on its own, the refused event's run one event per transaction, the
 * refused event goes to the dead letters, and every other event is applied exactly once.
 */
describe('fault: a shared consumer transaction failing halfway', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await FaultStack.start({ env: { CONSUMER_PARTITIONS_CONCURRENTLY: '3', CONSUMER_TX_BATCH: '500' } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('rolls the shared transaction back, re-applies each run alone, dead-letters only the refused event and applies every other one once', async () => {
    const writer = new Writer({ registry: [stack.url('project-registry')], pool: [stack.url('expert-pool')] }, stack.runId);
    const matching = stack.url('matching');
    // Every row matching's read model really inserts (a rolled-back insert leaves no log row), and the bug.
    await stack.query('matching', `CREATE TABLE fault_insert_log (project_id text NOT NULL, logged_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    await stack.query('matching', `CREATE FUNCTION fault_log() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO fault_insert_log (project_id) VALUES (NEW.project_id); RETURN NULL; END $$`);
    await stack.query('matching', `CREATE TRIGGER fault_log AFTER INSERT ON project_view FOR EACH ROW EXECUTE FUNCTION fault_log()`);
    await stack.query('matching', `CREATE FUNCTION fault_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'fault suite refuses project %', NEW.snapshot->>'externalKey'; END $$`);
    await stack.query('matching', `CREATE TRIGGER fault_refuse BEFORE INSERT OR UPDATE ON project_view FOR EACH ROW WHEN (NEW.snapshot->>'externalKey' LIKE '%-I2-350') EXECUTE FUNCTION fault_refuse()`);

    // A first import of 400 projects, nothing refused: one commit, so the relay sends them at once to all three
    // partitions, and the consumer applies the partitions' runs together (rows of several partitions in the inbox
    // with one applied_at, the start of their transaction).
    const first = await writer.importProjects(400, 1);
    const firstIds = (await stack.query<{ id: string; revision: number }>('project-registry', `SELECT id, revision FROM project WHERE external_key = ANY($1)`, [first])).map((r) => [r.id, r.revision] as [string, number]);
    writer.acknowledge('projects', firstIds);
    await waitFor('the first 400 projects in matching', async () => (await stack.query('matching', `SELECT 1 FROM project_view WHERE project_id = ANY($1)`, [firstIds.map(([id]) => id)])).length === 400, {
      timeoutMs: 180_000,
      intervalMs: 250,
    });
    const shared = await stack.query<{ partitions: number }>('matching', `SELECT count(DISTINCT partition)::int AS partitions FROM inbox_event GROUP BY applied_at HAVING count(DISTINCT partition) > 1`);
    expect(shared.length).toBeGreaterThan(0);

    // Then 700 in one import, one of them refused: it arrives in such a shared transaction, which fails.
    const keys = await writer.importProjects(700, 2);
    const projects = await stack.query<{ id: string; external_key: string; revision: number }>('project-registry', `SELECT id, external_key, revision FROM project WHERE external_key = ANY($1)`, [keys]);
    expect(projects).toHaveLength(700);
    writer.acknowledge('projects', projects.map((r) => [r.id, r.revision]));
    const refused = projects.find((p) => p.external_key.endsWith('-I2-350'))!;

    type Letter = { id: string; key: string | null; eventType: string | null; attempts: number; error: string };
    const letter = await waitFor('matching to dead-letter the refused project', async () => {
      const res = await requestJson<{ items: Letter[] }>('GET', `${matching}/admin/dead-letters?status=dead`);
      return res.body.items.find((l) => l.key === refused.id);
    }, { timeoutMs: 180_000, intervalMs: 250 });
    expect(letter.attempts).toBe(4);
    expect(letter.error).toContain('fault suite refuses project');
    await waitFor('the other 699 projects in matching', async () => (await stack.query('matching', `SELECT 1 FROM project_view WHERE project_id = ANY($1)`, [projects.map((p) => p.id)])).length === 699, {
      timeoutMs: 180_000,
      intervalMs: 250,
    });

    expect(await metric(matching, 'events_consumer_batch_fallbacks_total')).toBeGreaterThanOrEqual(1);
    // Exactly once: each of the 1,099 inserted once, each event once in the inbox; the refused one nowhere.
    const log = await stack.query<{ project_id: string; n: number }>('matching', `SELECT project_id, count(*)::int AS n FROM fault_insert_log GROUP BY project_id`);
    expect(log).toHaveLength(1099);
    expect(log.filter((r) => r.n !== 1)).toEqual([]);
    expect(log.some((r) => r.project_id === refused.id)).toBe(false);
    const [inbox] = await stack.query<{ n: number }>('matching', `SELECT count(*)::int AS n FROM inbox_event WHERE topic = $1`, [`${stack.runId}.${TOPICS.projects}`]);
    expect(inbox.n).toBe(1099);

    // The bug is fixed and the dead letter replayed: the pipeline converges with every event applied once everywhere.
    await stack.query('matching', `DROP TRIGGER fault_refuse ON project_view`);
    expect((await requestJson('POST', `${matching}/admin/dead-letters/${letter.id}/replay`)).status).toBe(202);
    const summary = await expectPipelineConverged(stack, writer.ledger);
    expect((await stack.query('matching', `SELECT 1 FROM fault_insert_log WHERE project_id = $1`, [refused.id])).length).toBe(1);
    console.log(`batch failure: ${JSON.stringify(summary)}; shared transactions over several partitions ${shared.length}; fallbacks ${await metric(matching, 'events_consumer_batch_fallbacks_total')}`);
  });
});
