import type { MatchingInstanceV1 } from '@civic/contracts';
import { currentInstance } from './current-instance';

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
