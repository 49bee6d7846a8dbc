import { TOPICS } from '@civic/contracts';
import type { ServiceName } from '@civic/testing';
import { FaultStack } from './fault-stack';
import type { WriteLedger } from './workload';

/** Which services' events each consumer applies (by the producers' outboxes). */
const CONSUMES: Partial<Record<ServiceName, ServiceName[]>> = {
  'expert-pool': ['project-registry'],
  matching: ['project-registry', 'expert-pool'],
  reporting: ['project-registry', 'expert-pool', 'matching'],
};
/** Topics of those producers that a consumer does not subscribe to (matching needs no coordinators). */
const NOT_CONSUMED: Partial<Record<ServiceName, string[]>> = {
  matching: [TOPICS.coordinators],
};

/** What the pipeline held once it had converged. */
export interface PipelineSummary {
  /** Events in the producers' outboxes, by producer. */
  events: Partial<Record<ServiceName, number>>;
  projects: number;
  experts: number;
  /** Acknowledged writes checked. */
  acked: number;
}

interface Snapshot {
  problems: string[];
  summary: PipelineSummary;
}

/**
 * Waits until every consumer's read model and inbox agree with the producers' databases, then returns; fails with
 * the differences if they do not agree within the time. Agreement means no loss and no duplicate effect:
 * - every acknowledged write is in its producer's database (at the acknowledged revision or later);
 * - every outbox row is published;
 * - each consumer's inbox holds exactly the ids of the events it consumes (one row per event: applied once, none missing);
 * - matching's and expert-pool's copies of projects and experts carry exactly the producers' current revisions;
 * - reporting's feed holds every event exactly once.
 */
export async function expectPipelineConverged(
  stack: FaultStack,
  ledger: WriteLedger | undefined,
  timeoutMs = 180_000,
  /** Ids of events the test put on a topic itself (no outbox has them): consumers may hold them. */
  injected: ReadonlySet<string> = new Set(),
): Promise<PipelineSummary> {
  const deadline = Date.now() + timeoutMs;
  let last: Snapshot | undefined;
  for (;;) {
    try {
      last = await inspect(stack, ledger, injected);
      if (last.problems.length === 0) return last.summary;
    } catch (e) {
      last = { problems: [`inspection failed: ${(e as Error).message}`], summary: last?.summary ?? { events: {}, projects: 0, experts: 0, acked: 0 } };
    }
    if (Date.now() > deadline) {
      throw new Error(`the pipeline did not converge within ${timeoutMs} ms:\n  - ${last.problems.slice(0, 40).join('\n  - ')}\n${stack.logs()}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function inspect(stack: FaultStack, ledger: WriteLedger | undefined, injected: ReadonlySet<string>): Promise<Snapshot> {
  const present = (n: ServiceName) => stack.replicas.has(n);
  const problems: string[] = [];
  const events = new Map<ServiceName, Array<{ id: string; topic: string }>>();
  const summary: PipelineSummary = { events: {}, projects: 0, experts: 0, acked: ledger?.acked ?? 0 };

  for (const producer of ['project-registry', 'expert-pool', 'matching'] as ServiceName[]) {
    if (!present(producer)) continue;
    const rows = await stack.query<{ event_id: string; topic: string; published: boolean }>(producer, `SELECT event_id, topic, published_at IS NOT NULL AS published FROM outbox_event`);
    events.set(
      producer,
      rows.map((r) => ({ id: r.event_id, topic: r.topic })),
    );
    summary.events[producer] = rows.length;
    const waiting = rows.filter((r) => !r.published).length;
    if (waiting) problems.push(`${producer}: ${waiting} outbox rows not yet published`);
  }

  const sources = {
    project: present('project-registry') ? await revisions(stack, 'project-registry', `SELECT id, revision FROM project`) : undefined,
    expert: present('expert-pool') ? await revisions(stack, 'expert-pool', `SELECT id, revision FROM expert`) : undefined,
  };
  summary.projects = sources.project?.size ?? 0;
  summary.experts = sources.expert?.size ?? 0;
  if (ledger) {
    for (const [what, acked, source] of [
      ['project', ledger.projects, sources.project],
      ['expert', ledger.experts, sources.expert],
    ] as const) {
      if (!source) continue;
      for (const [id, revision] of acked) {
        const stored = source.get(id);
        if (stored === undefined || stored < revision) problems.push(`acknowledged ${what} ${id} revision ${revision} is ${stored === undefined ? 'missing' : `at revision ${stored}`} in its own database`);
      }
    }
  }

  for (const [consumer, producers] of Object.entries(CONSUMES) as Array<[ServiceName, ServiceName[]]>) {
    if (!present(consumer)) continue;
    const expected = new Set<string>();
    // Topics carry the run's prefix: a topic is skipped when it ends with a base name the consumer does not take.
    const skipped = NOT_CONSUMED[consumer] ?? [];
    for (const p of producers) for (const e of events.get(p) ?? []) if (!skipped.some((t) => e.topic.endsWith(t))) expected.add(e.id);
    const inbox = await stack.query<{ event_id: string }>(consumer, `SELECT event_id FROM inbox_event`);
    const seen = new Set(inbox.map((r) => r.event_id));
    const missing = [...expected].filter((id) => !seen.has(id));
    const extra = [...seen].filter((id) => !expected.has(id) && !injected.has(id));
    if (missing.length) problems.push(`${consumer}: ${missing.length} events not applied (e.g. ${missing.slice(0, 3).join(', ')})`);
    if (extra.length) problems.push(`${consumer}: ${extra.length} inbox rows for events no producer has (e.g. ${extra.slice(0, 3).join(', ')})`);
  }

  const copies: Array<[ServiceName, string, Map<string, number> | undefined, string]> = [
    ['matching', `SELECT project_id AS id, revision FROM project_view`, sources.project, 'project'],
    ['matching', `SELECT expert_id AS id, revision FROM expert_view`, sources.expert, 'expert'],
    ['expert-pool', `SELECT project_id AS id, revision FROM known_project`, sources.project, 'project'],
  ];
  for (const [consumer, sql, source, what] of copies) {
    if (!present(consumer) || !source) continue;
    const copy = await revisions(stack, consumer, sql);
    const wrong = [...source].filter(([id, rev]) => copy.get(id) !== rev);
    const unknown = [...copy.keys()].filter((id) => !source.has(id));
    if (wrong.length) {
      const [id, rev] = wrong[0];
      problems.push(`${consumer}: ${wrong.length} ${what}s differ from their source (e.g. ${id}: source revision ${rev}, copy ${copy.get(id) ?? 'missing'})`);
    }
    if (unknown.length) problems.push(`${consumer}: ${unknown.length} ${what}s the source does not have`);
  }

  if (present('reporting')) {
    const [feed] = await stack.query<{ rows: number; ids: number }>(
      'reporting',
      `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS ids FROM event_feed WHERE NOT (event_id::text = ANY($1))`,
      [[...injected]],
    );
    const all = [...events.values()].reduce((n, s) => n + s.length, 0);
    if (feed.rows !== feed.ids) problems.push(`reporting: the feed holds ${feed.rows - feed.ids} duplicate events`);
    if (feed.ids !== all) problems.push(`reporting: the feed holds ${feed.ids} events, the producers ${all}`);
  }
  return { problems, summary };
}

async function revisions(stack: FaultStack, service: ServiceName, sql: string): Promise<Map<string, number>> {
  const rows = await stack.query<{ id: string; revision: number }>(service, sql);
  return new Map(rows.map((r) => [r.id, Number(r.revision)]));
}
