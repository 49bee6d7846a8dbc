import { randomUUID } from 'node:crypto';
import { TOPICS } from '@civic/contracts';
import { metric, requestJson, waitFor } from '@civic/testing';
import { FaultStack } from './support/fault-stack';
import { readTopic, produceRaw } from './support/kafka-tools';
import { expectPipelineConverged } from './support/pipeline-checks';
import { Writer } from './support/workload';

interface Letter {
  id: string;
  origin: { topic: string; partition: number; offset: string };
  eventId: string | null;
  eventType: string | null;
  key: string | null;
  error: string;
  attempts: number;
  status: string;
  replays: number;
  firstFailedAt: string;
}

/**
 * Poison: a message that is not an event at all, an event whose payload breaks its contract, and an event one service
 * refuses because of a bug. Each goes through the retry topic with back-off (the first two straight) to the dead-letter
 * topic and the service's dead letters, the partition keeps flowing meanwhile, and once the bug is fixed a replay
 * applies the refused event exactly once.
 */
describe('fault: poison messages', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await FaultStack.start();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('dead-letters them with origin and error after their retries, keeps the partition flowing, and replays a fixed one exactly once', async () => {
    const writer = new Writer({ registry: [stack.url('project-registry')], pool: [stack.url('expert-pool')] }, stack.runId);
    const matching = stack.url('matching');
    const topic = `${stack.runId}.${TOPICS.projects}`;
    let stop = false;
    const trickle = writer.run({ concurrency: 4, stop: () => stop, mix: { registerExpert: 0, updateExpert: 0 } });
    await waitFor('events flowing', () => writer.ledger.acked > 50, { timeoutMs: 60_000 });

    // A bug in matching: its read model refuses one project (a trigger stands in for the faulty code).
    const refusedKey = `${stack.runId}-REFUSED`;
    await stack.query('matching', `CREATE FUNCTION fault_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'fault suite refuses project %', NEW.snapshot->>'externalKey'; END $$`);
    await stack.query('matching', `CREATE TRIGGER fault_refuse BEFORE INSERT OR UPDATE ON project_view FOR EACH ROW WHEN (NEW.snapshot->>'externalKey' = '${refusedKey}') EXECUTE FUNCTION fault_refuse()`);

    const badEnvelope = {
      id: randomUUID(),
      type: 'project.registered',
      version: 1,
      occurredAt: new Date().toISOString(),
      source: 'fault-suite',
      correlationId: 'poison',
      key: 'POISON-PAYLOAD',
      payload: { note: 'an envelope whose payload has none of a project' },
    };
    await produceRaw(stack.infra.kafka.brokers, topic, [
      { key: 'POISON-UNREADABLE', value: '{"this is": not an event' },
      { key: 'POISON-PAYLOAD', value: JSON.stringify(badEnvelope), headers: { 'event-id': badEnvelope.id, 'event-type': badEnvelope.type } },
    ]);
    const refusedId = await writer.registerProject(refusedKey);
    expect(refusedId).toBeDefined();

    const lettersOf = async (service: 'matching' | 'expert-pool' | 'reporting'): Promise<Letter[]> => {
      const res = await requestJson('GET', `${stack.url(service)}/admin/dead-letters?status=dead`);
      expect(res.status).toBe(200);
      return res.body.items;
    };
    const letters = await waitFor('matching to dead-letter the three', async () => {
      const list = await lettersOf('matching');
      return list.length >= 3 ? list : undefined;
    }, { timeoutMs: 120_000, intervalMs: 250 });
    const byKey = new Map(letters.map((l) => [l.key, l]));
    expect(byKey.get('POISON-UNREADABLE')).toMatchObject({ eventId: null, attempts: 1, origin: { topic } });
    expect(byKey.get('POISON-UNREADABLE')!.error).toMatch(/not JSON/);
    // A payload that breaks its contract is refused before any handler, at once: it would fail every attempt.
    expect(byKey.get('POISON-PAYLOAD')).toMatchObject({ eventId: badEnvelope.id, attempts: 1, origin: { topic } });
    expect(byKey.get('POISON-PAYLOAD')!.error).toMatch(/payload breaks the project\.registered v1 contract: .*payload\.projectId: /);
    const refused = letters.find((l) => l.key === refusedId && l.eventType === 'project.registered')!;
    expect(refused).toMatchObject({ attempts: 4, origin: { topic }, status: 'dead' });
    expect(refused.error).toContain(`fault suite refuses project ${refusedKey}`);
    // Every consumer checks the contract: expert-pool and reporting (which only keeps a feed) refuse both too.
    expect((await lettersOf('expert-pool')).map((l) => l.key).sort()).toEqual(['POISON-PAYLOAD', 'POISON-UNREADABLE']);
    expect((await lettersOf('reporting')).map((l) => l.key).sort()).toEqual(['POISON-PAYLOAD', 'POISON-UNREADABLE']);

    // The retries really happened (three for the refused project before the fourth attempt failed) and the dead-letter topic
    // carries the origin and the error in headers.
    expect(await metric(matching, 'events_consumed_total', { outcome: 'retried' })).toBeGreaterThanOrEqual(3);
    const dlq = (await readTopic(stack.infra.kafka.brokers, `${topic}.dlq`)).filter((m) => m.headers['dlq-consumer-group'] === `${stack.runId}.matching`);
    const refusedOnDlq = dlq.find((m) => m.key === refusedId)!;
    expect(refusedOnDlq.headers).toMatchObject({
      'dlq-original-topic': topic,
      'dlq-original-partition': String(refused.origin.partition),
      'dlq-original-offset': refused.origin.offset,
      'dlq-attempts': '4',
    });
    expect(refusedOnDlq.headers['dlq-error']).toContain('fault suite refuses project');

    // The partition kept flowing: later events of the refused event's partition were applied while it was retried.
    const [flow] = await stack.query<{ n: number }>(
      'matching',
      `SELECT count(*)::int AS n FROM inbox_event WHERE topic = $1 AND partition = $2 AND "offset" > $3 AND applied_at < $4`,
      [topic, refused.origin.partition, refused.origin.offset, refused.firstFailedAt],
    );
    expect(flow.n).toBeGreaterThan(0);
    expect(await stack.query('matching', `SELECT 1 FROM project_view WHERE project_id = $1`, [refusedId])).toHaveLength(0);

    // The bug is fixed; the operator replays the dead letter (twice, by mistake): it is applied once.
    await stack.query('matching', `DROP TRIGGER fault_refuse ON project_view`);
    const replay = await requestJson('POST', `${matching}/admin/dead-letters/${refused.id}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ id: refused.id, status: 'replayed', replays: 1 });
    await waitFor('the replayed project in matching', async () => (await stack.query('matching', `SELECT 1 FROM project_view WHERE project_id = $1`, [refusedId])).length === 1, {
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    const duplicatesBefore = await metric(matching, 'events_consumed_total', { outcome: 'duplicate' });
    expect((await requestJson('POST', `${matching}/admin/dead-letters/${refused.id}/replay`)).body.replays).toBe(2);
    await waitFor('the second replay to be skipped as a duplicate', async () => (await metric(matching, 'events_consumed_total', { outcome: 'duplicate' })) > duplicatesBefore, {
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    expect((await requestJson('POST', `${matching}/admin/dead-letters/${randomUUID()}/replay`)).status).toBe(404);
    // The writers kept changing the refused project while the bug was there: those events are dead letters too.
    // The operator replays every dead letter the bug caused, oldest first.
    const later = (await lettersOf('matching')).filter((l) => l.key === refusedId).reverse();
    for (const l of later) expect((await requestJson('POST', `${matching}/admin/dead-letters/${l.id}/replay`)).status).toBe(202);

    stop = true;
    await trickle;
    const summary = await expectPipelineConverged(stack, writer.ledger, 180_000, new Set([badEnvelope.id]));
    const [inbox] = await stack.query<{ n: number }>('matching', `SELECT count(*)::int AS n FROM inbox_event WHERE event_id::text = $1`, [refused.eventId]);
    expect(inbox.n).toBe(1);
    console.log(`poison: ${JSON.stringify(summary)}; matching dead letters ${letters.length}, partition flowed past the poison (${flow.n} later events applied during its retries)`);
  });
});
