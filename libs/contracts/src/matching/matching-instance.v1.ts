/**
 * The matching contract v1 (shared/MATCHING-MODEL.md): the instance the engine reads and the result it writes.
 * Producers (the data set generator, the matching service) and the engine import these types; nobody retypes them.
 */

export type ExpertKind = 'teacher' | 'student';
export const EXPERT_KINDS: readonly ExpertKind[] = ['teacher', 'student'];

export type MatchingStrategy = 'optimal' | 'stable';

/**
 * Who may serve one project together (MATCHING-MODEL.md, "Team policy"): `mixed` takes experts of any
 * universities; `one-university` takes every member from one university, the project's lead university.
 */
export type TeamPolicy = 'mixed' | 'one-university';
export const TEAM_POLICIES: readonly TeamPolicy[] = ['mixed', 'one-university'];

/** A university's limit in one round: it leads (mixed: has an expert in) at most `maxProjects` projects. */
export interface UniversityLimit {
  maxProjects: number;
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface SlotRange {
  min: number;
  max: number;
}

export interface InstanceProject {
  id: string;
  districtId: string;
  location: GeoPoint;
  /** 1-3 issue type slugs; the first is the primary one. */
  issueTypes: string[];
  wantedDisciplines?: string[];
  slots: Record<ExpertKind, SlotRange>;
}

export interface InstanceExpert {
  id: string;
  kind: ExpertKind;
  universityId: string;
  collegeId: string;
  /** 1-3 discipline slugs; the first is the primary one. */
  disciplines: string[];
  location: GeoPoint;
  /** How many projects the expert can serve in this round. */
  capacity: number;
  /** Ranked project ids, most wanted first. */
  preferences?: string[];
}

export interface ExpertProjectPair {
  expertId: string;
  projectId: string;
}

export interface MatchingOptions {
  strategy?: MatchingStrategy;
  /** Per project, kind and primary discipline: at most this many experts (default 2). */
  maxPerDiscipline?: number;
  maxDistanceKm?: number | null;
  candidateLimitPerExpert?: number | null;
  /** Default `mixed`. */
  teamPolicy?: TeamPolicy;
  /** Per university id; universities not listed have no limit. */
  universityLimits?: Record<string, UniversityLimit>;
}

export interface MatchingInstanceV1 {
  version: 1;
  projects: InstanceProject[];
  experts: InstanceExpert[];
  pinned?: ExpertProjectPair[];
  forbidden?: ExpertProjectPair[];
  options?: MatchingOptions;
}

/** The named integer parts of a pair's weight; they sum to the weight. */
export type WeightParts = Record<string, number>;

export interface AssignmentExplanation {
  parts: WeightParts;
  /** The project's issue type that matched best. */
  issueType: string;
  /** The expert's discipline that matched best. */
  discipline: string;
}

export interface ResultAssignment extends ExpertProjectPair {
  weight: number;
  pinned: boolean;
  explanation: AssignmentExplanation;
}

export interface UnderfilledSlot {
  projectId: string;
  kind: ExpertKind;
  filled: number;
  min: number;
  reason: string;
}

export interface UnassignedExpert {
  expertId: string;
  reason: string;
}

export interface MatchingObjective {
  coverage: number;
  weight: number;
}

/** The best team another university could have fielded for a project (its coverage and weight alone). */
export interface TeamRunnerUp {
  universityId: string;
  coverage: number;
  weight: number;
}

/**
 * One project's team. Under `one-university` every member is of `universityId`, the lead university; under
 * `mixed` `universityId` is the university with the most members (ties: smaller id) and `universities` lists all.
 */
export interface ResultTeam {
  projectId: string;
  universityId: string;
  universities: string[];
  /** Expert ids, ascending. */
  teachers: string[];
  students: string[];
  /** Sum of the members' weights. */
  weight: number;
  /**
   * Why the project got this university (one-university): `pinned` (accepted members fixed it), `kept` (a
   * re-match keeps the lead), `best_team` (no other university fields a better team for it), `shared_supply`
   * (another university's team would be better alone, but its people or its limit serve other projects better);
   * `mixed` under the mixed policy.
   */
  reason: 'pinned' | 'kept' | 'best_team' | 'shared_supply' | 'mixed';
  /** The best other university for this project on its own (null: none can field anyone). */
  runnerUp: TeamRunnerUp | null;
}

/** What a search that certifies its answer did (one-university policy, university limits). */
export interface TeamSearchStats {
  /** Whether the bound equals the objective (the answer is optimal). */
  proven: boolean;
  /** Branch-and-bound nodes after the root, bound evaluations, exact flow solves, nodes left open. */
  nodes: number;
  iterations: number;
  flowSolves: number;
  openNodes: number;
  /** (Project, university) teams the bound evaluated in all (the others were skipped by their value bounds). */
  teamEvaluations: number;
}

export interface MatchingStats {
  eligiblePairs: number;
  solveMs: number;
  changedAssignments: number;
  /**
   * Proven upper bounds (optimal strategy): no feasible solution covers more than `bound.coverage`, and none
   * with the result's coverage weighs more than `bound.weight`. Equal to the objective when proven optimal;
   * null for the stable strategy, which does not optimise the objective.
   */
  bound: MatchingObjective | null;
  /**
   * 100 x (bound.weight - weight) / bound.weight when coverage equals bound.coverage (3 decimals); null for
   * stable, and null when the coverage itself is below its bound (the gap is then in coverage).
   */
  gapPct: number | null;
  /** Present when a search certified the answer (one-university policy, university limits). */
  teamSearch?: TeamSearchStats;
}

export interface MatchingResultV1 {
  version: 1;
  strategy: MatchingStrategy;
  assignments: ResultAssignment[];
  objective: MatchingObjective;
  underfilled: UnderfilledSlot[];
  unassigned: UnassignedExpert[];
  stats: MatchingStats;
  /** Every project with at least one member, by project id. */
  teams: ResultTeam[];
  edges?: Array<ExpertProjectPair & { weight: number }>;
}
