import type {
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

/** What a round's snapshot phase produces: the engine's input and the rosters reports are measured against. */
export interface RoundSnapshot {
  instance: MatchingInstanceV1;
  projects: RoundProjectV1[];
  expertGroups: RoundExpertGroupV1[];
}

/**
 * Builds the matching instance of a round from matching's read model: the active projects of the scope and every
 * available expert with capacity. Preferences for projects outside the scope are dropped (the engine refuses
 * unknown project ids). Inputs are sorted by id so the same read model always gives the same instance.
 */
export function buildRoundSnapshot(
  projectSnapshots: readonly ProjectSnapshotV1[],
  expertSnapshots: readonly ExpertSnapshotV1[],
  scope: RoundScopeV1,
  strategy: MatchingStrategy,
  options: RoundOptionsV1,
): RoundSnapshot {
  const inScope = scope.districtIds ? new Set(scope.districtIds) : null;
  const projects = projectSnapshots
    .filter((p) => p.status === 'active' && (!inScope || inScope.has(p.districtId)))
    .sort((a, b) => cmp(a.projectId, b.projectId));
  const projectIds = new Set(projects.map((p) => p.projectId));
  const experts = expertSnapshots.filter((e) => e.available && e.capacity > 0).sort((a, b) => cmp(a.expertId, b.expertId));

  const instanceProjects: InstanceProject[] = projects.map((p) => ({
    id: p.projectId,
    districtId: p.districtId,
    location: { lat: p.location.lat, lon: p.location.lon },
    issueTypes: [...p.issueTypes],
    ...(p.wantedDisciplines.length ? { wantedDisciplines: [...p.wantedDisciplines] } : {}),
    slots: { teacher: { ...p.slots.teacher }, student: { ...p.slots.student } },
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
      capacity: e.capacity,
      ...(preferences.length ? { preferences: [...new Set(preferences)] } : {}),
    };
  });

  const groups = new Map<string, RoundExpertGroupV1>();
  for (const e of experts) {
    const key = `${e.universityId}/${e.disciplines[0]}/${e.kind}`;
    const g = groups.get(key) ?? { universityId: e.universityId, discipline: e.disciplines[0], kind: e.kind, experts: 0, capacity: 0 };
    g.experts += 1;
    g.capacity += e.capacity;
    groups.set(key, g);
  }

  return {
    instance: {
      version: 1,
      projects: instanceProjects,
      experts: instanceExperts,
      pinned: [],
      forbidden: [],
      options: {
        strategy,
        maxPerDiscipline: options.maxPerDiscipline,
        maxDistanceKm: options.maxDistanceKm,
        candidateLimitPerExpert: options.candidateLimitPerExpert,
      },
    },
    projects: projects.map((p) => ({
      projectId: p.projectId,
      districtId: p.districtId,
      issueType: p.issueTypes[0],
      slots: { teacher: { ...p.slots.teacher }, student: { ...p.slots.student } },
    })),
    expertGroups: [...groups.values()].sort((a, b) => cmp(a.universityId, b.universityId) || cmp(a.discipline, b.discipline) || cmp(a.kind, b.kind)),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
