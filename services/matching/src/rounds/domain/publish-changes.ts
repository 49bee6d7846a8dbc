import type { DraftAssignmentV1, ExpertKind, RoundChangeV1, SlotRange } from '@civic/contracts';

/** The world now, as far as a draft relies on it. */
export interface WorldNow {
  experts: ReadonlyMap<string, { available: boolean; capacity: number }>;
  projects: ReadonlyMap<string, { status: string; slots: Record<ExpertKind, SlotRange> }>;
  /** What other rounds hold now (proposed or accepted) of the draft's experts and projects. */
  heldElsewhere: ReadonlyArray<{ expertId: string; projectId: string; kind: ExpertKind }>;
}

/**
 * What changed since a draft was solved that its assignments relied on: an expert withdrawn (unavailable) or whose
 * capacity other rounds took meanwhile, a project withdrawn, or a team whose places other rounds filled meanwhile.
 * Where capacity or places fall short, the draft's lowest-weight assignments are the ones named (a re-solve gives
 * them up first). Empty when the draft can be published as it is.
 */
export function publishChanges(draft: readonly DraftAssignmentV1[], now: WorldNow): RoundChangeV1[] {
  const changes: RoundChangeV1[] = [];
  const named = new Set<string>();
  const add = (c: RoundChangeV1) => {
    const k = `${c.expertId}\u0000${c.projectId}`;
    if (named.has(k)) return;
    named.add(k);
    changes.push(c);
  };
  const count = (xs: readonly string[]) => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
    return m;
  };
  const elsewhereOf = count(now.heldElsewhere.map((h) => h.expertId));
  const elsewhereIn = count(now.heldElsewhere.map((h) => `${h.projectId}/${h.kind}`));
  const lightestFirst = [...draft].sort((a, b) => a.weight - b.weight || (a.expertId < b.expertId ? -1 : a.expertId > b.expertId ? 1 : a.projectId < b.projectId ? -1 : 1));

  for (const d of lightestFirst) {
    const e = now.experts.get(d.expertId);
    if (!e || !e.available) add({ kind: 'expert_unavailable', expertId: d.expertId, projectId: d.projectId, message: `${d.expertId} is no longer available` });
    const p = now.projects.get(d.projectId);
    if (!p || p.status !== 'active') add({ kind: 'project_withdrawn', expertId: d.expertId, projectId: d.projectId, message: `project ${d.projectId} was withdrawn` });
  }
  const byExpert = new Map<string, DraftAssignmentV1[]>();
  const bySlot = new Map<string, DraftAssignmentV1[]>();
  for (const d of lightestFirst) {
    byExpert.set(d.expertId, [...(byExpert.get(d.expertId) ?? []), d]);
    bySlot.set(`${d.projectId}/${d.expertKind}`, [...(bySlot.get(`${d.projectId}/${d.expertKind}`) ?? []), d]);
  }
  for (const [expertId, list] of byExpert) {
    const e = now.experts.get(expertId);
    if (!e) continue;
    const free = Math.max(0, e.capacity - (elsewhereOf.get(expertId) ?? 0));
    for (const d of list.slice(0, Math.max(0, list.length - free))) {
      add({ kind: 'expert_capacity_taken', expertId, projectId: d.projectId, message: `${expertId} has ${free} place(s) left (capacity ${e.capacity}, ${elsewhereOf.get(expertId) ?? 0} held by other rounds), the draft uses ${list.length}` });
    }
  }
  for (const [slot, list] of bySlot) {
    const [projectId, kind] = slot.split('/') as [string, ExpertKind];
    const p = now.projects.get(projectId);
    if (!p) continue;
    const room = Math.max(0, p.slots[kind].max - (elsewhereIn.get(slot) ?? 0));
    for (const d of list.slice(0, Math.max(0, list.length - room))) {
      add({ kind: 'slots_taken', expertId: d.expertId, projectId, message: `project ${projectId} has ${room} ${kind} place(s) left (max ${p.slots[kind].max}, ${elsewhereIn.get(slot) ?? 0} held by other rounds), the draft uses ${list.length}` });
    }
  }
  return changes;
}
