import type {
  ExpertKind,
  ExpertProjectPair,
  ExpertSnapshotV1,
  InstanceExpert,
  InstanceProject,
  MatchingInstanceV1,
  MatchingStrategy,
  ProjectSnapshotV1,
  RoundExpertGroupV1,
  RoundOptionsV1,
  RoundProjectV1,
  RoundScopeV1,
} from '@civic/contracts';
import type { ActivePair } from './to-assignments';

/** What a round's snapshot phase produces: the engine's input and the rosters reports are measured against. */
export interface RoundSnapshot {
  instance: MatchingInstanceV1;
  /** Per project, the slots left to this round (what other rounds hold is taken off). */
  projects: RoundProjectV1[];
  /** Per university, discipline and kind, the capacity left to this round. */
  expertGroups: RoundExpertGroupV1[];
}


/**
 * What a round's snapshot is built from, as it crosses to the engine's worker thread: the read model's rows as
 * PostgreSQL printed them (one JSON array each, so the event loop parses none of them) and what other rounds hold.
 */
export interface SnapshotSource {
  projectsJson: string;
  expertsJson: string;
  scope: RoundScopeV1;
  strategy: MatchingStrategy;
  options: RoundOptionsV1;
  held: ActivePair[];
}

/** A snapshot built in the worker: the instance as JSON text (stored as it is, and solved from), and the rosters. */
export interface BuiltSnapshot {
  instanceJson: string;
  projects: RoundProjectV1[];
  expertGroups: RoundExpertGroupV1[];
  /** How many experts the instance holds. */
  experts: number;
}

/** buildRoundSnapshot on rows given as JSON text, with the instance returned as JSON text (the worker runs it). */
export function buildSnapshotFromJson(source: SnapshotSource): BuiltSnapshot {
  const projects = JSON.parse(source.projectsJson) as ProjectSnapshotV1[];
  const experts = JSON.parse(source.expertsJson) as ExpertSnapshotV1[];
  const snap = buildRoundSnapshot(projects, experts, source.scope, source.strategy, source.options, source.held);
  return { instanceJson: JSON.stringify(snap.instance), projects: snap.projects, expertGroups: snap.expertGroups, experts: snap.instance.experts.length };
}

/**
 * Builds the matching instance of a round from matching's read model: the active projects of the scope and every
 * available expert with capacity. Preferences for projects outside the scope are dropped (the engine refuses
 * unknown project ids). Inputs are sorted by id so the same read model always gives the same instance.
 *
 * What other rounds hold (`held`: their proposed and accepted assignments) is taken as given. A held pair whose
 * project is in scope and whose expert takes part is pinned, so the team's max, minimum and discipline cap count it
 * exactly; one that cannot be pinned (its expert is no longer available, or pins would break a cap or max that
 * changed since) still takes its slot. Every held assignment uses one unit of its expert's capacity.
 */
export function buildRoundSnapshot(
  projectSnapshots: readonly ProjectSnapshotV1[],
  expertSnapshots: readonly ExpertSnapshotV1[],
  scope: RoundScopeV1,
  strategy: MatchingStrategy,
  options: RoundOptionsV1,
  held: readonly ActivePair[] = [],
): RoundSnapshot {
  const inScope = scope.districtIds ? new Set(scope.districtIds) : null;
  const projects = projectSnapshots
    .filter((p) => p.status === 'active' && (!inScope || inScope.has(p.districtId)))
    .sort((a, b) => cmp(a.projectId, b.projectId));
  const projectIds = new Set(projects.map((p) => p.projectId));
  const candidates = expertSnapshots.filter((e) => e.available && e.capacity > 0).sort((a, b) => cmp(a.expertId, b.expertId));
  const holdings = pinHoldings(projects, candidates, held, options.maxPerDiscipline);
  const experts = candidates.filter((e) => holdings.capacity(e) > 0);

  const instanceProjects: InstanceProject[] = projects.map((p) => ({
    id: p.projectId,
    districtId: p.districtId,
    location: { lat: p.location.lat, lon: p.location.lon },
    issueTypes: [...p.issueTypes],
    ...(p.wantedDisciplines.length ? { wantedDisciplines: [...p.wantedDisciplines] } : {}),
    slots: { teacher: holdings.instanceSlots(p, 'teacher'), student: holdings.instanceSlots(p, 'student') },
  }));
  const instanceExperts: InstanceExpert[] = experts.map((e) => {
    const preferences = e.preferences.filter((id) => projectIds.has(id));
    return {
      id: e.expertId,
      kind: e.kind,
      universityId: e.universityId,
      collegeId: e.collegeId,
      disciplines: [...e.disciplines],
      location: { lat: e.location.lat, lon: e.location.lon },
      capacity: holdings.capacity(e),
      ...(preferences.length ? { preferences: [...new Set(preferences)] } : {}),
    };
  });

  const groups = new Map<string, RoundExpertGroupV1>();
  for (const e of experts) {
    const left = holdings.capacityLeft(e);
    if (left <= 0) continue;
    const key = `${e.universityId}/${e.disciplines[0]}/${e.kind}`;
    const g = groups.get(key) ?? { universityId: e.universityId, discipline: e.disciplines[0], kind: e.kind, experts: 0, capacity: 0 };
    g.experts += 1;
    g.capacity += left;
    groups.set(key, g);
  }

  return {
    instance: {
      version: 1,
      projects: instanceProjects,
      experts: instanceExperts,
      pinned: holdings.pins,
      forbidden: [],
      options: {
        strategy,
        maxPerDiscipline: options.maxPerDiscipline,
        maxDistanceKm: options.maxDistanceKm,
        candidateLimitPerExpert: options.candidateLimitPerExpert,
        // Rounds stored before team policies have neither: they meant mixed teams without limits.
        teamPolicy: options.teamPolicy ?? 'mixed',
        ...(options.universityLimits && Object.keys(options.universityLimits).length ? { universityLimits: { ...options.universityLimits } } : {}),
      },
    },
    projects: projects.map((p) => ({
      projectId: p.projectId,
      districtId: p.districtId,
      issueType: p.issueTypes[0],
      slots: { teacher: holdings.slotsLeft(p, 'teacher'), student: holdings.slotsLeft(p, 'student') },
    })),
    expertGroups: [...groups.values()].sort((a, b) => cmp(a.universityId, b.universityId) || cmp(a.discipline, b.discipline) || cmp(a.kind, b.kind)),
  };
}

/**
 * Which held pairs become pins, and what the rest takes off: in a fixed order (project, kind, expert), a held pair is
 * pinned while its expert takes part, its group (project, kind, the expert's primary discipline) is under the cap
 * and its kind under the max; each other held pair of a project in scope takes a slot off the instance's max and
 * minimum. An expert's capacity in the instance is its capacity less its held assignments that are not pinned here.
 */
function pinHoldings(projects: readonly ProjectSnapshotV1[], experts: readonly ExpertSnapshotV1[], held: readonly ActivePair[], maxPerDiscipline: number) {
  const inScope = new Map(projects.map((p) => [p.projectId, p]));
  const present = new Map(experts.map((e) => [e.expertId, e]));
  const count = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);
  const heldOf = new Map<string, number>();
  const pinnedOf = new Map<string, number>();
  const heldIn = new Map<string, number>();
  const pinnedIn = new Map<string, number>();
  const pinnedInGroup = new Map<string, number>();
  const pins: ExpertProjectPair[] = [];
  const pinKeys = new Set<string>();
  const ordered = [...held].sort((a, b) => cmp(a.projectId, b.projectId) || cmp(a.kind, b.kind) || cmp(a.expertId, b.expertId));
  for (const h of ordered) {
    count(heldOf, h.expertId);
    const p = inScope.get(h.projectId);
    if (!p) continue;
    const slot = `${h.projectId}/${h.kind}`;
    count(heldIn, slot);
    const e = present.get(h.expertId);
    if (!e || e.kind !== h.kind) continue;
    const pair = `${h.expertId}/${h.projectId}`;
    const group = `${slot}/${e.disciplines[0]}`;
    if (pinKeys.has(pair) || (pinnedInGroup.get(group) ?? 0) >= maxPerDiscipline || (pinnedIn.get(slot) ?? 0) >= p.slots[h.kind].max) continue;
    pinKeys.add(pair);
    pins.push({ expertId: h.expertId, projectId: h.projectId });
    count(pinnedOf, h.expertId);
    count(pinnedIn, slot);
    count(pinnedInGroup, group);
  }
  pins.sort((a, b) => cmp(a.expertId, b.expertId) || cmp(a.projectId, b.projectId));
  const capacityLeft = (e: ExpertSnapshotV1) => e.capacity - (heldOf.get(e.expertId) ?? 0);
  return {
    pins,
    /** Capacity in the instance: what is left plus the pins, which the engine counts against it. */
    capacity: (e: ExpertSnapshotV1) => Math.max(pinnedOf.get(e.expertId) ?? 0, capacityLeft(e) + (pinnedOf.get(e.expertId) ?? 0)),
    capacityLeft,
    /** Slots in the instance: held pairs that are not pins take theirs off; pins stay within the max. */
    instanceSlots: (p: ProjectSnapshotV1, kind: ExpertKind) => {
      const slot = `${p.projectId}/${kind}`;
      const pinned = pinnedIn.get(slot) ?? 0;
      const other = (heldIn.get(slot) ?? 0) - pinned;
      const max = Math.max(pinned, p.slots[kind].max - other);
      return { min: Math.min(max, Math.max(0, p.slots[kind].min - other)), max };
    },
    /** Slots left to this round once every held pair has taken its own. */
    slotsLeft: (p: ProjectSnapshotV1, kind: ExpertKind) => {
      const taken = heldIn.get(`${p.projectId}/${kind}`) ?? 0;
      return { min: Math.max(0, p.slots[kind].min - taken), max: Math.max(0, p.slots[kind].max - taken) };
    },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
