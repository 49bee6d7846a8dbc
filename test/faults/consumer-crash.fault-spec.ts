import { TOPICS } from '@civic/contracts';
import { metric, waitFor } from '@civic/testing';
import { FaultStack } from './support/fault-stack';
import { endOffsets, groupBehind } from './support/kafka-tools';
import { expectPipelineConverged } from './support/pipeline-checks';
import { Writer } from './support/workload';

/**
 * kill -9 of consuming services in the middle of a batch: the events they applied after the last offset commit come
 * back after the restart, and their inbox rows make them no-ops.
 */
describe('fault: a consumer killed with SIGKILL mid-batch', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    // Small transactions, so the kill lands between committed transactions and before the batch's offset commit.
    stack = await FaultStack.start({ env: { CONSUMER_TX_BATCH: '10' } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('applies every acknowledged write exactly once after the restart, and the restarted consumer really saw redeliveries', async () => {
    const writer = new Writer({ registry: [stack.url('project-registry')], pool: [stack.url('expert-pool')] }, stack.runId);
    let stop = false;
    const trickle = writer.run({ concurrency: 4, stop: () => stop });
    const inboxCount = async (service: 'reporting' | 'matching') =>
      Number((await stack.query<{ n: number }>(service, `SELECT count(*)::int AS n FROM inbox_event`))[0].n);

    const brokers = stack.infra.kafka.brokers;
    const topics = [TOPICS.projects, TOPICS.experts].map((t) => `${stack.runId}.${t}`);
    const redeliveries: Record<string, number> = {};
    let burst = 0;
    for (const service of ['reporting', 'matching'] as const) {
      // A kill can land just after an offset commit, with nothing to redeliver: then burst and kill again (3 times at most).
      for (let kill = 1; kill <= 3 && !redeliveries[service]; kill++) {
        const before = await inboxCount(service);
        // An import of 700 projects is one transaction: its events reach the consumer as large fetched batches.
        const importing = writer.importProjects(700, ++burst);
        const at = 60 + Math.floor(Math.random() * 240); // anywhere in the burst, not at a transaction boundary
        await waitFor(`${service} in the middle of the burst`, async () => (await inboxCount(service)) >= before + at, { timeoutMs: 120_000, intervalMs: 10 });
        await stack.service(service).kill9();
        const killedAt = await inboxCount(service);
        // Whatever the killed process applied without committing its offset was on the topics by now.
        const endsAtKill = await endOffsets(brokers, topics);
        const keys = await importing;
        writer.acknowledge('projects', (await stack.query<{ id: string; revision: number }>('project-registry', `SELECT id, revision FROM project WHERE external_key = ANY($1)`, [keys])).map((r) => [r.id, r.revision]));
        await stack.service(service).start(180_000);
        // Caught up means past every redelivery: the burst applied, and the group's offsets past the ends at the
        // kill. (The inbox count alone can reach the mark on other partitions' events before a redelivered
        // partition is read again, and the count of redeliveries would then be read too early.)
        await waitFor(
          `${service} to catch up after the restart`,
          async () => (await inboxCount(service)) >= before + 700 && (await groupBehind(brokers, `${stack.runId}.${service}`, endsAtKill)).size === 0,
          { timeoutMs: 180_000, intervalMs: 500 },
        );
        redeliveries[service] = await metric(stack.url(service), 'events_consumed_total', { outcome: 'duplicate' });
        console.log(`${service}: killed with ${killedAt - before} of the burst's 700 events applied; ${redeliveries[service]} redelivered after the restart`);
      }
    }
    stop = true;
    await trickle;

    const summary = await expectPipelineConverged(stack, writer.ledger);
    console.log(`consumer kill -9: ${JSON.stringify(summary)}; redelivered after restart ${JSON.stringify(redeliveries)}; refused writes ${JSON.stringify([...writer.ledger.refused])}`);
    expect(writer.ledger.acked).toBeGreaterThan(1400);
    expect(redeliveries.reporting).toBeGreaterThan(0);
    expect(redeliveries.matching).toBeGreaterThan(0);
  });
});
