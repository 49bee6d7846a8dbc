import type { MatchingInstanceV1 } from '@civic/contracts';
import { currentInstance, withCurrentHoldings } from './current-instance';

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

  it('leaves an expert no capacity that a later round has taken, and keeps what the re-match must pin', () => {
    // T1 (capacity 2) holds P1 in this round and, since, P9 in a later round; S1 was proposed by a later round too.
    const instance = withCurrentHoldings(
      stored,
      [{ expertId: 'T1', projectId: 'P1' }],
      [
        { expertId: 'T1', projectId: 'P9' },
        { expertId: 'S1', projectId: 'P9' },
      ],
      new Map([
        ['T1', 2],
        ['S1', 1],
        ['S2', 1],
      ]),
    );
    expect(capacity(instance)).toEqual([
      ['T1', 1],
      ['S1', 0],
      ['S2', 1],
    ]);
  });

  it('counts a pin (held by another round when this one started) once, and keeps a pin whose pair has ended elsewhere', () => {
    const withPins: MatchingInstanceV1 = { ...stored, pinned: [{ expertId: 'S1', projectId: 'P2' }, { expertId: 'S2', projectId: 'P3' }] };
    // S1's pinned pair is still held by the other round; S2's was declined there since.
    const instance = withCurrentHoldings(withPins, [], [{ expertId: 'S1', projectId: 'P2' }], new Map([['T1', 2], ['S1', 1], ['S2', 1]]));
    expect(capacity(instance)).toEqual([
      ['T1', 2],
      ['S1', 1],
      ['S2', 1],
    ]);
  });

  it('never raises a capacity above the stored one (an expert whose capacity grew since)', () => {
    const instance = withCurrentHoldings(stored, [], [], new Map([['T1', 5], ['S1', 3], ['S2', 1]]));
    expect(instance.experts).toEqual(stored.experts);
  });
});
