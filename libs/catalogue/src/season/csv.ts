/**
 * CSV writers for the import files (projects.csv, teachers.csv, students.csv): RFC 4180 quoting, CRLF line ends,
 * UTF-8, one header row. List-valued columns are joined with '|'.
 */
import type { Season, SeasonExpert, SeasonProject } from './season.types';

/** A field as RFC 4180 wants it: quoted (with quotes doubled) when it holds a comma, quote, CR or LF. */
export function csvField(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: header row then one row per record, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<ReadonlyArray<string | number>>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Columns of projects.csv, in order. */
export const PROJECT_CSV_COLUMNS = [
  'external_key',
  'name_zh',
  'name_en',
  'district_id',
  'district_code',
  'street_code',
  'partner_street_codes',
  'community_type',
  'issue_types',
  'wanted_disciplines',
  'teacher_min',
  'teacher_max',
  'student_min',
  'student_max',
  'lat',
  'lon',
] as const;

/** Columns of teachers.csv and students.csv, in order. */
export const EXPERT_CSV_COLUMNS = [
  'external_key',
  'name_zh',
  'name_en',
  'kind',
  'university_id',
  'college_id',
  'disciplines',
  'capacity',
  'availability',
  'preferences',
  'lat',
  'lon',
] as const;

/** projects.csv for a list of generated projects. */
export function projectsCsv(projects: readonly SeasonProject[]): string {
  return toCsv(
    PROJECT_CSV_COLUMNS,
    projects.map((p) => [
      p.id,
      p.nameZh,
      p.nameEn,
      p.districtId,
      p.streetCode.slice(0, 6),
      p.streetCode,
      p.partnerStreetCodes.join('|'),
      p.communityType,
      p.issueTypes.join('|'),
      p.wantedDisciplines.join('|'),
      p.slots.teacher.min,
      p.slots.teacher.max,
      p.slots.student.min,
      p.slots.student.max,
      p.location.lat,
      p.location.lon,
    ]),
  );
}

/** teachers.csv or students.csv for a list of generated experts. */
export function expertsCsv(experts: readonly SeasonExpert[]): string {
  return toCsv(
    EXPERT_CSV_COLUMNS,
    experts.map((e) => [
      e.id,
      e.nameZh,
      e.nameEn,
      e.kind,
      e.universityId,
      e.collegeId,
      e.disciplines.join('|'),
      e.capacity,
      e.availability,
      e.preferences.join('|'),
      e.location.lat,
      e.location.lon,
    ]),
  );
}

/** The three import files of a season, keyed by file name. */
export function seasonCsvFiles(season: Season): Record<'projects.csv' | 'teachers.csv' | 'students.csv', string> {
  return {
    'projects.csv': projectsCsv(season.projects),
    'teachers.csv': expertsCsv(season.teachers),
    'students.csv': expertsCsv(season.students),
  };
}
