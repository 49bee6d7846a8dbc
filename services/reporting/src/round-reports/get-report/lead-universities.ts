import type { LeadUniversityFigures, TeamRow, UniversityLimit } from '@civic/contracts';

/**
 * Per university, what it leads: the projects, the members of those teams by kind, the average team size, its limit,
 * and how many of its own people are placed (`placed`, by university: null when the events do not tell, as for a
 * dry run of mixed teams). Every university that leads a team, has a limit or has people placed gets a row, by id.
 */
export function leadUniversityFigures(
  teams: readonly TeamRow[],
  placed: ReadonlyMap<string, number> | null,
  limits: Readonly<Record<string, UniversityLimit>> | undefined,
): LeadUniversityFigures[] {
  const ids = new Set<string>([...teams.map((t) => t.leadUniversityId), ...Object.keys(limits ?? {}), ...(placed?.keys() ?? [])]);
  return [...ids].sort().map((universityId) => {
    const led = teams.filter((t) => t.leadUniversityId === universityId);
    const teachers = led.reduce((n, t) => n + t.teachers, 0);
    const students = led.reduce((n, t) => n + t.students, 0);
    return {
      universityId,
      projectsLed: led.length,
      maxProjects: limits?.[universityId]?.maxProjects ?? null,
      teachers,
      students,
      averageTeamSize: led.length ? Math.round(((teachers + students) / led.length) * 100) / 100 : 0,
      peoplePlaced: placed ? (placed.get(universityId) ?? 0) : null,
    };
  });
}
