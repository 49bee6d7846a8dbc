/**
 * Each university's limit on the projects it leads in a season (contract v1 `options.universityLimits`), sized to
 * the university: the teams it could field alone, shared out over the season's projects, with some slack.
 */
import type { UniversityLimit } from '@civic/contracts';
import type { Season } from './season.types';

/** Room above a university's proportional share of the projects (0.15: 15% more). */
export const UNIVERSITY_LIMIT_SLACK = 0.15;

/**
 * Per university (by id): `maxProjects = ceil(projects x fieldable_u / sum of fieldable x (1 + slack))`, where
 * fieldable_u = min(teacher capacity / average teacher minimum, student capacity / average student minimum) is the
 * number of minimum teams the university could field on its own. Proportional to its size, so no think tank is
 * asked to lead more than its share; the slack (and rounding up) makes the limits sum to more than the projects, so
 * every project can still get a team. Reads only the season (no random draws): the people are those of the season.
 */
export function seasonUniversityLimits(season: Season, slack = UNIVERSITY_LIMIT_SLACK): Record<string, UniversityLimit> {
  const projects = season.projects.length;
  if (projects === 0) return {};
  const averageMin = (kind: 'teacher' | 'student') => season.projects.reduce((n, p) => n + p.slots[kind].min, 0) / projects;
  const teacherMin = averageMin('teacher');
  const studentMin = averageMin('student');
  const capacity = new Map<string, { teacher: number; student: number }>();
  for (const e of [...season.teachers, ...season.students]) {
    const c = capacity.get(e.universityId) ?? { teacher: 0, student: 0 };
    c[e.kind] += e.capacity;
    capacity.set(e.universityId, c);
  }
  const fieldable = new Map(
    [...capacity].map(([u, c]) => [
      u,
      Math.min(teacherMin > 0 ? c.teacher / teacherMin : Infinity, studentMin > 0 ? c.student / studentMin : Infinity),
    ]),
  );
  const total = [...fieldable.values()].reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  const limits: Record<string, UniversityLimit> = {};
  for (const u of [...fieldable.keys()].sort()) {
    const teams = fieldable.get(u)!;
    const share = total > 0 && Number.isFinite(teams) ? (projects * teams) / total : projects;
    limits[u] = { maxProjects: Math.max(1, Math.ceil(share * (1 + slack))) };
  }
  return limits;
}
