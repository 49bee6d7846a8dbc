import type { InstanceProject } from '@civic/contracts';
import { preflight, type PreflightExpert, type PreflightInput } from './preflight';

// A straight line of points 1 km apart (distance = |lon difference| in km for the test's rule).
const at = (km: number) => ({ lat: 31.2, lon: 121 + km });
const rules = { distanceKm: (a: { lon: number }, b: { lon: number }) => Math.abs(a.lon - b.lon), affinity: (issue: string, discipline: string) => (discipline === 'misfit' ? 0 : issue === 'pain_points' ? 80 : 40) };
const project = (id: string, districtId: string, km: number, teacherMin: number, studentMin: number, wanted?: string[]): InstanceProject => ({
  id,
  districtId,
  location: at(km),
  issueTypes: ['pain_points'],
  ...(wanted ? { wantedDisciplines: wanted } : {}),
  slots: { teacher: { min: teacherMin, max: teacherMin + 1 }, student: { min: studentMin, max: studentMin + 1 } },
});
const expert = (id: string, kind: 'teacher' | 'student', universityId: string, km: number, capacityLeft: number, disciplines = ['law']): PreflightExpert => ({
  id,
  kind,
  universityId,
  disciplines,
  location: at(km),
  capacityLeft,
});
const input = (over: Partial<PreflightInput> = {}): PreflightInput => ({
  projects: [project('P1', 'huangpu', 0, 1, 1, ['law']), project('P2', 'huangpu', 1, 1, 0), project('P3', 'chongming', 50, 2, 0)],
  experts: [expert('T1', 'teacher', 'fdu', 0, 2), expert('T2', 'teacher', 'sjtu', 1, 1), expert('S1', 'student', 'fdu', 0, 1), expert('T3', 'teacher', 'fdu', 2, 0), expert('T4', 'teacher', 'fdu', 3, 1, ['misfit'])],
  forbidden: [],
  maxDistanceKm: 5,
  teamPolicy: 'mixed',
  universityLimits: {},
  ...over,
});

describe('preflight', () => {
  it('adds up supply and demand per kind: capacity left against the minimum places', () => {
    const p = preflight(input(), rules);
    expect(p.byKind).toEqual([
      { kind: 'teacher', projects: 3, demandMin: 4, demandMax: 7, experts: 3, capacity: 4, shortfall: 0 },
      { kind: 'student', projects: 1, demandMin: 1, demandMax: 4, experts: 1, capacity: 1, shortfall: 0 },
    ]);
    expect(p.byDiscipline).toEqual([{ discipline: 'law', projectsAsking: 1, experts: 3, capacity: 4, shortfall: 0 }]);
  });

  it('measures each district against the experts within the distance limit who fit, and says so in words', () => {
    const p = preflight(input(), rules);
    expect(p.byDistrict.filter((d) => d.kind === 'teacher')).toEqual([
      { districtId: 'chongming', kind: 'teacher', demandMin: 2, reachableExperts: 0, reachableCapacity: 0, shortfall: 2 },
      { districtId: 'huangpu', kind: 'teacher', demandMin: 2, reachableExperts: 2, reachableCapacity: 3, shortfall: 0 },
    ]);
    expect(p.feasible).toBe(false);
    expect(p.summary).toContain('chongming: 2 teacher places needed, at most 0 reachable within 5 km');
  });

  it('lists a project with no eligible expert of a kind and counts each reason', () => {
    const p = preflight(input(), rules);
    expect(p.projectsWithoutExpert).toEqual([
      {
        projectId: 'P3',
        districtId: 'chongming',
        kind: 'teacher',
        min: 2,
        candidates: 4,
        excluded: { capacity: 1, forbidden: 0, disciplineFit: 1, distance: 4 },
        why: 'none of 4 teachers is eligible: 4 farther than 5 km; 1 whose disciplines do not fit pain_points; 1 with no capacity left',
      },
    ]);
    const forbidden = preflight(input({ forbidden: [{ expertId: 'S1', projectId: 'P1' }] }), rules);
    expect(forbidden.projectsWithoutExpert.find((s) => s.projectId === 'P1')).toMatchObject({ kind: 'student', excluded: { forbidden: 1 } });
  });

  it('says what each university could lead alone under the one-university policy', () => {
    const p = preflight(input({ teamPolicy: 'one-university', universityLimits: { fdu: { maxProjects: 1 } }, maxDistanceKm: null }), rules);
    expect(p.byUniversity).toEqual([
      { universityId: 'fdu', teachers: 2, students: 1, capacity: 4, projectsItCanStaff: 2, maxProjects: 1 },
      { universityId: 'sjtu', teachers: 1, students: 0, capacity: 1, projectsItCanStaff: 1, maxProjects: null },
    ]);
    expect(preflight(input({ maxDistanceKm: null }), rules).byUniversity).toBeNull();
  });
});
