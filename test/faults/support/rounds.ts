import { generateSeason, type Season } from '@civic/catalogue';
import { requestJson, waitFor } from '@civic/testing';
import { importSeasonAndWait } from '../../support/season';
import { FaultStack } from './fault-stack';

/** Imports the Shanghai season (175 projects, 541 teachers, 830 students) and waits for matching's read model. */
export async function seedSeason(stack: FaultStack): Promise<Season> {
  const season = generateSeason({ seed: 1, scale: 1 });
  await importSeasonAndWait(season, { registryUrl: stack.url('project-registry'), expertPoolUrl: stack.url('expert-pool'), matchingUrl: stack.url('matching') }, 180_000);
  return season;
}

/** How a round ended, as matching stored and published it and as reporting received it. */
export interface RoundOutcome {
  status: 'running' | 'completed' | 'failed';
  phase: string;
  assignments: number;
  /** Events of the round in matching's outbox, by type, and how many of them are still unpublished. */
  events: Record<string, number>;
  unpublished: number;
  reporting: { status: string | null; assignments: number };
}

/** Reads a round's outcome from matching's and reporting's databases. */
export async function roundOutcome(stack: FaultStack, roundId: string): Promise<RoundOutcome> {
  const [round] = await stack.query<{ status: RoundOutcome['status']; phase: string }>('matching', `SELECT status, phase FROM round WHERE id = $1`, [roundId]);
  const [{ n: assignments }] = await stack.query<{ n: number }>('matching', `SELECT count(*)::int AS n FROM assignment WHERE round_id = $1`, [roundId]);
  const rows = await stack.query<{ type: string; n: number; unpublished: number }>(
    'matching',
    `SELECT type, count(*)::int AS n, count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished FROM outbox_event
     WHERE (type LIKE 'round.%' AND key = $1) OR (type LIKE 'assignment.%' AND envelope->'payload'->>'roundId' = $1) GROUP BY type`,
    [roundId],
  );
  const [reported] = await stack.query<{ status: string }>('reporting', `SELECT status FROM report_round WHERE round_id = $1`, [roundId]);
  const [{ n: reportedAssignments }] = await stack.query<{ n: number }>('reporting', `SELECT count(*)::int AS n FROM report_assignment WHERE round_id = $1`, [roundId]);
  return {
    status: round?.status,
    phase: round?.phase,
    assignments,
    events: Object.fromEntries(rows.map((r) => [r.type, r.n])),
    unpublished: rows.reduce((s, r) => s + r.unpublished, 0),
    reporting: { status: reported?.status ?? null, assignments: reportedAssignments },
  };
}

/**
 * Waits until the round has ended and reporting agrees, then checks it is whole: completed with every proposal
 * stored, published and reported (once each), or failed with nothing proposed anywhere. Never half of it. A round
 * started after a completed one of the same scope proposes nothing (it takes what that one holds as given): pass
 * `proposes: false` for it.
 */
export async function expectRoundWhole(stack: FaultStack, roundId: string, timeoutMs = 180_000, { proposes = true } = {}): Promise<RoundOutcome> {
  const outcome = await waitFor(
    `round ${roundId} to end and reach reporting`,
    async () => {
      const o = await roundOutcome(stack, roundId);
      if (o.status === 'running' || o.unpublished > 0 || o.reporting.status !== o.status) return undefined;
      if (o.status === 'completed' && o.reporting.assignments < o.assignments) return undefined;
      return o;
    },
    { timeoutMs, intervalMs: 250 },
  ).catch(async (e) => {
    throw new Error(`${(e as Error).message}; last seen ${JSON.stringify(await roundOutcome(stack, roundId))}`);
  });
  if (outcome.status === 'completed') {
    if (proposes) expect(outcome.assignments).toBeGreaterThan(0);
    expect({ 'assignment.proposed': 0, ...outcome.events }).toEqual({ 'round.started': 1, 'round.completed': 1, 'assignment.proposed': outcome.assignments });
    expect(outcome.reporting).toEqual({ status: 'completed', assignments: outcome.assignments });
    const report = await requestJson('GET', `${stack.url('reporting')}/rounds/${roundId}/report`);
    expect(report.body.complete).toBe(true);
  } else {
    expect(outcome).toMatchObject({ status: 'failed', assignments: 0, events: { 'round.started': 1, 'round.failed': 1 } });
    expect(outcome.events['assignment.proposed'] ?? 0).toBe(0);
    expect(outcome.events['round.completed'] ?? 0).toBe(0);
    expect(outcome.reporting).toEqual({ status: 'failed', assignments: 0 });
  }
  return outcome;
}
