/**
 * The matching contract v1 (shared/MATCHING-MODEL.md): the instance the engine reads and the result it writes.
 * Producers (the data set generator, the matching service) and the engine import these types; nobody retypes them.
 */

export type ExpertKind = 'teacher' | 'student';
export const EXPERT_KINDS: readonly ExpertKind[] = ['teacher', 'student'];

export type MatchingStrategy = 'optimal' | 'stable';

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

export interface MatchingStats {
  eligiblePairs: number;
  solveMs: number;
  changedAssignments: number;
}

export interface MatchingResultV1 {
  version: 1;
  strategy: MatchingStrategy;
  assignments: ResultAssignment[];
  objective: MatchingObjective;
  underfilled: UnderfilledSlot[];
  unassigned: UnassignedExpert[];
  stats: MatchingStats;
  edges?: Array<ExpertProjectPair & { weight: number }>;
}
