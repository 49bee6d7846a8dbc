/**
 * One row of projects.csv (the catalogue writer's columns) as the registration DTO's plain shape, and the way back
 * from a DTO field path to the column that holds it, so row errors name what the administrator sees.
 */
import { findDistrict, PROJECT_CSV_COLUMNS } from '@civic/catalogue';
import { csvList, csvNumber } from '@civic/imports';
import type { FieldProblem } from '@civic/platform';

export type ProjectCsvColumn = (typeof PROJECT_CSV_COLUMNS)[number];

const COLUMN_OF_FIELD: Record<string, ProjectCsvColumn> = {
  externalKey: 'external_key',
  name: 'name_zh',
  nameEn: 'name_en',
  districtId: 'district_id',
  streetCode: 'street_code',
  partnerStreetCodes: 'partner_street_codes',
  communityType: 'community_type',
  issueTypes: 'issue_types',
  wantedDisciplines: 'wanted_disciplines',
  'slots.teacher.min': 'teacher_min',
  'slots.teacher.max': 'teacher_max',
  'slots.student.min': 'student_min',
  'slots.student.max': 'student_max',
  'location.lat': 'lat',
  'location.lon': 'lon',
};

/** The CSV column for a DTO field path ('slots.teacher.min' → 'teacher_min'); unknown paths are returned as they are. */
export function csvColumnOf(field: string): string {
  return COLUMN_OF_FIELD[field] ?? field;
}

/** The DTO-shaped object of a CSV row: lists split on '|', numbers parsed (text that is not a number is kept, so the validator names it). */
export function projectFromCsv(values: Record<string, unknown>): Record<string, unknown> {
  const v = values as Record<ProjectCsvColumn, string>;
  const hasLocation = v.lat.trim() !== '' || v.lon.trim() !== '';
  return {
    externalKey: v.external_key.trim(),
    name: v.name_zh.trim(),
    ...(v.name_en.trim() ? { nameEn: v.name_en.trim() } : {}),
    districtId: v.district_id.trim(),
    streetCode: v.street_code.trim(),
    partnerStreetCodes: csvList(v.partner_street_codes),
    communityType: v.community_type.trim(),
    issueTypes: csvList(v.issue_types),
    wantedDisciplines: csvList(v.wanted_disciplines),
    slots: {
      teacher: { min: csvNumber(v.teacher_min), max: csvNumber(v.teacher_max) },
      student: { min: csvNumber(v.student_min), max: csvNumber(v.student_max) },
    },
    ...(hasLocation ? { location: { lat: csvNumber(v.lat), lon: csvNumber(v.lon) } } : {}),
  };
}

/** CSV-only rules: district_code is redundant with district_id, so the two must agree. */
export function projectCsvProblems(values: Record<string, unknown>): FieldProblem[] {
  const v = values as Record<ProjectCsvColumn, string>;
  const district = findDistrict(v.district_id.trim());
  if (district && v.district_code.trim() !== district.code) {
    return [{ field: 'district_code', rule: 'matchesDistrict', message: `district_code must be ${district.code}, the code of ${district.id}` }];
  }
  return [];
}
