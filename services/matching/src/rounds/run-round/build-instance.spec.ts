import type { ExpertSnapshotV1, ProjectSnapshotV1, RoundOptionsV1 } from '@civic/contracts';
import { roundScope } from '../domain/round-scope';
import { buildRoundSnapshot } from './build-instance';

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
    expect(snap.instance.options).toEqual({ strategy: 'stable', maxPerDiscipline: 2, maxDistanceKm: null, candidateLimitPerExpert: 40 });
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

describe('roundScope', () => {
  it('is the whole city without districts, and a sorted, de-duplicated key otherwise', () => {
    expect(roundScope(undefined)).toEqual({ key: 'city', districtIds: null });
    expect(roundScope([])).toEqual({ key: 'city', districtIds: null });
    expect(roundScope(['pudong', 'huangpu', 'pudong'])).toEqual({ key: 'districts:huangpu,pudong', districtIds: ['huangpu', 'pudong'] });
  });
});
