/**
 * The instance in engine form: projects and experts sorted by id (ties are broken by id everywhere, so the
 * input order never matters), slugs interned to small integers and everything else in typed arrays.
 */
import type { ExpertKind, MatchingInstanceV1, MatchingStrategy, TeamPolicy } from '@civic/contracts';
import { writeUnitVector } from '../scoring/geo';
import { DEFAULT_MAX_PER_DISCIPLINE } from './engine-options';

export const KIND_TEACHER = 0;
export const KIND_STUDENT = 1;
export const KINDS: readonly ExpertKind[] = ['teacher', 'student'];

/** Engine-internal view of a valid instance; indices are positions in id order. */
export interface PreparedInstance {
  readonly instance: MatchingInstanceV1;
  readonly strategy: MatchingStrategy;
  readonly maxPerDiscipline: number;
  readonly maxDistanceKm: number | null;
  readonly candidateLimit: number | null;
  readonly teamPolicy: TeamPolicy;
  /** Per university (index into universityIds): the most projects it may lead (mixed: serve), -1 = no limit. */
  readonly universityMaxProjects: Int32Array;

  readonly projectCount: number;
  readonly projectIds: readonly string[];
  readonly projectIndex: ReadonlyMap<string, number>;
  /** Unit vectors, 3 per project. */
  readonly projectUnit: Float64Array;
  /** Interned issue types, up to 3 per project (-1 = none), primary first. */
  readonly projectIssues: Int32Array;
  readonly projectIssueCount: Uint8Array;
  /** Wanted discipline ids per project (CSR). */
  readonly wantedStart: Int32Array;
  readonly wantedDiscipline: Int32Array;
  /** Slot ranges per (project, kind): index p * 2 + kind. */
  readonly slotMin: Int32Array;
  readonly slotMax: Int32Array;

  readonly expertCount: number;
  readonly expertIds: readonly string[];
  readonly expertIndex: ReadonlyMap<string, number>;
  readonly expertKind: Uint8Array;
  /** Interned university per expert (index into universityIds, which is sorted). */
  readonly expertUniversity: Int32Array;
  readonly universityIds: readonly string[];
  readonly expertCapacity: Int32Array;
  readonly expertUnit: Float64Array;
  /** Distinct expert locations (experts of one campus share one): location id per expert. */
  readonly expertLocation: Int32Array;
  readonly locationCount: number;
  /** Interned disciplines, up to 3 per expert (-1 = none), primary first. */
  readonly expertDisciplines: Int32Array;
  readonly expertDisciplineCount: Uint8Array;
  /** Stated preferences per expert (CSR of project indices, rank order). */
  readonly preferenceStart: Int32Array;
  readonly preferenceProject: Int32Array;

  readonly issueTypes: readonly string[];
  readonly disciplines: readonly string[];

  /** Pinned pairs, sorted by (expert, project), without duplicates. */
  readonly pinExpert: Int32Array;
  readonly pinProject: Int32Array;
  /** Forbidden pairs as keys expert * projectCount + project. */
  readonly forbidden: ReadonlySet<number>;
  /** Number of forbidden pairs per expert (to skip the set lookup for most experts). */
  readonly forbiddenPerExpert: Int32Array;
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Builds the engine view of an instance that `validateInstance` accepted. */
export function prepareInstance(instance: MatchingInstanceV1): PreparedInstance {
  const options = instance.options ?? {};
  const projects = [...instance.projects].sort(byId);
  const experts = [...instance.experts].sort(byId);
  const P = projects.length;
  const E = experts.length;

  const issueIndex = new Map<string, number>();
  const disciplineIndex = new Map<string, number>();
  const intern = (map: Map<string, number>, slug: string): number => {
    let id = map.get(slug);
    if (id === undefined) {
      id = map.size;
      map.set(slug, id);
    }
    return id;
  };

  const projectIndex = new Map<string, number>();
  const projectUnit = new Float64Array(P * 3);
  const projectIssues = new Int32Array(P * 3).fill(-1);
  const projectIssueCount = new Uint8Array(P);
  const wantedStart = new Int32Array(P + 1);
  const wanted: number[] = [];
  const slotMin = new Int32Array(P * 2);
  const slotMax = new Int32Array(P * 2);
  projects.forEach((p, i) => {
    projectIndex.set(p.id, i);
    writeUnitVector(p.location, projectUnit, i * 3);
    const n = Math.min(3, p.issueTypes.length);
    projectIssueCount[i] = n;
    for (let t = 0; t < n; t++) projectIssues[i * 3 + t] = intern(issueIndex, p.issueTypes[t]);
    for (const d of p.wantedDisciplines ?? []) wanted.push(intern(disciplineIndex, d));
    wantedStart[i + 1] = wanted.length;
    slotMin[i * 2] = p.slots.teacher.min;
    slotMax[i * 2] = p.slots.teacher.max;
    slotMin[i * 2 + 1] = p.slots.student.min;
    slotMax[i * 2 + 1] = p.slots.student.max;
  });

  const universityIds = [...new Set(experts.map((x) => x.universityId))].sort();
  const universityIndex = new Map(universityIds.map((u, i) => [u, i]));
  const expertUniversity = Int32Array.from(experts, (x) => universityIndex.get(x.universityId)!);
  const expertIndex = new Map<string, number>();
  const expertKind = new Uint8Array(E);
  const expertCapacity = new Int32Array(E);
  const expertUnit = new Float64Array(E * 3);
  const expertLocation = new Int32Array(E);
  const locationIds = new Map<string, number>();
  const expertDisciplines = new Int32Array(E * 3).fill(-1);
  const expertDisciplineCount = new Uint8Array(E);
  const preferenceStart = new Int32Array(E + 1);
  const prefs: number[] = [];
  experts.forEach((x, i) => {
    expertIndex.set(x.id, i);
    expertKind[i] = x.kind === 'teacher' ? KIND_TEACHER : KIND_STUDENT;
    expertCapacity[i] = x.capacity;
    writeUnitVector(x.location, expertUnit, i * 3);
    const locKey = `${x.location.lat},${x.location.lon}`;
    let loc = locationIds.get(locKey);
    if (loc === undefined) {
      loc = locationIds.size;
      locationIds.set(locKey, loc);
    }
    expertLocation[i] = loc;
    const n = Math.min(3, x.disciplines.length);
    expertDisciplineCount[i] = n;
    for (let d = 0; d < n; d++) expertDisciplines[i * 3 + d] = intern(disciplineIndex, x.disciplines[d]);
    for (const pid of x.preferences ?? []) {
      const p = projectIndex.get(pid);
      if (p !== undefined) prefs.push(p);
    }
    preferenceStart[i + 1] = prefs.length;
  });

  const pinKeys = new Set<number>();
  for (const pin of instance.pinned ?? []) {
    const e = expertIndex.get(pin.expertId);
    const p = projectIndex.get(pin.projectId);
    if (e !== undefined && p !== undefined) pinKeys.add(e * P + p);
  }
  const sortedPins = Float64Array.from(pinKeys).sort();
  const pinExpert = new Int32Array(sortedPins.length);
  const pinProject = new Int32Array(sortedPins.length);
  sortedPins.forEach((key, i) => {
    pinExpert[i] = Math.floor(key / P);
    pinProject[i] = key - pinExpert[i] * P;
  });

  const forbidden = new Set<number>();
  const forbiddenPerExpert = new Int32Array(E);
  for (const pair of instance.forbidden ?? []) {
    const e = expertIndex.get(pair.expertId);
    const p = projectIndex.get(pair.projectId);
    if (e === undefined || p === undefined) continue;
    const key = e * P + p;
    if (!forbidden.has(key)) {
      forbidden.add(key);
      forbiddenPerExpert[e]++;
    }
  }

  return {
    instance,
    strategy: options.strategy ?? 'optimal',
    maxPerDiscipline: options.maxPerDiscipline ?? DEFAULT_MAX_PER_DISCIPLINE,
    maxDistanceKm: options.maxDistanceKm ?? null,
    candidateLimit: options.candidateLimitPerExpert ?? null,
    teamPolicy: options.teamPolicy ?? 'mixed',
    universityMaxProjects: Int32Array.from(universityIds, (u) => options.universityLimits?.[u]?.maxProjects ?? -1),
    projectCount: P,
    projectIds: projects.map((p) => p.id),
    projectIndex,
    projectUnit,
    projectIssues,
    projectIssueCount,
    wantedStart,
    wantedDiscipline: Int32Array.from(wanted),
    slotMin,
    slotMax,
    expertCount: E,
    expertIds: experts.map((x) => x.id),
    expertIndex,
    expertKind,
    expertUniversity,
    universityIds,
    expertCapacity,
    expertUnit,
    expertLocation,
    locationCount: locationIds.size,
    expertDisciplines,
    expertDisciplineCount,
    preferenceStart,
    preferenceProject: Int32Array.from(prefs),
    issueTypes: [...issueIndex.keys()],
    disciplines: [...disciplineIndex.keys()],
    pinExpert,
    pinProject,
    forbidden,
    forbiddenPerExpert,
  };
}

/** Index of the (project, kind, discipline) group in arrays of size projectCount * 2 * disciplineCount. */
export function disciplineGroup(prep: PreparedInstance, p: number, kind: number, discipline: number): number {
  return (p * 2 + kind) * prep.disciplines.length + discipline;
}
