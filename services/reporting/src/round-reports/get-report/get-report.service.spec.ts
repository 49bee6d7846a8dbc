import { DomainError, type RoundTotals, type TeamRow } from '@civic/contracts';
import type { RoundRow } from '../round-report.read-store';
import { GetReportService, type RoundReportReads } from './get-report.service';

const ROUND = '00000000-0000-4000-8000-000000000001';

function row(over: Partial<RoundRow> = {}): RoundRow {
  return {
    round_id: ROUND,
    scope_key: 'city',
    district_ids: null,
    strategy: 'optimal',
    dry_run: false,
    status: 'completed',
    started_at: new Date('2026-12-01T00:00:00Z'),
    completed_at: new Date('2026-12-01T00:01:00Z'),
    failure: null,
    initial_objective: { coverage: 10, weight: 100 } as RoundRow['initial_objective'],
    initial_figures: { assignments: { total: 4 }, requiredSlots: 12, coverageRatio: 0.8333, underfilledSlots: 2, unassignedExperts: 0 } as unknown as RoundRow['initial_figures'],
    objective: { coverage: 10, weight: 100 } as RoundRow['objective'],
    figures: { assignments: { total: 4 } } as unknown as RoundRow['figures'],
    underfilled: [],
    options: { teamPolicy: 'one-university', universityLimits: { fdu: { maxProjects: 3 } } } as unknown as RoundRow['options'],
    teams: [],
    certificate: null,
    rematches: 0,
    edits: 0,
    published_at: null,
    published_by: null,
    ended_at: null,
    ended_by: null,
    end_reason: null,
    ...over,
  };
}

const team = (projectId: string, lead: string): TeamRow => ({ projectId, districtId: 'huangpu', leadUniversityId: lead, universities: [lead], teachers: 1, students: 1, accepted: 0, reason: 'best_team' });

/**
 * A read store holding one round (or none) whose `arrived` assignments are here (a draft's in the draft table, the
 * proposals' table empty); it records what it was asked.
 */
function fakeReads(round: RoundRow | undefined, arrived: number, others: RoundRow[] = [], handPlaced: Array<{ expertId: string; projectId: string }> = []) {
  const asked: string[] = [];
  const note = <T>(name: string, value: T) => {
    asked.push(name);
    return Promise.resolve(value);
  };
  const reads: RoundReportReads = {
    round: () => Promise.resolve(round),
    arrivedAssignments: (_id, draft) => Promise.resolve(draft === (round?.status === 'draft') ? arrived : 0),
    handPlaced: (_id, draft) => Promise.resolve(handPlaced.map((h) => ({ ...h, status: draft ? 'draft' : 'proposed' }))),
    totals: () => note('totals', { projects: 2 } as RoundTotals),
    projectGroups: (_id, by) => note(`projectGroups:${by}`, []),
    expertGroups: (_id, by) => note(`expertGroups:${by}`, []),
    declineReasons: () => note('declineReasons', []),
    unfilled: () => note('unfilled', []),
    teams: () => note('teams', [team('P1', 'fdu'), team('P2', 'fdu')]),
    projectDistricts: () => note('projectDistricts', new Map([['P9', 'chongming']])),
    peoplePlaced: () => note('peoplePlaced', new Map([['fdu', 4]])),
    latestOptimalByTeamPolicy: () => note('latestOptimalByTeamPolicy', others.map((r) => ({ ...r, team_policy: r.options?.teamPolicy ?? 'mixed' }))),
    latestMixedByStrategy: () => note('latestMixedByStrategy', []),
  };
  return { service: new GetReportService(reads), asked };
}

describe('GetReportService', () => {
  it('refuses a round reporting has not heard of with not_found', async () => {
    const { service } = fakeReads(undefined, 0);
    await expect(service.report(ROUND)).rejects.toMatchObject({ code: 'not_found', message: `round ${ROUND} does not exist` });
    await expect(service.report(ROUND)).rejects.toBeInstanceOf(DomainError);
  });

  it('answers only the progress while announced assignments are still arriving (no figure query)', async () => {
    const { service, asked } = fakeReads(row(), 3);
    const report = await service.report(ROUND);
    expect(report).toMatchObject({ complete: false, progress: { arrived: 3, announced: 4 }, totals: null, teams: [], byLeadUniversity: [], comparison: null });
    expect(asked).toEqual([]);
  });

  it('derives every table once the last assignment arrived, and sums the teams each university leads', async () => {
    const { service, asked } = fakeReads(row(), 4);
    const report = await service.report(ROUND);
    expect(report.complete).toBe(true);
    expect(report.totals).toEqual({ projects: 2 });
    expect(asked).toEqual(expect.arrayContaining(['totals', 'projectGroups:district', 'projectGroups:issueType', 'expertGroups:university', 'expertGroups:discipline', 'teams', 'peoplePlaced']));
    expect(report.byLeadUniversity).toEqual([{ universityId: 'fdu', projectsLed: 2, maxProjects: 3, teachers: 2, students: 2, averageTeamSize: 2, peoplePlaced: 4 }]);
  });

  it("reports a dry run as declared: its teams from round.completed with their districts, its people placed the teams' distinct members", async () => {
    const declared = [{ projectId: 'P9', universityId: 'fdu', universities: ['fdu'], teachers: ['T1'], students: ['S1', 'S2'], reason: 'best_team' }];
    const { service, asked } = fakeReads(row({ dry_run: true, teams: declared as RoundRow['teams'] }), 0);
    const report = await service.report(ROUND);
    expect(asked).not.toContain('totals');
    expect(report.teams).toEqual([{ projectId: 'P9', districtId: 'chongming', leadUniversityId: 'fdu', universities: ['fdu'], teachers: 1, students: 2, accepted: 0, reason: 'best_team' }]);
    expect(report.byLeadUniversity[0]).toMatchObject({ universityId: 'fdu', projectsLed: 1, peoplePlaced: 3 });
  });

  it('prices the one-university policy against the latest mixed round of the scope, and stays null with one policy only', async () => {
    const mixed = row({ round_id: 'm', options: { teamPolicy: 'mixed' } as RoundRow['options'], initial_objective: { coverage: 12, weight: 130 } as RoundRow['initial_objective'] });
    const one = row({ round_id: 'o' });
    expect((await fakeReads(row(), 4, [mixed, one]).service.report(ROUND)).policyComparison).toMatchObject({
      scopeKey: 'city',
      mixed: { roundId: 'm', teamPolicy: 'mixed' },
      oneUniversity: { roundId: 'o', teamPolicy: 'one-university' },
      priceOfPolicy: { coverage: 2, weight: 30 },
    });
    expect((await fakeReads(row(), 4, [one]).service.report(ROUND)).policyComparison).toBeNull();
  });

  it("reports a draft from its declared figures and the draft's assignments: no derived tables, no comparisons, the hand-placed ones listed", async () => {
    const draft = row({ status: 'draft', edits: 2 });
    const { service, asked } = fakeReads(draft, 4, [row({ round_id: 'm' })], [{ expertId: 'E1', projectId: 'P1' }]);
    const report = await service.report(ROUND);
    expect(report).toMatchObject({
      complete: true,
      progress: { arrived: 4, announced: 4 },
      totals: null,
      comparison: null,
      policyComparison: null,
      draft: { assignments: 4, handPlaced: 1 },
      handPlaced: [{ expertId: 'E1', projectId: 'P1', status: 'draft' }],
      lifecycle: { edits: 2, publishedAt: null },
    });
    expect(asked).toEqual([]);
  });
});
