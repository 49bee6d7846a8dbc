/**
 * Totals of a generated season, used by the CLI's report and by specs that check the counts.
 */
import type { Season, SeasonExpert, SeasonSummary } from './season.types';

function tally(values: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function sum(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** Counts, slot sums and capacities of a season, and whether minimum demands fit the capacity per kind. */
export function summarizeSeason(season: Season): SeasonSummary {
  const { projects, teachers, students } = season;
  const experts: SeasonExpert[] = [...teachers, ...students];
  const teacherMinSum = sum(projects.map((p) => p.slots.teacher.min));
  const studentMinSum = sum(projects.map((p) => p.slots.student.min));
  const teacherCapacity = sum(teachers.map((e) => e.capacity));
  const studentCapacity = sum(students.map((e) => e.capacity));
  return {
    projects: projects.length,
    teachers: teachers.length,
    students: students.length,
    districts: new Set(projects.map((p) => p.districtId)).size,
    universities: new Set(experts.map((e) => e.universityId)).size,
    colleges: new Set(experts.map((e) => e.collegeId)).size,
    disciplines: new Set(experts.flatMap((e) => e.disciplines)).size,
    byPrimaryIssueType: tally(projects.map((p) => p.issueTypes[0])),
    byDistrict: tally(projects.map((p) => p.districtId)),
    byCommunityType: tally(projects.map((p) => p.communityType)),
    teacherMinSum,
    teacherMaxSum: sum(projects.map((p) => p.slots.teacher.max)),
    teacherCapacity,
    studentMinSum,
    studentMaxSum: sum(projects.map((p) => p.slots.student.max)),
    studentCapacity,
    expertsWithPreferences: experts.filter((e) => e.preferences.length > 0).length,
    minimumsSatisfiable: teacherMinSum <= teacherCapacity && studentMinSum <= studentCapacity,
  };
}
