/**
 * What the team policy allows a project: the universities that may lead it. Pins fix a project's lead; a
 * re-match keeps the leads of earlier teams and forbids a university that declined a project.
 */
import type { PreparedInstance } from '../model/prepared-instance';
import { InstanceValidationError, type ValidationIssue } from '../validation/validate-instance';

/** Lead constraints from outside the instance (a re-match), by id. */
export interface LeadConstraints {
  /** Projects whose lead stays as it is; null: the project stays without a team. */
  kept?: ReadonlyMap<string, string | null>;
  /** (project, university) pairs: the university may not lead the project. */
  forbidden?: ReadonlyArray<{ projectId: string; universityId: string }>;
  /**
   * Universities whose experts may move (a re-match: those with freed slots or a project to take over); the
   * others keep exactly their pinned members. Absent: all may move.
   */
  open?: ReadonlySet<string>;
}

/** Per project: `fixed` lead (-1 free, -2 no team), `pinned` university (-1 none); per (p, u): allowed. */
export interface TeamRules {
  readonly U: number;
  readonly fixed: Int32Array;
  readonly pinnedUniversity: Int32Array;
  /** 1 when university u may lead project p; index p * U + u. */
  readonly allowed: Uint8Array;
  /** Projects whose lead was kept by a re-match (for explanations). */
  readonly kept: Uint8Array;
  /** The most projects per university, -1 = no limit. */
  readonly maxProjects: Int32Array;
  /** 1 when a university keeps exactly its pinned members (LeadConstraints.open). */
  readonly frozen: Uint8Array;
}

export const NO_TEAM = -2;

/** Builds the rules; throws InstanceValidationError when pins alone break a university limit. */
export function buildTeamRules(prep: PreparedInstance, leads: LeadConstraints = {}): TeamRules {
  const P = prep.projectCount;
  const U = prep.universityIds.length;
  const universityIndex = new Map(prep.universityIds.map((u, i) => [u, i]));
  const fixed = new Int32Array(P).fill(-1);
  const pinnedUniversity = new Int32Array(P).fill(-1);
  const allowed = new Uint8Array(P * U).fill(1);
  const kept = new Uint8Array(P);
  for (let i = 0; i < prep.pinExpert.length; i++) pinnedUniversity[prep.pinProject[i]] = prep.expertUniversity[prep.pinExpert[i]];
  for (const { projectId, universityId } of leads.forbidden ?? []) {
    const p = prep.projectIndex.get(projectId);
    const u = universityIndex.get(universityId);
    if (p !== undefined && u !== undefined) allowed[p * U + u] = 0;
  }
  for (const [projectId, universityId] of leads.kept ?? []) {
    const p = prep.projectIndex.get(projectId);
    if (p === undefined) continue;
    const u = universityId === null ? undefined : universityIndex.get(universityId);
    fixed[p] = u === undefined ? NO_TEAM : u;
    kept[p] = 1;
  }
  const issues: ValidationIssue[] = [];
  for (let p = 0; p < P; p++) {
    const u = pinnedUniversity[p];
    if (u < 0) continue;
    if (allowed[p * U + u] === 0) {
      issues.push({ element: `projects[${prep.projectIds[p]}]`, message: `pinned members are of ${prep.universityIds[u]}, which may not lead the project` });
    }
    fixed[p] = u;
  }
  for (let p = 0; p < P; p++) {
    if (fixed[p] === -1) continue;
    for (let u = 0; u < U; u++) if (u !== fixed[p]) allowed[p * U + u] = 0;
  }
  const maxProjects = Int32Array.from(prep.universityMaxProjects);
  // Projects where a university has pinned members (under mixed a project can count for several).
  const pinnedCount = new Int32Array(U);
  const seen = new Set<number>();
  for (let i = 0; i < prep.pinExpert.length; i++) {
    const key = prep.pinProject[i] * U + prep.expertUniversity[prep.pinExpert[i]];
    if (!seen.has(key)) {
      seen.add(key);
      pinnedCount[key % U]++;
    }
  }
  for (let u = 0; u < U; u++) {
    if (maxProjects[u] >= 0 && pinnedCount[u] > maxProjects[u]) {
      const projects = pinnedCount[u] === 1 ? '1 project has' : `${pinnedCount[u]} projects have`;
      issues.push({
        element: `options.universityLimits.${prep.universityIds[u]}.maxProjects`,
        message: `${projects} pinned members of ${prep.universityIds[u]}, more than its limit ${maxProjects[u]}`,
      });
    }
  }
  if (issues.length > 0) throw new InstanceValidationError(issues);
  const frozen = new Uint8Array(U);
  if (leads.open) for (let u = 0; u < U; u++) frozen[u] = leads.open.has(prep.universityIds[u]) ? 0 : 1;
  return { U, fixed, pinnedUniversity, allowed, kept, maxProjects, frozen };
}
