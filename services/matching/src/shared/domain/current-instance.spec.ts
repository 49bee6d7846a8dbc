import type { MatchingInstanceV1 } from '@civic/contracts';
import { currentInstance, forbidDeclinedUniversities, withCurrentHoldings } from './current-instance';

const stored: MatchingInstanceV1 = {
  version: 1,
  projects: [
    { id: 'P1', districtId: 'huangpu', location: { lat: 31.2, lon: 121.5 }, issueTypes: ['pain_points'], slots: { teacher: { min: 1, max: 2 }, student: { min: 2, max: 4 } } },
    { id: 'P2', districtId: 'huangpu', location: { lat: 31.2, lon: 121.5 }, issueTypes: ['pain_points'], slots: { teacher: { min: 1, max: 2 }, student: { min: 2, max: 4 } } },
    { id: 'P3', districtId: 'huangpu', location: { lat: 31.2, lon: 121.5 }, issueTypes: ['pain_points'], slots: { teacher: { min: 1, max: 2 }, student: { min: 2, max: 4 } } },
  ],
  experts: [
    { id: 'T1', kind: 'teacher', universityId: 'fdu', collegeId: 'c', disciplines: ['law'], location: { lat: 31.3, lon: 121.5 }, capacity: 2, preferences: ['P3', 'P1'] },
    { id: 'S1', kind: 'student', universityId: 'fdu', collegeId: 'c', disciplines: ['law'], location: { lat: 31.3, lon: 121.5 }, capacity: 1 },
    { id: 'S2', kind: 'student', universityId: 'fdu', collegeId: 'c', disciplines: ['law'], location: { lat: 31.3, lon: 121.5 }, capacity: 1 },
  ],
  pinned: [],
  forbidden: [],
  options: { strategy: 'optimal' },
};

describe('currentInstance (the round brought up to date for a re-match)', () => {
  it('changes nothing while everyone is still available', () => {
    const { instance, declined } = currentInstance(stored, [{ expertId: 'S1', projectId: 'P1', kind: 'student' }], [{ expertId: 'S2', projectId: 'P1' }], new Set(), new Set());
    expect(instance).toEqual(stored);
    expect(declined).toEqual([{ expertId: 'S2', projectId: 'P1' }]);
  });

  it('an expert who became unavailable keeps only what they hold, and leaves when they hold nothing', () => {
    const { instance, declined } = currentInstance(
      stored,
      [{ expertId: 'T1', projectId: 'P1', kind: 'teacher' }],
      [{ expertId: 'S2', projectId: 'P1' }],
      new Set(['T1', 'S2']),
      new Set(),
    );
    expect(instance.experts.map((e) => [e.id, e.capacity])).toEqual([
      ['T1', 1],
      ['S1', 1],
    ]);
    expect(declined).toEqual([]);
  });

  it('a withdrawn project takes no one new and leaves when it holds no one; preferences for it are dropped', () => {
    const { instance } = currentInstance(
      stored,
      [
        { expertId: 'S1', projectId: 'P1', kind: 'student' },
        { expertId: 'T1', projectId: 'P2', kind: 'teacher' },
      ],
      [],
      new Set(),
      new Set(['P1', 'P3']),
    );
    expect(instance.projects.map((p) => [p.id, p.slots])).toEqual([
      ['P1', { teacher: { min: 0, max: 0 }, student: { min: 1, max: 1 } }],
      ['P2', { teacher: { min: 1, max: 2 }, student: { min: 2, max: 4 } }],
    ]);
    expect(instance.experts.find((e) => e.id === 'T1')!.preferences).toEqual(['P1']);
  });
});

describe('withCurrentHoldings (what other rounds hold now)', () => {
  const capacity = (i: MatchingInstanceV1) => i.experts.map((e) => [e.id, e.capacity]);
  const teacher = (expertId: string, projectId: string) => ({ expertId, projectId, kind: 'teacher' as const });
  const student = (expertId: string, projectId: string) => ({ expertId, projectId, kind: 'student' as const });
  const now = (capacities: Record<string, number>, slots: Record<string, MatchingInstanceV1['projects'][number]['slots']> = {}) => ({
    capacity: new Map(Object.entries(capacities)),
    slots: new Map(Object.entries(slots)),
  });

  it('leaves an expert no capacity that a later round has taken, and keeps what the re-match must pin', () => {
    // T1 (capacity 2) holds P1 in this round and, since, P9 in a later round; S1 was proposed by a later round too.
    const instance = withCurrentHoldings(stored, [teacher('T1', 'P1')], [teacher('T1', 'P9'), student('S1', 'P9')], now({ T1: 2, S1: 1, S2: 1 }));
    expect(capacity(instance)).toEqual([
      ['T1', 1],
      ['S1', 0],
      ['S2', 1],
    ]);
  });

  it('counts a pin (held by another round when this one started) once, and keeps a pin whose pair has ended elsewhere', () => {
    const withPins: MatchingInstanceV1 = { ...stored, pinned: [{ expertId: 'S1', projectId: 'P2' }, { expertId: 'S2', projectId: 'P3' }] };
    // S1's pinned pair is still held by the other round; S2's was declined there since.
    const instance = withCurrentHoldings(withPins, [], [student('S1', 'P2')], now({ T1: 2, S1: 1, S2: 1 }));
    expect(capacity(instance)).toEqual([
      ['T1', 2],
      ['S1', 1],
      ['S2', 1],
    ]);
    expect(instance.projects).toEqual(withPins.projects);
  });

  it('takes off a team the slots a later round filled there, never below what the re-match keeps', () => {
    // A later round proposed three students to P1 (max 4) and a teacher to P2; this round holds S9 in P1.
    const later = [student('X1', 'P1'), student('X2', 'P1'), student('X3', 'P1'), teacher('X4', 'P2'), teacher('X5', 'P2'), teacher('X6', 'P2')];
    const instance = withCurrentHoldings(stored, [student('S9', 'P1')], later, now({ T1: 2, S1: 1, S2: 1 }));
    expect(instance.projects.map((p) => [p.id, p.slots])).toEqual([
      ['P1', { teacher: { min: 1, max: 2 }, student: { min: 0, max: 1 } }],
      ['P2', { teacher: { min: 0, max: 0 }, student: { min: 2, max: 4 } }],
      ['P3', { teacher: { min: 1, max: 2 }, student: { min: 2, max: 4 } }],
    ]);
  });

  it('never raises a capacity or a team above the stored one (grown since)', () => {
    const bigger = { teacher: { min: 2, max: 5 }, student: { min: 3, max: 9 } };
    const instance = withCurrentHoldings(stored, [], [], now({ T1: 5, S1: 3, S2: 1 }, { P1: bigger, P2: bigger, P3: bigger }));
    expect(instance).toEqual(stored);
  });
});

describe('forbidDeclinedUniversities (a university that declined a whole project stays off it)', () => {
  const twoUniversities: MatchingInstanceV1 = {
    ...stored,
    experts: [...stored.experts, { id: 'S9', kind: 'student', universityId: 'sjtu', collegeId: 'c', disciplines: ['law'], location: { lat: 31.3, lon: 121.5 }, capacity: 1 }],
    forbidden: [{ expertId: 'S1', projectId: 'P2' }],
  };

  it("forbids every pair of the university's experts with the project, once, and nothing else", () => {
    const out = forbidDeclinedUniversities(twoUniversities, [{ projectId: 'P2', universityId: 'fdu' }, { projectId: 'P9', universityId: 'fdu' }]);
    expect(out.forbidden).toEqual([
      { expertId: 'S1', projectId: 'P2' },
      { expertId: 'T1', projectId: 'P2' },
      { expertId: 'S2', projectId: 'P2' },
    ]);
    expect(out.experts).toBe(twoUniversities.experts);
  });

  it('returns the instance itself when no university declined', () => {
    expect(forbidDeclinedUniversities(twoUniversities, [])).toBe(twoUniversities);
  });
});
