import type { ExpertKind, ExpertProjectPair, MatchingInstanceV1 } from '@civic/contracts';

/** An active (proposed or accepted) assignment, as re-matching pins it. */
export interface ActivePair extends ExpertProjectPair {
  kind: ExpertKind;
}

/**
 * The round's stored instance brought up to date for a re-match: an expert who became unavailable keeps only the
 * projects they already hold (capacity = those), a withdrawn project keeps only the experts it already has (no new
 * slots), and those with nothing active leave. What they hold counts the round's active assignments and the
 * instance's own pins (other rounds' assignments taken as given when the round started). Forbidden pairs and pins
 * naming someone who left are dropped (the engine refuses unknown ids).
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
  const kindOf = new Map(stored.experts.map((e) => [e.id, e.kind]));
  const pins = (stored.pinned ?? []).map((p) => ({ ...p, kind: kindOf.get(p.expertId)! }));
  for (const a of [...active, ...pins]) {
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

/**
 * Brings the experts' capacity in a re-match instance up to date with what other rounds hold now: an expert's
 * capacity is its capacity now less what other rounds hold that is not pinned here, never below what the re-match
 * must keep (the instance's pins and the round's own active assignments), and never above the stored instance's.
 * Without it, an expert a later round proposed could be proposed again by this round's re-match.
 */
export function withCurrentHoldings(
  instance: MatchingInstanceV1,
  active: readonly ExpertProjectPair[],
  heldElsewhere: readonly ExpertProjectPair[],
  capacityNow: ReadonlyMap<string, number>,
): MatchingInstanceV1 {
  const count = (pairs: readonly ExpertProjectPair[]) => {
    const m = new Map<string, number>();
    for (const p of pairs) m.set(p.expertId, (m.get(p.expertId) ?? 0) + 1);
    return m;
  };
  const pinned = count(instance.pinned ?? []);
  const own = count(active);
  const elsewhere = count(heldElsewhere);
  const experts = instance.experts.map((e) => {
    const floor = (pinned.get(e.id) ?? 0) + (own.get(e.id) ?? 0);
    const now = capacityNow.get(e.id) ?? e.capacity;
    // The engine counts the pins and the round's active assignments against the capacity: give it those plus what
    // is free now (capacity now less everything held, here and elsewhere; a pin still held elsewhere is one of them).
    const free = now - (elsewhere.get(e.id) ?? 0) - (own.get(e.id) ?? 0);
    const capacity = Math.max(floor, Math.min(e.capacity, free + floor));
    return capacity === e.capacity ? e : { ...e, capacity };
  });
  return { ...instance, experts };
}
