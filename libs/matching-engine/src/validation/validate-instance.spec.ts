import type { MatchingInstanceV1 } from '@civic/contracts';
import { solve } from '../solve';
import { InstanceValidationError, validateInstance } from './validate-instance';

const base = (): MatchingInstanceV1 => ({
  version: 1,
  projects: [
    {
      id: 'P1',
      districtId: 'huangpu',
      location: { lat: 31.2, lon: 121.5 },
      issueTypes: ['pain_points'],
      slots: { teacher: { min: 1, max: 2 }, student: { min: 0, max: 2 } },
    },
  ],
  experts: [
    {
      id: 'T1',
      kind: 'teacher',
      universityId: 'fdu',
      collegeId: 'fdu_ssdpp',
      disciplines: ['sociology'],
      location: { lat: 31.3, lon: 121.5 },
      capacity: 1,
    },
    {
      id: 'T2',
      kind: 'teacher',
      universityId: 'fdu',
      collegeId: 'fdu_ssdpp',
      disciplines: ['sociology'],
      location: { lat: 31.3, lon: 121.5 },
      capacity: 1,
    },
  ],
  pinned: [],
  forbidden: [],
  options: { strategy: 'optimal', maxPerDiscipline: 2, maxDistanceKm: null, candidateLimitPerExpert: null },
});

const elements = (i: unknown): string[] => validateInstance(i).map((x) => x.element);

describe('validateInstance', () => {
  it('accepts a well-formed instance', () => {
    expect(validateInstance(base())).toEqual([]);
  });

  it('names duplicate project and expert ids', () => {
    const i = base();
    i.projects.push({ ...i.projects[0] });
    i.experts.push({ ...i.experts[0] });
    expect(validateInstance(i).map((x) => `${x.element}: ${x.message}`)).toEqual(
      expect.arrayContaining(['projects[P1]: duplicate project id', 'experts[T1]: duplicate expert id']),
    );
  });

  it('reports min > max, negative capacity and an unknown kind', () => {
    const i = base();
    i.projects[0].slots.teacher = { min: 3, max: 2 };
    i.experts[0].capacity = -1;
    (i.experts[1] as { kind: string }).kind = 'professor';
    const issues = validateInstance(i);
    expect(issues.find((x) => x.element === 'projects[P1].slots.teacher')?.message).toBe('min 3 > max 2');
    expect(issues.find((x) => x.element === 'experts[T1].capacity')?.message).toMatch(/negative capacity/);
    expect(issues.find((x) => x.element === 'experts[T2].kind')?.message).toMatch(/unknown kind/);
  });

  it('reports unknown ids in pins, forbidden pairs and preferences', () => {
    const i = base();
    i.pinned = [{ expertId: 'T9', projectId: 'P1' }];
    i.forbidden = [{ expertId: 'T1', projectId: 'P9' }];
    i.experts[0].preferences = ['P7'];
    expect(elements(i)).toEqual(
      expect.arrayContaining(['pinned[0].expertId', 'forbidden[0].projectId', 'experts[T1].preferences[0]']),
    );
  });

  it('reports pins that exceed capacity, the kind max or the discipline cap, and pins that are forbidden', () => {
    const i = base();
    i.projects[0].slots.teacher = { min: 0, max: 1 };
    i.options!.maxPerDiscipline = 1;
    i.experts[0].capacity = 0;
    i.pinned = [
      { expertId: 'T1', projectId: 'P1' },
      { expertId: 'T2', projectId: 'P1' },
    ];
    i.forbidden = [{ expertId: 'T2', projectId: 'P1' }];
    const text = validateInstance(i).map((x) => `${x.element}: ${x.message}`);
    expect(text).toEqual(
      expect.arrayContaining([
        'experts[T1]: 1 pinned projects exceed capacity 0',
        'projects[P1].slots.teacher: 2 pinned teachers exceed max 1',
        'projects[P1]: 2 pinned teachers of discipline sociology exceed the discipline cap 1',
        'pinned[T2 -> P1]: pinned pair is also forbidden',
      ]),
    );
  });

  it('makes solve refuse an invalid instance with every issue attached', () => {
    const i = base();
    i.experts[0].capacity = -2;
    i.projects[0].slots.student = { min: 5, max: 1 };
    let error: unknown;
    try {
      solve(i);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InstanceValidationError);
    expect((error as InstanceValidationError).issues.map((x) => x.element)).toEqual([
      'projects[P1].slots.student',
      'experts[T1].capacity',
    ]);
  });

  it('rejects bad options and a wrong version', () => {
    const i = base() as unknown as Record<string, unknown>;
    i.version = 2;
    i.options = { strategy: 'greedy', maxPerDiscipline: 0, maxDistanceKm: -1, candidateLimitPerExpert: 1.5 };
    expect(elements(i).sort()).toEqual(
      ['options.candidateLimitPerExpert', 'options.maxDistanceKm', 'options.maxPerDiscipline', 'options.strategy', 'version'].sort(),
    );
  });
});
