import type { RoundScopeV1 } from '../events/round.events';
import type { ExpertKind } from '../matching/matching-instance.v1';

/** Supply against demand for one kind of expert. */
export interface PreflightKindFigures {
  kind: ExpertKind;
  /** Projects that need at least one expert of the kind. */
  projects: number;
  demandMin: number;
  demandMax: number;
  experts: number;
  capacity: number;
  /** Minimum places the capacity cannot cover (0 when it can). */
  shortfall: number;
}

/** Supply against demand for one discipline the projects ask for. */
export interface PreflightDisciplineFigures {
  discipline: string;
  /** Projects that ask for the discipline (wantedDisciplines). */
  projectsAsking: number;
  experts: number;
  capacity: number;
  shortfall: number;
}

/** Supply against demand in one district for one kind (upper bounds: an expert's capacity counts wherever it could go). */
export interface PreflightDistrictFigures {
  districtId: string;
  kind: ExpertKind;
  demandMin: number;
  /** Experts of the kind eligible for at least one project of the district (distance and fit), and their capacity. */
  reachableExperts: number;
  reachableCapacity: number;
  shortfall: number;
}

/** What one university could lead under the one-university policy. */
export interface PreflightUniversityFigures {
  universityId: string;
  teachers: number;
  students: number;
  capacity: number;
  /** Projects whose minimum team the university could field alone from its eligible experts. */
  projectsItCanStaff: number;
  maxProjects: number | null;
}

/** A (project, kind) with a minimum but no eligible expert, and why. */
export interface ProjectShortage {
  projectId: string;
  districtId: string;
  kind: ExpertKind;
  min: number;
  /** Experts of the kind, and how many each rule excludes (an expert may fail several). */
  candidates: number;
  excluded: { capacity: number; forbidden: number; disciplineFit: number; distance: number };
  why: string;
}

/**
 * Matching's preflight (POST /rounds/preflight, GET /rounds/{id}/diagnosis), in the administrator's words: can the data
 * meet the demand, and where not.
 */
export interface Preflight {
  feasible: boolean;
  summary: string[];
  byKind: PreflightKindFigures[];
  byDiscipline: PreflightDisciplineFigures[];
  byDistrict: PreflightDistrictFigures[];
  /** Under one-university: what each university can lead; null under mixed. */
  byUniversity: PreflightUniversityFigures[] | null;
  projectsWithoutExpert: ProjectShortage[];
}

/** POST /rounds/preflight's answer: the preflight of the scope it was asked about, named as a round would name it. */
export interface PreflightCheck extends Preflight {
  scope: RoundScopeV1;
}
