import { metric, waitFor } from '@civic/testing';
import { tryApi } from './support/api';
import { FaultStack } from './support/fault-stack';
import { expectPipelineConverged } from './support/pipeline-checks';
import { Writer } from './support/workload';

/**
 * kill -9 of the only Kafka broker while events stream, writes going on throughout: writes are still acknowledged
 * (they wait in the outboxes), and once the broker is back every one of them reaches every read model once.
 */
describe('fault: the Kafka broker killed with SIGKILL mid-stream', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await FaultStack.start();
  });

  afterAll(async () => {
    await stack?.infra.kafka.start(); // whatever happened, leave a broker for the next suite
    await stack?.stop();
  });

  it('holds acknowledged writes in the outbox while the broker is away and delivers each once after its restart', async () => {
    const registry = stack.url('project-registry');
    const writer = new Writer({ registry: [registry], pool: [stack.url('expert-pool')] }, stack.runId);
    let stop = false;
    const trickle = writer.run({ concurrency: 6, stop: () => stop });
    const feedCount = async () => Number((await stack.query<{ n: number }>('reporting', `SELECT count(*)::int AS n FROM event_feed`))[0].n);

    // Mid-stream: events are flowing to the consumers when the broker dies.
    await waitFor('events flowing to reporting', async () => (await feedCount()) >= 300, { timeoutMs: 120_000, intervalMs: 50 });
    const importing = writer.importProjects(700, 1);
    await waitFor('the import burst on its way', async () => (await feedCount()) >= 420, { timeoutMs: 120_000, intervalMs: 10 });
    await stack.infra.kafka.kill9();
    const ackedAtKill = writer.ledger.acked;

    // While the broker is dead the services still take writes; the relay cannot publish, so the outbox fills.
    const backlog = await waitFor(
      'the registry to report its outbox backlog while the broker is down',
      async () => {
        const [row] = await stack.query<{ n: number }>('project-registry', `SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`);
        return row.n > 20 ? row.n : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    const health = await tryApi('GET', `${registry}/health`);
    await new Promise((r) => setTimeout(r, 3000));
    const ackedWhileDown = writer.ledger.acked - ackedAtKill;

    await stack.infra.kafka.start();
    const keys = await importing;
    writer.acknowledge('projects', (await stack.query<{ id: string; revision: number }>('project-registry', `SELECT id, revision FROM project WHERE external_key = ANY($1)`, [keys])).map((r) => [r.id, r.revision]));
    await new Promise((r) => setTimeout(r, 5000)); // and writes go on after the restart
    stop = true;
    await trickle;

    const summary = await expectPipelineConverged(stack, writer.ledger, 300_000);
    const clientErrors = await metric(registry, 'kafka_client_errors_total');
    const relayFailures = await metric(registry, 'outbox_publish_failures_total');
    const consumers = ['expert-pool', 'matching', 'reporting'] as const;
    const redelivered = (await Promise.all(consumers.map((s) => metric(stack.url(s), 'events_consumed_total', { outcome: 'duplicate' })))).reduce((a, b) => a + b, 0);
    console.log(
      `broker kill -9: ${JSON.stringify(summary)}; ${ackedWhileDown} writes acknowledged while it was down (registry backlog ${backlog}, ` +
        `/health ${health.status}); registry Kafka client errors ${clientErrors}, relay batch failures ${relayFailures}; consumers saw ${redelivered} redeliveries`,
    );
    expect(ackedWhileDown).toBeGreaterThan(0);
    expect(health.status).toBe(503);
    // The producer really went through failures and retried (kafkajs's own retries, or the relay's).
    expect(clientErrors + relayFailures).toBeGreaterThan(0);
  });
});
