/**
 * One row of teachers.csv / students.csv (the catalogue writer's columns) as the registration DTO's plain shape,
 * and the way back from a DTO field path to the column that holds it, so row errors name what the coordinator sees.
 */
import type { EXPERT_CSV_COLUMNS } from '@civic/catalogue';
import { csvList, csvNumber } from '@civic/imports';

export type ExpertCsvColumn = (typeof EXPERT_CSV_COLUMNS)[number];

const COLUMN_OF_FIELD: Record<string, ExpertCsvColumn> = {
  externalKey: 'external_key',
  name: 'name_zh',
  nameEn: 'name_en',
  kind: 'kind',
  universityId: 'university_id',
  collegeId: 'college_id',
  disciplines: 'disciplines',
  capacity: 'capacity',
  availability: 'availability',
  preferences: 'preferences',
  location: 'lat',
  'location.lat': 'lat',
  'location.lon': 'lon',
};

/** The CSV column for a DTO field path ('location.lat' → 'lat'); unknown paths are returned as they are. */
export function csvColumnOf(field: string): string {
  return COLUMN_OF_FIELD[field] ?? field;
}

/**
 * The DTO-shaped object of a CSV row: lists split on '|', numbers parsed (text that is not a number is kept, so the
 * validator names it). `preferences` still holds the file's project external keys; the checks translate them to ids.
 * The file has no `available` column: a new expert is available, an existing one keeps what it had.
 */
export function expertFromCsv(values: Record<string, unknown>): Record<string, unknown> {
  const v = values as Record<ExpertCsvColumn, string>;
  const hasLocation = v.lat.trim() !== '' || v.lon.trim() !== '';
  return {
    externalKey: v.external_key.trim(),
    kind: v.kind.trim(),
    name: v.name_zh.trim(),
    ...(v.name_en.trim() ? { nameEn: v.name_en.trim() } : {}),
    universityId: v.university_id.trim(),
    collegeId: v.college_id.trim(),
    disciplines: csvList(v.disciplines),
    capacity: csvNumber(v.capacity),
    ...(v.availability.trim() ? { availability: v.availability.trim() } : {}),
    preferences: csvList(v.preferences),
    ...(hasLocation ? { location: { lat: csvNumber(v.lat), lon: csvNumber(v.lon) } } : {}),
  };
}
