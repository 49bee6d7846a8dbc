import { ProjectEntity, ProjectInput } from './project.entity';

const input = (over: Partial<ProjectInput> = {}): ProjectInput => ({
  externalKey: 'P00001',
  name: '西凌新邨“联小建大”物业治理',
  districtId: 'huangpu',
  streetCode: '310101015',
  communityType: 'residential',
  issueTypes: ['property_governance'],
  slots: { teacher: { min: 1, max: 3 }, student: { min: 2, max: 4 } },
  ...over,
});

describe('ProjectEntity', () => {
  it('registers an active project at revision 1, placed at the district centroid when no location is given', () => {
    const p = ProjectEntity.register('P00001', input());
    expect(p).toMatchObject({ status: 'active', revision: 1, wantedDisciplines: [], partnerStreetCodes: [], nameEn: null });
    expect(p.lat).toBeCloseTo(31.22, 1);
  });

  it('revising with the same input changes nothing and keeps the revision', () => {
    const p = ProjectEntity.register('P00001', input({ location: { lat: 31.2, lon: 121.49 } }));
    expect(p.revise(input({ location: { lat: 31.2, lon: 121.49 } }))).toBe(false);
    expect(p.revision).toBe(1);
  });

  it('an absent optional part keeps its stored value instead of counting as a change', () => {
    const p = ProjectEntity.register('P00001', input({ nameEn: 'Xiling', wantedDisciplines: ['law'] }));
    expect(p.revise(input())).toBe(false);
    expect(p.wantedDisciplines).toEqual(['law']);
  });

  it('a real change bumps the revision by one', () => {
    const p = ProjectEntity.register('P00001', input());
    expect(p.revise(input({ slots: { teacher: { min: 1, max: 4 }, student: { min: 2, max: 4 } } }))).toBe(true);
    expect(p).toMatchObject({ teacherMax: 4, revision: 2 });
  });

  it('moving to another district without a location takes the new district centroid', () => {
    const p = ProjectEntity.register('P00001', input());
    const before = { lat: p.lat, lon: p.lon };
    p.revise(input({ districtId: 'pudong', streetCode: '310115005' }));
    expect({ lat: p.lat, lon: p.lon }).not.toEqual(before);
  });

  it('withdrawing twice withdraws once', () => {
    const p = ProjectEntity.register('P00001', input());
    expect(p.withdraw()).toBe(true);
    expect(p.withdraw()).toBe(false);
    expect(p).toMatchObject({ status: 'withdrawn', revision: 2 });
  });

  it('names streetCode when the street is outside the district', () => {
    expect(ProjectEntity.ruleProblems(input({ districtId: 'pudong' }))).toEqual([expect.objectContaining({ field: 'streetCode', rule: 'inDistrict' })]);
    expect(ProjectEntity.ruleProblems(input())).toEqual([]);
  });
});
