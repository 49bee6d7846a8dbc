import {
  ARTICLE_TOTALS,
  COLLEGES,
  COMMUNITY_TYPES,
  DISCIPLINES,
  DISTRICTS,
  ISSUE_TYPES,
  UNIVERSITIES,
  collegesOf,
  disciplinesOf,
  distanceKm,
  findCollege,
  findDistrict,
  findStreet,
  findUniversity,
  isFact,
  isKnownDiscipline,
  isKnownIssueType,
  streetsOf,
} from './catalogue';

const sumOf = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

describe('catalogue totals match the source article', () => {
  it('has the 16 districts of Shanghai with unique slug ids and 6-digit codes', () => {
    expect(DISTRICTS).toHaveLength(ARTICLE_TOTALS.districts);
    expect(new Set(DISTRICTS.map((d) => d.id)).size).toBe(16);
    for (const d of DISTRICTS) expect(d.code).toMatch(/^310\d{3}$/);
  });

  it('has 10 universities and 42 colleges with unique ids', () => {
    expect(UNIVERSITIES).toHaveLength(ARTICLE_TOTALS.universities);
    expect(COLLEGES).toHaveLength(ARTICLE_TOTALS.colleges);
    expect(new Set(COLLEGES.map((c) => c.id)).size).toBe(42);
  });

  it('has 65 disciplines with unique slugs', () => {
    expect(DISCIPLINES).toHaveLength(ARTICLE_TOTALS.disciplines);
    expect(new Set(DISCIPLINES.map((d) => d.slug)).size).toBe(65);
  });

  it('plans 175 projects over the districts, the issue types, the community types and the universities', () => {
    expect(sumOf(DISTRICTS.map((d) => d.plannedProjects.value))).toBe(ARTICLE_TOTALS.projects);
    expect(sumOf(ISSUE_TYPES.map((t) => t.plannedProjects.value))).toBe(175);
    expect(sumOf(COMMUNITY_TYPES.map((t) => t.plannedProjects.value))).toBe(175);
    expect(sumOf(UNIVERSITIES.map((u) => u.plannedProjects.value))).toBe(175);
  });

  it('plans 541 teachers and 830 students over the universities', () => {
    expect(sumOf(UNIVERSITIES.map((u) => u.plannedTeachers.value))).toBe(ARTICLE_TOTALS.teachers);
    expect(sumOf(UNIVERSITIES.map((u) => u.plannedStudents.value))).toBe(ARTICLE_TOTALS.students);
  });

  it('takes the pain-point (49) and property-governance (40) counts from the article, labelled as such', () => {
    const pain = ISSUE_TYPES.find((t) => t.slug === 'pain_points')!;
    const property = ISSUE_TYPES.find((t) => t.slug === 'property_governance')!;
    expect(pain.plannedProjects).toEqual({ value: 49, provenance: 'article' });
    expect(property.plannedProjects).toEqual({ value: 40, provenance: 'article' });
    const others = ISSUE_TYPES.filter((t) => t !== pain && t !== property);
    for (const t of others) expect(t.plannedProjects.provenance).toBe('plausible');
  });

  it('has the community types residential, block, village and cross_region', () => {
    expect(COMMUNITY_TYPES.map((t) => t.slug)).toEqual(['residential', 'block', 'village', 'cross_region']);
  });
});

describe('catalogue references are consistent', () => {
  it("lists only known disciplines for every college, and every discipline's colleges host it", () => {
    for (const c of COLLEGES) {
      expect(c.disciplines.length).toBeGreaterThan(0);
      for (const slug of c.disciplines) expect(isKnownDiscipline(slug)).toBe(true);
    }
    for (const d of DISCIPLINES) {
      expect(d.colleges.value.length).toBeGreaterThan(0);
      for (const id of d.colleges.value) expect(findCollege(id)?.disciplines).toContain(d.slug);
    }
  });

  it('hosts every discipline in at least one college', () => {
    const hosted = new Set(COLLEGES.flatMap((c) => c.disciplines));
    for (const d of DISCIPLINES) expect(hosted.has(d.slug)).toBe(true);
  });

  it("prefixes every college id with its university's id", () => {
    const prefixes: Record<string, string> = { tongji: 'tj' };
    for (const u of UNIVERSITIES) {
      for (const c of u.colleges) expect(c.id.startsWith(`${prefixes[u.id] ?? u.id}_`)).toBe(true);
    }
  });

  it("gives every district sample streets whose codes extend the district's code, with the right kind", () => {
    for (const d of DISTRICTS) {
      expect(d.streets.length).toBeGreaterThan(0);
      for (const s of d.streets) {
        expect(s.code).toMatch(new RegExp(`^${d.code}\\d{3}$`));
        expect(s.kind).toBe(/^[12]$/.test(s.code[6]) ? 'town' : 'street');
        expect(s.districtId).toBe(d.id);
      }
    }
  });

  it('places every campus in a known district and every centroid inside Shanghai', () => {
    for (const u of UNIVERSITIES) expect(findDistrict(u.campus.districtId)).toBeDefined();
    for (const d of DISTRICTS) {
      expect(d.centroid.lat).toBeGreaterThan(30.6);
      expect(d.centroid.lat).toBeLessThan(31.9);
      expect(d.centroid.lon).toBeGreaterThan(120.8);
      expect(d.centroid.lon).toBeLessThan(122.1);
    }
  });

  it('never labels an assumed university participation as article fact', () => {
    for (const u of UNIVERSITIES) {
      expect(u.participation.provenance).toBe(u.participation.value === 'named' ? 'article' : 'plausible');
    }
    expect(UNIVERSITIES.filter((u) => u.participation.value === 'named').map((u) => u.id)).toEqual([
      'fdu',
      'sjtu',
      'tongji',
      'ecnu',
    ]);
  });

  it('labels every planned count of a district or university as plausible', () => {
    for (const d of DISTRICTS) expect(isFact(d.plannedProjects)).toBe(false);
    for (const u of UNIVERSITIES) {
      expect(isFact(u.plannedTeachers)).toBe(false);
      expect(isFact(u.plannedStudents)).toBe(false);
    }
  });

  it('is frozen, so callers cannot change reference data', () => {
    expect(Object.isFrozen(DISTRICTS)).toBe(true);
    expect(Object.isFrozen(DISTRICTS[0].centroid)).toBe(true);
    expect(Object.isFrozen(UNIVERSITIES[0].colleges[0].disciplines)).toBe(true);
  });
});

describe('lookup helpers', () => {
  it('finds a district by slug or by statistical code', () => {
    expect(findDistrict('pudong')?.code).toBe('310115');
    expect(findDistrict('310101')?.id).toBe('huangpu');
    expect(findDistrict('atlantis')).toBeUndefined();
  });

  it('finds the streets of the article, e.g. 半淞园路街道 in Huangpu and 长兴镇 in Chongming', () => {
    expect(findStreet('310101015')).toMatchObject({ zh: '半淞园路街道', districtId: 'huangpu', kind: 'street' });
    expect(findStreet('310151116')).toMatchObject({ zh: '长兴镇', districtId: 'chongming', kind: 'town' });
    expect(streetsOf('chongming').every((s) => s.kind === 'town')).toBe(true);
    expect(streetsOf('nowhere')).toEqual([]);
  });

  it('lists the colleges of a university and the disciplines of a college', () => {
    expect(collegesOf('fdu').map((c) => c.id)).toEqual(['fdu_ssdpp', 'fdu_sirpa', 'fdu_jour', 'fdu_sph', 'fdu_nurs']);
    expect(collegesOf('mit')).toEqual([]);
    expect(disciplinesOf('sjtu_law').map((d) => d.slug)).toEqual(['law']);
    expect(findUniversity('shu')?.zh).toBe('上海大学');
  });

  it('knows disciplines and issue types by slug', () => {
    expect(isKnownDiscipline('sociology')).toBe(true);
    expect(isKnownDiscipline('alchemy')).toBe(false);
    expect(isKnownIssueType('pain_points')).toBe(true);
    expect(isKnownIssueType('pain-points')).toBe(false);
  });

  it('measures great-circle distances in kilometres', () => {
    const fudan = findUniversity('fdu')!.campus.location;
    const tongji = findUniversity('tongji')!.campus.location;
    expect(distanceKm(fudan, fudan)).toBe(0);
    expect(distanceKm(fudan, tongji)).toBeGreaterThan(1.5);
    expect(distanceKm(fudan, tongji)).toBeLessThan(2.5);
  });
});
