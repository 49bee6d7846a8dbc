import type { ExpertProjectPair, InstanceProject, MatchingInstanceV1 } from '@civic/contracts';
import { type ActivePair, pinsWithKind } from './to-assignments';

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
  for (const a of [...active, ...pinsWithKind(stored)]) {
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
 * Brings a re-match instance up to date with what other rounds hold now, so the re-match never gives away what a
 * later round took: an expert's capacity is its capacity now less everything held (here and elsewhere), and a team's
 * max and minimum are the project's now less what other rounds hold there beyond this instance's pins. Neither ever
 * drops below what the re-match must keep (the instance's pins and the round's own active assignments) nor rises
 * above the stored instance's (a re-match fills freed slots, it does not grow teams).
 */
export function withCurrentHoldings(
  instance: MatchingInstanceV1,
  active: readonly ActivePair[],
  heldElsewhere: readonly ActivePair[],
  now: { capacity: ReadonlyMap<string, number>; slots: ReadonlyMap<string, InstanceProject['slots']> },
): MatchingInstanceV1 {
  const count = <T>(items: readonly T[], key: (t: T) => string) => {
    const m = new Map<string, number>();
    for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
    return m;
  };
  const pins = pinsWithKind(instance);
  const pinKeys = new Set(pins.map((p) => `${p.expertId}/${p.projectId}`));
  const byExpert = (p: ExpertProjectPair) => p.expertId;
  const bySlot = (p: ActivePair) => `${p.projectId}/${p.kind}`;
  const pinnedOf = count(pins, byExpert);
  const ownOf = count(active, byExpert);
  const elsewhereOf = count(heldElsewhere, byExpert);
  const pinnedIn = count(pins, bySlot);
  const ownIn = count(active, bySlot);
  // Held elsewhere in a team and not pinned here: slots this re-match must leave alone.
  const otherIn = count(heldElsewhere.filter((p) => !pinKeys.has(`${p.expertId}/${p.projectId}`)), bySlot);

  const experts = instance.experts.map((e) => {
    const floor = (pinnedOf.get(e.id) ?? 0) + (ownOf.get(e.id) ?? 0);
    // The engine counts the pins and the round's active assignments against the capacity: give it those plus what
    // is free now (capacity now less everything held, here and elsewhere; a pin still held elsewhere is one of them).
    const free = (now.capacity.get(e.id) ?? e.capacity) - (elsewhereOf.get(e.id) ?? 0) - (ownOf.get(e.id) ?? 0);
    const capacity = Math.max(floor, Math.min(e.capacity, free + floor));
    return capacity === e.capacity ? e : { ...e, capacity };
  });
  const projects = instance.projects.map((p) => {
    const current = now.slots.get(p.id) ?? p.slots;
    const slots = { ...p.slots };
    for (const kind of ['teacher', 'student'] as const) {
      const slot = `${p.id}/${kind}`;
      const floor = (pinnedIn.get(slot) ?? 0) + (ownIn.get(slot) ?? 0);
      const other = otherIn.get(slot) ?? 0;
      const max = Math.max(floor, Math.min(p.slots[kind].max, current[kind].max - other));
      slots[kind] = { min: Math.min(max, p.slots[kind].min, Math.max(0, current[kind].min - other)), max };
    }
    const same = slots.teacher.max === p.slots.teacher.max && slots.teacher.min === p.slots.teacher.min && slots.student.max === p.slots.student.max && slots.student.min === p.slots.student.min;
    return same ? p : { ...p, slots };
  });
  return { ...instance, experts, projects };
}

/**
 * Keeps a university that declined a whole project (one-university rounds) off that project for good: every pair of
 * one of its experts with the project becomes forbidden. The engine forbids it in the re-match that answers the
 * decline (`universityDeclines`); later re-matches get it as forbidden pairs.
 */
export function forbidDeclinedUniversities(
  instance: MatchingInstanceV1,
  declines: ReadonlyArray<{ projectId: string; universityId: string }>,
): MatchingInstanceV1 {
  if (declines.length === 0) return instance;
  const projectIds = new Set(instance.projects.map((p) => p.id));
  const forbidden = [...(instance.forbidden ?? [])];
  const known = new Set(forbidden.map((f) => `${f.expertId}/${f.projectId}`));
  for (const d of declines) {
    if (!projectIds.has(d.projectId)) continue;
    for (const e of instance.experts) {
      const key = `${e.id}/${d.projectId}`;
      if (e.universityId !== d.universityId || known.has(key)) continue;
      known.add(key);
      forbidden.push({ expertId: e.id, projectId: d.projectId });
    }
  }
  return { ...instance, forbidden };
}
