import { ExpertEntity, ExpertInput } from './expert.entity';

const input = (over: Partial<ExpertInput> = {}): ExpertInput => ({
  externalKey: 'T000002',
  kind: 'teacher',
  name: '孙悦逸（虚拟）',
  universityId: 'tongji',
  collegeId: 'tj_law',
  disciplines: ['law'],
  capacity: 1,
  ...over,
});

describe('ExpertEntity', () => {
  it('registers an available expert at the university campus', () => {
    const e = ExpertEntity.register('T000001', input());
    expect(e).toMatchObject({ available: true, availability: null, preferences: [], revision: 1, lat: 31.283, lon: 121.502 });
  });

  it('calls a change of available/availability alone an availability change', () => {
    const e = ExpertEntity.register('T000001', input());
    expect(e.revise(input({ available: false }))).toBe('availability');
    expect(e.revise(input({ availability: 'weekends' }))).toBe('availability');
    expect(e.revision).toBe(3);
  });

  it('calls any other change a profile change, and the same input no change', () => {
    const e = ExpertEntity.register('T000001', input());
    expect(e.revise(input())).toBe('none');
    expect(e.revise(input({ capacity: 2, available: false }))).toBe('profile');
    expect(e.revision).toBe(2);
  });

  it('keeps available when an import row (which has no such column) leaves it out', () => {
    const e = ExpertEntity.register('T000001', input({ available: false }));
    expect(e.revise(input())).toBe('none');
    expect(e.available).toBe(false);
  });

  it('names collegeId when the college belongs to another university', () => {
    expect(ExpertEntity.ruleProblems(input({ collegeId: 'fdu_ssdpp' }))).toEqual([expect.objectContaining({ field: 'collegeId', rule: 'ofUniversity' })]);
    expect(ExpertEntity.ruleProblems(input())).toEqual([]);
  });
});
