/**
 * Maps a generated season onto the matching contract v1 (shared/MATCHING-MODEL.md), and serialises it.
 */
import type { InstanceExpert, InstanceProject, MatchingInstanceV1, MatchingOptions } from '@civic/contracts';
import type { Season, SeasonExpert, SeasonProject } from './season.types';

/** The contract's default options: optimal strategy, at most 2 per discipline, no distance or candidate limit. */
export const DEFAULT_MATCHING_OPTIONS: Readonly<Required<Omit<MatchingOptions, 'teamPolicy' | 'universityLimits'>>> = Object.freeze({
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

/**
 * Deterministic JSON for an instance as a sequence of chunks: one project or expert per line, so files diff well
 * and a large instance can be streamed to disk. Joined, the chunks are one valid JSON document.
 */
export function* instanceJsonChunks(instance: MatchingInstanceV1): Generator<string> {
  function* list(name: string, items: readonly unknown[], first: boolean): Generator<string> {
    yield `${first ? '' : ',\n'}"${name}":[`;
    for (let i = 0; i < items.length; i++) yield (i === 0 ? '\n' : ',\n') + JSON.stringify(items[i]);
    yield items.length === 0 ? ']' : '\n]';
  }
  yield `{"version":${JSON.stringify(instance.version)},\n`;
  yield* list('projects', instance.projects, true);
  yield* list('experts', instance.experts, false);
  if (instance.pinned) yield* list('pinned', instance.pinned, false);
  if (instance.forbidden) yield* list('forbidden', instance.forbidden, false);
  if (instance.options) yield `,\n"options":${JSON.stringify(instance.options)}`;
  yield '}\n';
}

/** Deterministic JSON text for an instance (the chunks of instanceJsonChunks, joined). */
export function serializeInstance(instance: MatchingInstanceV1): string {
  return [...instanceJsonChunks(instance)].join('');
}
