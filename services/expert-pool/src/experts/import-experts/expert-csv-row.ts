/**
 * One row of teachers.csv / students.csv (the catalogue writer's columns) as the registration DTO's plain shape,
 * and the way back from a DTO field path to the column that holds it, so row errors name what the coordinator sees.
 */
import type { EXPERT_CSV_COLUMNS } from '@civic/catalogue';

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
    disciplines: list(v.disciplines),
    capacity: number(v.capacity),
    ...(v.availability.trim() ? { availability: v.availability.trim() } : {}),
    preferences: list(v.preferences),
    ...(hasLocation ? { location: { lat: number(v.lat), lon: number(v.lon) } } : {}),
  };
}

/** '' → [], 'a|b' → ['a', 'b']. */
export function list(cell: string): string[] {
  const text = cell.trim();
  return text === '' ? [] : text.split('|').map((s) => s.trim());
}

/** A decimal number, or the text itself when it is not one; '' → undefined. */
export function number(cell: string): number | string | undefined {
  const text = cell.trim();
  if (text === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}
