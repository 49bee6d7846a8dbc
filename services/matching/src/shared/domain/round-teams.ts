import type { MatchingInstanceV1, MatchingResultV1, ResultTeam } from '@civic/contracts';

/**
 * The round's own teams from the engine's: members that are the instance's pins (what other rounds hold, taken as
 * given) are left out, like everything else the round reports, and so is a team left with no member. The lead
 * university stays the engine's (a pin fixes it under one-university), and the weight is that of the members kept.
 */
export function roundTeams(instance: MatchingInstanceV1, result: Pick<MatchingResultV1, 'assignments' | 'teams'>): ResultTeam[] {
  const held = new Set((instance.pinned ?? []).map((p) => `${p.expertId}/${p.projectId}`));
  const weightOf = new Map(result.assignments.map((a) => [`${a.expertId}/${a.projectId}`, a.weight]));
  const out: ResultTeam[] = [];
  for (const team of result.teams ?? []) {
    const own = (ids: readonly string[]) => ids.filter((id) => !held.has(`${id}/${team.projectId}`));
    const teachers = own(team.teachers);
    const students = own(team.students);
    if (teachers.length + students.length === 0) continue;
    if (teachers.length === team.teachers.length && students.length === team.students.length) {
      out.push(team);
      continue;
    }
    const weight = [...teachers, ...students].reduce((w, id) => w + (weightOf.get(`${id}/${team.projectId}`) ?? 0), 0);
    out.push({ ...team, teachers, students, weight });
  }
  return out;
}

/** Each project's lead university. */
export function leadUniversities(teams: readonly ResultTeam[]): Map<string, string> {
  return new Map(teams.map((t) => [t.projectId, t.universityId]));
}
