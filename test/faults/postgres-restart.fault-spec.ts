import { metric, ServiceName, waitFor } from '@civic/testing';
import { FaultStack } from './support/fault-stack';
import { expectPipelineConverged } from './support/pipeline-checks';
import { Writer } from './support/workload';

/**
 * PostgreSQL (every service's database) crashes and restarts under write load: writes in flight are refused or
 * acknowledged, never lost once acknowledged; relays and consumers wait the outage out and carry on where they were.
 */
describe('fault: PostgreSQL restarted under write load', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await FaultStack.start();
  });

  afterAll(async () => {
    await stack?.infra.ensureUp();
    await stack?.stop();
  });

  it('keeps every acknowledged write and applies each once after the restart; relays and consumers retried through the outage', async () => {
    const writer = new Writer({ registry: [stack.url('project-registry')], pool: [stack.url('expert-pool')] }, stack.runId);
    let stop = false;
    const trickle = writer.run({ concurrency: 8, stop: () => stop });
    const feedCount = async () => Number((await stack.query<{ n: number }>('reporting', `SELECT count(*)::int AS n FROM event_feed`))[0].n);
    await waitFor('events flowing to reporting', async () => (await feedCount()) >= 300, { timeoutMs: 120_000, intervalMs: 50 });

    // A crash (no checkpoint, every connection cut), three seconds down, then the same cluster again.
    const ackedBefore = writer.ledger.acked;
    await stack.infra.postgres.stop('immediate');
    await stack.closeClients();
    await new Promise((r) => setTimeout(r, 3000));
    await stack.infra.postgres.start();
    const refusedDuringOutage = [...writer.ledger.refused.values()].reduce((a, b) => a + b, 0);

    await waitFor('writes acknowledged again', () => writer.ledger.acked > ackedBefore + 200, { timeoutMs: 120_000, intervalMs: 200 });
    stop = true;
    await trickle;

    const summary = await expectPipelineConverged(stack, writer.ledger, 300_000);
    for (const s of [...stack.replicas.values()].flat()) expect({ service: s.name, exitCode: s.exitCode }).toEqual({ service: s.name, exitCode: null });
    const consumers = ['expert-pool', 'matching', 'reporting'] as const;
    const sum = async (name: string, services: readonly ServiceName[], labels: Record<string, string> = {}) =>
      (await Promise.all(services.map((s) => metric(stack.url(s), name, labels)))).reduce((a, b) => a + b, 0);
    const relayFailures = await sum('outbox_publish_failures_total', ['project-registry', 'expert-pool']);
    const consumerWaits = await sum('events_consumer_transient_failures_total', consumers);
    const deadLettered = await sum('events_consumed_total', consumers, { outcome: 'dead_lettered' });
    console.log(
      `postgres restart: ${JSON.stringify(summary)}; refused during the outage ${refusedDuringOutage} (${JSON.stringify([...writer.ledger.refused])}); ` +
        `relay batch failures ${relayFailures}, consumer transient retries ${consumerWaits}, dead-lettered ${deadLettered}`,
    );
    expect(relayFailures + consumerWaits).toBeGreaterThan(0);
    // The database's outage is not the events' fault: none of them may end up dead-lettered for it.
    expect(deadLettered).toBe(0);
  });
});
