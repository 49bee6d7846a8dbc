import type { ExpertSnapshotV1, ProjectSnapshotV1, RoundOptionsV1 } from '@civic/contracts';
import { roundScope } from './round-scope';
import { solve } from '@civic/matching-engine';
import { buildRoundSnapshot, buildSnapshotFromJson } from './round-snapshot';
import { type ActivePair, heldShare } from './to-assignments';

const options: RoundOptionsV1 = { maxPerDiscipline: 2, maxDistanceKm: null, candidateLimitPerExpert: 40, responseWindowSeconds: 60 };

const project = (projectId: string, districtId: string, status: 'active' | 'withdrawn' = 'active'): ProjectSnapshotV1 => ({
  projectId,
  externalKey: projectId,
  name: projectId,
  districtId,
  streetCode: '310101015',
  communityType: 'residential',
  issueTypes: ['pain_points', 'elderly_care'],
  wantedDisciplines: [],
  slots: { teacher: { min: 1, max: 2 }, student: { min: 2, max: 4 } },
  location: { lat: 31.2, lon: 121.5 },
  status,
  revision: 1,
});

const expert = (expertId: string, over: Partial<ExpertSnapshotV1> = {}): ExpertSnapshotV1 => ({
  expertId,
  externalKey: expertId,
  kind: expertId.startsWith('T') ? 'teacher' : 'student',
  name: expertId,
  universityId: 'fdu',
  collegeId: 'fdu_ssdpp',
  disciplines: ['sociology', 'social_work'],
  capacity: 1,
  available: true,
  preferences: [],
  location: { lat: 31.3, lon: 121.5 },
  revision: 1,
  ...over,
});

describe('buildRoundSnapshot', () => {
  it("passes the round's team policy and university limits to the engine (no limits: none in the instance)", () => {
    const args = [[project('P1', 'huangpu')], [expert('S1')], roundScope(null), 'optimal'] as const;
    const one = buildRoundSnapshot(...args, { ...options, teamPolicy: 'one-university', universityLimits: { fdu: { maxProjects: 3 } } });
    expect(one.instance.options).toMatchObject({ teamPolicy: 'one-university', universityLimits: { fdu: { maxProjects: 3 } } });
    const none = buildRoundSnapshot(...args, { ...options, teamPolicy: 'mixed', universityLimits: {} });
    expect(none.instance.options).not.toHaveProperty('universityLimits');
  });

  it('takes the active projects of the scope and the available experts with capacity, sorted by id', () => {
    const snap = buildRoundSnapshot(
      [project('P3', 'pudong'), project('P1', 'huangpu'), project('P2', 'huangpu', 'withdrawn'), project('P4', 'jingan')],
      [expert('S2'), expert('T1', { capacity: 2 }), expert('S1', { available: false }), expert('S3', { capacity: 0 })],
      roundScope(['pudong', 'huangpu']),
      'stable',
      options,
    );
    expect(snap.instance.projects.map((p) => p.id)).toEqual(['P1', 'P3']);
    expect(snap.instance.experts.map((e) => e.id)).toEqual(['S2', 'T1']);
    expect(snap.instance.options).toEqual({ strategy: 'stable', maxPerDiscipline: 2, maxDistanceKm: null, candidateLimitPerExpert: 40, teamPolicy: 'mixed' });
    expect(snap.projects).toEqual([
      { projectId: 'P1', districtId: 'huangpu', issueType: 'pain_points', slots: { teacher: { min: 1, max: 2 }, student: { min: 2, max: 4 } } },
      { projectId: 'P3', districtId: 'pudong', issueType: 'pain_points', slots: { teacher: { min: 1, max: 2 }, student: { min: 2, max: 4 } } },
    ]);
  });

  it('drops preferences for projects outside the scope, which the engine would refuse', () => {
    const snap = buildRoundSnapshot([project('P1', 'huangpu'), project('P2', 'pudong')], [expert('S1', { preferences: ['P2', 'P1', 'P9'] }), expert('S2', { preferences: ['P2'] })], roundScope(['huangpu']), 'optimal', options);
    expect(snap.instance.experts.map((e) => e.preferences)).toEqual([['P1'], undefined]);
  });

  it('groups the expert supply by university, primary discipline and kind', () => {
    const snap = buildRoundSnapshot(
      [project('P1', 'huangpu')],
      [expert('T1', { capacity: 2 }), expert('T2'), expert('S1'), expert('S2', { universityId: 'sjtu', collegeId: 'sjtu_x', disciplines: ['law'] })],
      roundScope(null),
      'optimal',
      options,
    );
    expect(snap.expertGroups).toEqual([
      { universityId: 'fdu', discipline: 'sociology', kind: 'student', experts: 1, capacity: 1 },
      { universityId: 'fdu', discipline: 'sociology', kind: 'teacher', experts: 2, capacity: 3 },
      { universityId: 'sjtu', discipline: 'law', kind: 'student', experts: 1, capacity: 1 },
    ]);
  });
});

describe('buildRoundSnapshot with what other rounds hold', () => {
  const held = (expertId: string, projectId: string): ActivePair => ({ expertId, projectId, kind: expertId.startsWith('T') ? 'teacher' : 'student' });

  it('pins held pairs of the scope, counts every held assignment against its expert and leaves the rest of each team', () => {
    const snap = buildRoundSnapshot(
      [project('P1', 'huangpu'), project('P2', 'pudong')],
      [expert('T1', { capacity: 2 }), expert('T2', { capacity: 2 }), expert('S1'), expert('S2'), expert('S3')],
      roundScope(['huangpu']),
      'optimal',
      options,
      // T1 holds P1 (in scope) and P2 (outside); T2 holds P2 only; S1 holds P1; S2 holds P2, its only capacity.
      [held('T1', 'P1'), held('T1', 'P2'), held('T2', 'P2'), held('S1', 'P1'), held('S2', 'P2')],
    );
    expect(snap.instance.pinned).toEqual([
      { expertId: 'S1', projectId: 'P1' },
      { expertId: 'T1', projectId: 'P1' },
    ]);
    // Capacity in the instance counts the pins (the engine counts them against it) but not what is held elsewhere.
    expect(snap.instance.experts.map((e) => [e.id, e.capacity])).toEqual([['S1', 1], ['S3', 1], ['T1', 1], ['T2', 1]]);
    // The instance keeps the team's slots (pins fill them); the roster shows what is left to this round.
    expect(snap.instance.projects[0].slots).toEqual({ teacher: { min: 1, max: 2 }, student: { min: 2, max: 4 } });
    expect(snap.projects[0].slots).toEqual({ teacher: { min: 0, max: 1 }, student: { min: 1, max: 3 } });
    expect(snap.expertGroups).toEqual([
      { universityId: 'fdu', discipline: 'sociology', kind: 'student', experts: 1, capacity: 1 },
      { universityId: 'fdu', discipline: 'sociology', kind: 'teacher', experts: 1, capacity: 1 },
    ]);
  });

  it('takes a slot off the team for a held pair it cannot pin: an expert no longer available, or a cap already reached', () => {
    const snap = buildRoundSnapshot(
      [project('P1', 'huangpu')],
      [expert('S1'), expert('S2'), expert('S3'), expert('S4'), expert('S5', { available: false })],
      roundScope(null),
      'optimal',
      { ...options, maxPerDiscipline: 2 },
      // Three sociologists held in P1 (the cap is 2) and one by S5, who left.
      [held('S1', 'P1'), held('S2', 'P1'), held('S3', 'P1'), held('S5', 'P1')],
    );
    expect(snap.instance.pinned).toEqual([
      { expertId: 'S1', projectId: 'P1' },
      { expertId: 'S2', projectId: 'P1' },
    ]);
    expect(snap.instance.projects[0].slots.student).toEqual({ min: 0, max: 2 });
    expect(snap.projects[0].slots.student).toEqual({ min: 0, max: 0 });
    expect(snap.instance.experts.map((e) => e.id)).toEqual(['S1', 'S2', 'S4']);
  });

  it('gives the engine an instance it accepts, on which nobody ends up over capacity and no team over its max', () => {
    const projects = [project('P1', 'huangpu'), project('P2', 'huangpu'), project('P3', 'pudong')];
    const experts = [
      ...['T1', 'T2', 'T3'].map((id) => expert(id, { capacity: 2 })),
      ...['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8'].map((id, i) => expert(id, { disciplines: [i % 2 ? 'law' : 'sociology'] })),
    ];
    const holdings = [held('T1', 'P1'), held('T1', 'P3'), held('T2', 'P1'), held('S1', 'P1'), held('S2', 'P1'), held('S3', 'P3'), held('S4', 'P2')];
    const snap = buildRoundSnapshot(projects, experts, roundScope(null), 'optimal', options, holdings);
    const result = solve(snap.instance);
    const own = result.assignments.filter((a) => !a.pinned);
    expect(own.length).toBeGreaterThan(0);
    const load = new Map<string, number>();
    const team = new Map<string, number>();
    for (const a of [...holdings, ...own]) {
      load.set(a.expertId, (load.get(a.expertId) ?? 0) + 1);
      const key = `${a.projectId}/${a.expertId.startsWith('T') ? 'teacher' : 'student'}`;
      team.set(key, (team.get(key) ?? 0) + 1);
    }
    for (const e of experts) expect(load.get(e.expertId) ?? 0).toBeLessThanOrEqual(e.capacity);
    for (const p of projects) for (const kind of ['teacher', 'student'] as const) expect(team.get(`${p.projectId}/${kind}`) ?? 0).toBeLessThanOrEqual(p.slots[kind].max);
    // The pins are exactly the held pairs (all fit), and the round's own share is what the roster left open.
    expect(result.assignments.filter((a) => a.pinned)).toHaveLength(holdings.length);
    const share = heldShare(snap.instance, result.assignments);
    expect(share.weight).toBe(result.assignments.filter((a) => a.pinned).reduce((w, a) => w + a.weight, 0));
  });
});

describe('buildSnapshotFromJson (the engine worker builds the snapshot from the rows as JSON text)', () => {
  it('builds what buildRoundSnapshot builds from the parsed rows, with the instance as its JSON text', () => {
    const projects = [project('P2', 'pudong'), project('P1', 'huangpu'), project('P3', 'huangpu', 'withdrawn')];
    const experts = [expert('S2', { preferences: ['P2', 'P9'] }), expert('T1'), expert('S1', { available: false })];
    const holdings: ActivePair[] = [{ expertId: 'S2', projectId: 'P1', kind: 'student' }];
    const args = [roundScope(null), 'optimal', options, holdings] as const;
    const built = buildSnapshotFromJson({ projectsJson: JSON.stringify(projects), expertsJson: JSON.stringify(experts), scope: args[0], strategy: args[1], options: args[2], held: holdings });
    const snap = buildRoundSnapshot(projects, experts, ...args);
    expect(JSON.parse(built.instanceJson)).toEqual(snap.instance);
    expect(built.projects).toEqual(snap.projects);
    expect(built.expertGroups).toEqual(snap.expertGroups);
    expect(built.experts).toBe(snap.instance.experts.length);
  });
});

describe('roundScope', () => {
  it('is the whole city without districts, and a sorted, de-duplicated key otherwise', () => {
    expect(roundScope(undefined)).toEqual({ key: 'city', districtIds: null });
    expect(roundScope([])).toEqual({ key: 'city', districtIds: null });
    expect(roundScope(['pudong', 'huangpu', 'pudong'])).toEqual({ key: 'districts:huangpu,pudong', districtIds: ['huangpu', 'pudong'] });
  });
});
