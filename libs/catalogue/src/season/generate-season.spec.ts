import { affinity } from '../affinity';
import {
  COLLEGES,
  DISCIPLINES,
  DISTRICTS,
  ISSUE_TYPES,
  UNIVERSITIES,
  distanceKm,
  findCollege,
  findStreet,
  isKnownDiscipline,
} from '../catalogue';
import { seasonCsvFiles } from './csv';
import { MAX_SCALE, generateSeason } from './generate-season';
import { summarizeSeason } from './summarize-season';
import { serializeInstance, toMatchingInstance } from './to-matching-instance';
import type { Season } from './season.types';

const one = generateSeason({ seed: 1, scale: 1 });
const two = generateSeason({ seed: 1, scale: 2 });

function bytesOf(season: Season): string {
  const files = seasonCsvFiles(season);
  return [files['projects.csv'], files['teachers.csv'], files['students.csv'], serializeInstance(toMatchingInstance(season))].join(
    '\u0000',
  );
}

describe('generateSeason counts', () => {
  it.each([
    [1, one],
    [2, two],
  ])('at scale %i produces exactly scale x 175 projects, 541 teachers and 830 students', (scale, season) => {
    expect(season.projects).toHaveLength(175 * scale);
    expect(season.teachers).toHaveLength(541 * scale);
    expect(season.students).toHaveLength(830 * scale);
  });

  it.each([
    [1, one],
    [2, two],
  ])('at scale %i matches every planned split exactly', (scale, season) => {
    const s = summarizeSeason(season);
    for (const t of ISSUE_TYPES) expect(s.byPrimaryIssueType[t.slug]).toBe(t.plannedProjects.value * scale);
    for (const d of DISTRICTS) expect(s.byDistrict[d.id]).toBe(d.plannedProjects.value * scale);
    expect(s.byCommunityType).toEqual({
      residential: 108 * scale,
      block: 36 * scale,
      village: 20 * scale,
      cross_region: 11 * scale,
    });
    for (const u of UNIVERSITIES) {
      expect(season.teachers.filter((e) => e.universityId === u.id)).toHaveLength(u.plannedTeachers.value * scale);
      expect(season.students.filter((e) => e.universityId === u.id)).toHaveLength(u.plannedStudents.value * scale);
    }
  });

  it('has exactly 49 pain-point and 40 property-governance projects at scale 1 (the article)', () => {
    expect(one.projects.filter((p) => p.issueTypes[0] === 'pain_points')).toHaveLength(49);
    expect(one.projects.filter((p) => p.issueTypes[0] === 'property_governance')).toHaveLength(40);
  });

  it('covers every district, university and college at scale 1', () => {
    const s = summarizeSeason(one);
    expect(s.districts).toBe(16);
    expect(s.universities).toBe(10);
    expect(s.colleges).toBe(COLLEGES.length);
    for (const c of COLLEGES) {
      expect(one.teachers.some((e) => e.collegeId === c.id)).toBe(true);
      expect(one.students.some((e) => e.collegeId === c.id)).toBe(true);
    }
  });

  it('gives every discipline of the catalogue a teacher and a student with it as primary at scale 1', () => {
    for (const d of DISCIPLINES) {
      expect(one.teachers.some((e) => e.disciplines[0] === d.slug)).toBe(true);
      expect(one.students.some((e) => e.disciplines[0] === d.slug)).toBe(true);
    }
    expect(summarizeSeason(one).disciplines).toBe(65);
  });

  it('keeps minimum demands within capacity per kind at scale 1', () => {
    const s = summarizeSeason(one);
    expect(s.minimumsSatisfiable).toBe(true);
    expect(s.teacherMinSum).toBeLessThanOrEqual(s.teacherCapacity);
    expect(s.studentMinSum).toBeLessThanOrEqual(s.studentCapacity);
  });

  it.each([0, 3, 17, 123456, 4294967295])('keeps every split exact and minimums satisfiable for seed %i', (seed) => {
    const season = generateSeason({ seed });
    const s = summarizeSeason(season);
    expect([s.projects, s.teachers, s.students]).toEqual([175, 541, 830]);
    for (const t of ISSUE_TYPES) expect(s.byPrimaryIssueType[t.slug]).toBe(t.plannedProjects.value);
    for (const d of DISTRICTS) expect(s.byDistrict[d.id]).toBe(d.plannedProjects.value);
    expect(s.disciplines).toBe(65);
    expect(s.minimumsSatisfiable).toBe(true);
    for (const p of season.projects) {
      if (p.communityType === 'village') expect(findStreet(p.streetCode)!.kind).toBe('town');
    }
  });

  it('rejects a scale or seed that is not a supported integer', () => {
    expect(() => generateSeason({ seed: 1, scale: 0 })).toThrow(RangeError);
    expect(() => generateSeason({ seed: 1, scale: 1.5 })).toThrow(RangeError);
    expect(() => generateSeason({ seed: 1, scale: MAX_SCALE + 1 })).toThrow(RangeError);
    expect(() => generateSeason({ seed: -1 })).toThrow(RangeError);
    expect(() => generateSeason({ seed: Number.NaN })).toThrow(RangeError);
  });
});

describe('generateSeason determinism', () => {
  it('gives the same bytes (CSV and instance JSON) for the same seed and scale', () => {
    expect(bytesOf(generateSeason({ seed: 1, scale: 1 }))).toBe(bytesOf(one));
    expect(bytesOf(generateSeason({ seed: 1, scale: 2 }))).toBe(bytesOf(two));
  });

  it('gives a different season for a different seed, with the same counts', () => {
    const other = generateSeason({ seed: 2, scale: 1 });
    expect(bytesOf(other)).not.toBe(bytesOf(one));
    expect(summarizeSeason(other).byPrimaryIssueType).toEqual(summarizeSeason(one).byPrimaryIssueType);
  });
});

describe('generated projects', () => {
  it('have unique fixed-width ids whose string order is numeric order', () => {
    const ids = two.projects.map((p) => p.id);
    expect(ids[0]).toBe('P00001');
    expect(ids.every((id) => /^P\d{5}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("lie in a real street or town of their own district, near its centroid or the street's named place", () => {
    for (const p of two.projects) {
      const street = findStreet(p.streetCode)!;
      expect(street.districtId).toBe(p.districtId);
      const district = DISTRICTS.find((d) => d.id === p.districtId)!;
      const [centre, radiusKm] = street.place
        ? [street.place.location, 1.5]
        : [district.centroid, district.centroidToleranceKm];
      // 1% slack: the generator offsets in a local flat frame, distanceKm is great-circle.
      expect(distanceKm(p.location, centre)).toBeLessThanOrEqual(radiusKm * 1.01);
    }
  });

  it('put 居村 (village) projects only in towns of suburban districts or Pudong, and rural issues only there', () => {
    for (const p of two.projects) {
      if (p.communityType === 'village') {
        expect(findStreet(p.streetCode)!.kind).toBe('town');
        expect(DISTRICTS.find((d) => d.id === p.districtId)!.zone).not.toBe('central');
      }
      if (p.issueTypes.includes('rural_village')) expect(p.communityType).toBe('village');
    }
  });

  it('give cross-region projects a partner street and others none', () => {
    for (const p of two.projects) {
      expect(p.partnerStreetCodes.length).toBe(p.communityType === 'cross_region' ? 1 : 0);
      for (const code of p.partnerStreetCodes) {
        expect(findStreet(code)).toBeDefined();
        expect(code).not.toBe(p.streetCode);
      }
    }
  });

  it('have 1-3 distinct known issue types and 0-3 wanted disciplines of affinity >= 50 to the primary', () => {
    for (const p of two.projects) {
      expect(p.issueTypes.length).toBeGreaterThanOrEqual(1);
      expect(p.issueTypes.length).toBeLessThanOrEqual(3);
      expect(new Set(p.issueTypes).size).toBe(p.issueTypes.length);
      expect(p.wantedDisciplines.length).toBeLessThanOrEqual(3);
      for (const d of p.wantedDisciplines) expect(affinity(p.issueTypes[0], d)).toBeGreaterThanOrEqual(50);
    }
    expect(two.projects.some((p) => p.wantedDisciplines.length > 0)).toBe(true);
    expect(two.projects.some((p) => p.issueTypes.length === 3)).toBe(true);
  });

  it('have teacher slots {1, 2..4} and student slots {1..2, 3..6}', () => {
    for (const p of two.projects) {
      expect(p.slots.teacher.min).toBe(1);
      expect(p.slots.teacher.max).toBeGreaterThanOrEqual(2);
      expect(p.slots.teacher.max).toBeLessThanOrEqual(4);
      expect([1, 2]).toContain(p.slots.student.min);
      expect(p.slots.student.max).toBeGreaterThanOrEqual(3);
      expect(p.slots.student.max).toBeLessThanOrEqual(6);
    }
  });
});

describe('generated experts', () => {
  const experts = [...two.teachers, ...two.students];
  const projectIds = new Set(two.projects.map((p) => p.id));

  it('have unique fixed-width ids, T000001... for teachers and S000001... for students', () => {
    expect(two.teachers[0].id).toBe('T000001');
    expect(two.students[0].id).toBe('S000001');
    expect(two.teachers.every((e) => /^T\d{6}$/.test(e.id) && e.kind === 'teacher')).toBe(true);
    expect(two.students.every((e) => /^S\d{6}$/.test(e.id) && e.kind === 'student')).toBe(true);
    expect(new Set(experts.map((e) => e.id)).size).toBe(experts.length);
  });

  it("have a college of their university and 1-3 distinct disciplines that college hosts", () => {
    for (const e of experts) {
      const college = findCollege(e.collegeId)!;
      expect(college.universityId).toBe(e.universityId);
      expect(e.disciplines.length).toBeGreaterThanOrEqual(1);
      expect(e.disciplines.length).toBeLessThanOrEqual(3);
      expect(new Set(e.disciplines).size).toBe(e.disciplines.length);
      for (const d of e.disciplines) {
        expect(isKnownDiscipline(d)).toBe(true);
        expect(college.disciplines).toContain(d);
      }
    }
  });

  it('sit on their campus, with capacity 1 for students and 1 or 2 for teachers', () => {
    for (const e of experts) {
      expect(e.location).toEqual(UNIVERSITIES.find((u) => u.id === e.universityId)!.campus.location);
      expect(e.kind === 'student' ? [1] : [1, 2]).toContain(e.capacity);
    }
    expect(two.teachers.some((e) => e.capacity === 2)).toBe(true);
  });

  it('state 1-5 distinct existing project preferences for about 30% of experts', () => {
    const withPrefs = experts.filter((e) => e.preferences.length > 0);
    expect(withPrefs.length / experts.length).toBeGreaterThan(0.25);
    expect(withPrefs.length / experts.length).toBeLessThan(0.35);
    for (const e of withPrefs) {
      expect(e.preferences.length).toBeLessThanOrEqual(5);
      expect(new Set(e.preferences).size).toBe(e.preferences.length);
      for (const id of e.preferences) expect(projectIds.has(id)).toBe(true);
    }
  });

  it('carry names marked as synthetic', () => {
    for (const e of experts) {
      expect(e.nameZh).toMatch(/^[\u4e00-\u9fff]{2,3}（虚拟）$/);
      expect(e.nameEn).toMatch(/^[A-Z][a-z]+ [A-Z][a-z']+ \(synthetic\)$/);
    }
  });
});
