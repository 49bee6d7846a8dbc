import { TOPICS } from '@civic/contracts';
import { metric, ServiceName, waitFor } from '@civic/testing';
import { FaultStack } from './support/fault-stack';
import { readTopic } from './support/kafka-tools';
import { expectPipelineConverged } from './support/pipeline-checks';
import { Writer } from './support/workload';

const CONSUMERS = ['expert-pool', 'matching', 'reporting'] as const;

/**
 * Two replicas of every service at once, the second ones joining while events stream: the producers' relays share
 * one outbox and keep each key's events in order, the consumers share the partitions (a rebalance hands them over
 * mid-stream), and no event is applied twice.
 */
describe('fault: two replicas of every service at once', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    // Small transactions, so a kill lands mid-batch; a short session, so the survivors take over soon.
    stack = await FaultStack.start({ env: { CONSUMER_TX_BATCH: '10', CONSUMER_SESSION_TIMEOUT_MS: '10000' } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('shares partitions and the outbox, keeps per-key order and applies every event exactly once', async () => {
    const writer = new Writer({ registry: [stack.url('project-registry')], pool: [stack.url('expert-pool')] }, stack.runId);
    let stop = false;
    const trickle = writer.run({ concurrency: 6, stop: () => stop, mix: { updateProject: 5, updateExpert: 4 } });
    await waitFor('events flowing', () => writer.ledger.acked > 200, { timeoutMs: 60_000 });

    // The second replicas join mid-stream: every consumer group rebalances while it has events in hand.
    for (const name of ['project-registry', 'expert-pool', 'matching', 'reporting'] as const) await stack.addReplica(name);
    const writer2 = new Writer({ registry: [stack.url('project-registry', 1), stack.url('project-registry', 0)], pool: [stack.url('expert-pool', 1), stack.url('expert-pool', 0)] }, `${stack.runId}b`, 23);
    const trickle2 = writer2.run({ concurrency: 6, stop: () => stop, mix: { updateProject: 5, updateExpert: 4 } });
    const importing = writer2.importProjects(700, 1);
    const keys = await importing;
    writer2.acknowledge('projects', (await stack.query<{ id: string; revision: number }>('project-registry', `SELECT id, revision FROM project WHERE external_key = ANY($1)`, [keys])).map((r) => [r.id, r.revision]));
    await waitFor('more writes through both replicas', () => writer2.ledger.acked > 1200, { timeoutMs: 240_000, intervalMs: 500 });
    stop = true;
    await Promise.all([trickle, trickle2]);

    const ledger = {
      projects: new Map([...writer.ledger.projects, ...writer2.ledger.projects]),
      experts: new Map([...writer.ledger.experts, ...writer2.ledger.experts]),
      acked: writer.ledger.acked + writer2.ledger.acked,
      refused: new Map([...writer.ledger.refused, ...writer2.ledger.refused]),
    };
    const summary = await expectPipelineConverged(stack, ledger, 300_000);

    // Both relays published, and both replicas of each consumer applied events.
    const perReplica = async (name: ServiceName, metricName: string, labels: Record<string, string> = {}) =>
      Promise.all([0, 1].map((i) => metric(stack.url(name, i), metricName, labels)));
    const published = {
      'project-registry': await perReplica('project-registry', 'events_published_total'),
      'expert-pool': await perReplica('expert-pool', 'events_published_total'),
    };
    const applied: Record<string, number[]> = {};
    for (const name of CONSUMERS) applied[name] = await perReplica(name, 'events_consumed_total', { outcome: 'applied' });
    const duplicates: Record<string, number[]> = {};
    for (const name of CONSUMERS) duplicates[name] = await perReplica(name, 'events_consumed_total', { outcome: 'duplicate' });

    // Nothing applied twice: the replicas' applied events add up to exactly the events each group consumes.
    const events = summary.events;
    const consumed: Record<(typeof CONSUMERS)[number], number> = {
      'expert-pool': events['project-registry']!,
      matching: events['project-registry']! + events['expert-pool']!,
      reporting: events['project-registry']! + events['expert-pool']! + (events.matching ?? 0),
    };
    for (const name of CONSUMERS) {
      expect({ name, applied: applied[name][0] + applied[name][1] }).toEqual({ name, applied: consumed[name] });
      expect(Math.min(...applied[name])).toBeGreaterThan(0);
    }
    for (const [name, counts] of Object.entries(published)) expect({ name, min: Math.min(...counts) > 0 }).toEqual({ name, min: true });

    // Per-key order on the topics: a key's revisions never go back (a republished duplicate may repeat one).
    const disorder: string[] = [];
    let messages = 0;
    let distinct = 0;
    for (const topic of [TOPICS.projects, TOPICS.experts]) {
      const list = await readTopic(stack.infra.kafka.brokers, `${stack.runId}.${topic}`);
      messages += list.length;
      const ids = new Set<string>();
      const lastRevision = new Map<string, number>();
      for (const m of list) {
        const e = JSON.parse(m.value!);
        ids.add(e.id);
        const before = lastRevision.get(e.key) ?? 0;
        if (e.payload.revision < before) disorder.push(`${topic} ${e.key}: revision ${e.payload.revision} after ${before} (partition ${m.partition} offset ${m.offset})`);
        lastRevision.set(e.key, Math.max(before, e.payload.revision));
      }
      distinct += ids.size;
    }
    const multiRevisionKeys = [...ledger.projects.values(), ...ledger.experts.values()].filter((r) => r > 1).length;
    console.log(
      `replicas: ${JSON.stringify(summary)}; published per replica ${JSON.stringify(published)}; applied per replica ${JSON.stringify(applied)}; ` +
        `duplicates skipped ${JSON.stringify(duplicates)}; ${messages} messages on the registries' topics for ${distinct} events, ${multiRevisionKeys} keys with several revisions`,
    );
    expect(disorder).toEqual([]);
    expect(multiRevisionKeys).toBeGreaterThan(50);

    // One replica of each read-model service dies mid-burst: its partitions move to the survivor (after the dead
    // member's session times out), which gets the events the dead one applied but had not committed, and skips them.
    const inboxCount = async (name: ServiceName) => Number((await stack.query<{ n: number }>(name, `SELECT count(*)::int AS n FROM inbox_event`))[0].n);
    const before = { matching: await inboxCount('matching'), reporting: await inboxCount('reporting') };
    const burst = writer2.importProjects(700, 2);
    const at = 60 + Math.floor(Math.random() * 200); // anywhere in the burst, not at a transaction boundary
    await waitFor('the burst reaching both read models', async () => (await inboxCount('matching')) > before.matching + at && (await inboxCount('reporting')) > before.reporting + at, {
      timeoutMs: 120_000,
      intervalMs: 10,
    });
    await Promise.all([stack.service('matching', 1).kill9(), stack.service('reporting', 1).kill9()]);
    const burstKeys = await burst;
    writer2.acknowledge('projects', (await stack.query<{ id: string; revision: number }>('project-registry', `SELECT id, revision FROM project WHERE external_key = ANY($1)`, [burstKeys])).map((r) => [r.id, r.revision]));
    for (const [k, v] of writer2.ledger.projects) ledger.projects.set(k, v);
    const after = await expectPipelineConverged(stack, ledger, 300_000);
    const redelivered = {
      matching: (await metric(stack.url('matching', 0), 'events_consumed_total', { outcome: 'duplicate' })) - duplicates.matching[0],
      reporting: (await metric(stack.url('reporting', 0), 'events_consumed_total', { outcome: 'duplicate' })) - duplicates.reporting[0],
    };
    console.log(`replicas after killing one of each read model mid-burst: ${JSON.stringify(after)}; the survivors skipped ${JSON.stringify(redelivered)} redelivered events`);
    expect(redelivered.matching + redelivered.reporting).toBeGreaterThan(0);
  });
});
