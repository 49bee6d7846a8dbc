/**
 * Maps a generated season onto the matching contract v1 (shared/MATCHING-MODEL.md), and serialises it.
 */
import type { InstanceExpert, InstanceProject, MatchingInstanceV1, MatchingOptions } from '@civic/contracts';
import type { Season, SeasonExpert, SeasonProject } from './season.types';

/** The contract's default options: optimal strategy, at most 2 per discipline, no distance or candidate limit. */
export const DEFAULT_MATCHING_OPTIONS: Readonly<Required<MatchingOptions>> = Object.freeze({
  strategy: 'optimal',
  maxPerDiscipline: 2,
  maxDistanceKm: null,
  candidateLimitPerExpert: null,
});

function toInstanceProject(p: SeasonProject): InstanceProject {
  const out: InstanceProject = {
    id: p.id,
    districtId: p.districtId,
    location: { lat: p.location.lat, lon: p.location.lon },
    issueTypes: [...p.issueTypes],
    slots: { teacher: { ...p.slots.teacher }, student: { ...p.slots.student } },
  };
  if (p.wantedDisciplines.length > 0) out.wantedDisciplines = [...p.wantedDisciplines];
  return out;
}

function toInstanceExpert(e: SeasonExpert): InstanceExpert {
  const out: InstanceExpert = {
    id: e.id,
    kind: e.kind,
    universityId: e.universityId,
    collegeId: e.collegeId,
    disciplines: [...e.disciplines],
    location: { lat: e.location.lat, lon: e.location.lon },
    capacity: e.capacity,
  };
  if (e.preferences.length > 0) out.preferences = [...e.preferences];
  return out;
}

/** The season as a v1 matching instance: teachers then students, no pins or forbidden pairs, default options. */
export function toMatchingInstance(season: Season, options?: MatchingOptions): MatchingInstanceV1 {
  return {
    version: 1,
    projects: season.projects.map(toInstanceProject),
    experts: [...season.teachers.map(toInstanceExpert), ...season.students.map(toInstanceExpert)],
    pinned: [],
    forbidden: [],
    options: { ...DEFAULT_MATCHING_OPTIONS, ...options },
  };
}

/** Deterministic JSON for an instance: one project or expert per line, so files diff well and stream fast. */
export function serializeInstance(instance: MatchingInstanceV1): string {
  const list = (items: readonly unknown[]): string =>
    items.length === 0 ? '[]' : '[\n' + items.map((x) => JSON.stringify(x)).join(',\n') + '\n]';
  const parts = [
    `"version":${JSON.stringify(instance.version)}`,
    `"projects":${list(instance.projects)}`,
    `"experts":${list(instance.experts)}`,
  ];
  if (instance.pinned) parts.push(`"pinned":${list(instance.pinned)}`);
  if (instance.forbidden) parts.push(`"forbidden":${list(instance.forbidden)}`);
  if (instance.options) parts.push(`"options":${JSON.stringify(instance.options)}`);
  return '{' + parts.join(',\n') + '}\n';
}
