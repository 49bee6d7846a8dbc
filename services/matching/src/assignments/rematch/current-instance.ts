import type { ExpertKind, ExpertProjectPair, MatchingInstanceV1 } from '@civic/contracts';

/** An active (proposed or accepted) assignment, as re-matching pins it. */
export interface ActivePair extends ExpertProjectPair {
  kind: ExpertKind;
}

/**
 * The round's stored instance brought up to date for a re-match: an expert who became unavailable keeps only the
 * projects they already hold (capacity = those), a withdrawn project keeps only the experts it already has (no new
 * slots), and those with nothing active leave. Forbidden pairs naming someone who left are dropped (the engine
 * refuses unknown ids).
 */
export function currentInstance(
  stored: MatchingInstanceV1,
  active: readonly ActivePair[],
  declined: readonly ExpertProjectPair[],
  unavailableExperts: ReadonlySet<string>,
  withdrawnProjects: ReadonlySet<string>,
): { instance: MatchingInstanceV1; declined: ExpertProjectPair[] } {
  const byExpert = new Map<string, number>();
  const byProjectKind = new Map<string, number>();
  for (const a of active) {
    byExpert.set(a.expertId, (byExpert.get(a.expertId) ?? 0) + 1);
    byProjectKind.set(`${a.projectId}/${a.kind}`, (byProjectKind.get(`${a.projectId}/${a.kind}`) ?? 0) + 1);
  }
  const projects = stored.projects.flatMap((p) => {
    if (!withdrawnProjects.has(p.id)) return [p];
    const t = byProjectKind.get(`${p.id}/teacher`) ?? 0;
    const s = byProjectKind.get(`${p.id}/student`) ?? 0;
    if (t + s === 0) return [];
    return [{ ...p, slots: { teacher: { min: Math.min(p.slots.teacher.min, t), max: t }, student: { min: Math.min(p.slots.student.min, s), max: s } } }];
  });
  const projectIds = new Set(projects.map((p) => p.id));
  const experts = stored.experts.flatMap((e) => {
    const held = byExpert.get(e.id) ?? 0;
    if (unavailableExperts.has(e.id) && held === 0) return [];
    const preferences = e.preferences?.filter((id) => projectIds.has(id));
    return [{ ...e, capacity: unavailableExperts.has(e.id) ? held : e.capacity, ...(preferences ? { preferences } : {}) }];
  });
  const expertIds = new Set(experts.map((e) => e.id));
  const known = (p: ExpertProjectPair) => expertIds.has(p.expertId) && projectIds.has(p.projectId);
  return {
    instance: { ...stored, projects, experts, pinned: (stored.pinned ?? []).filter(known), forbidden: (stored.forbidden ?? []).filter(known) },
    declined: declined.filter(known),
  };
}
