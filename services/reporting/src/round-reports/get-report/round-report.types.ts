import type { MatchingObjective, RoundFiguresV1, RoundUnderfilledSlotV1 } from '@civic/contracts';

/** Coverage and fill of a group of projects (a district, an issue type). */
export interface ProjectGroupFigures {
  key: string;
  projects: number;
  /** Projects whose teams reached their minimum for both kinds. */
  projectsAtMinimum: number;
  requiredSlots: number;
  coveredSlots: number;
  coverageRatio: number;
  /** Sum of the teams' maximum sizes. */
  maxSlots: number;
  /** Active (proposed or accepted) assignments. */
  assigned: number;
  /** assigned / maxSlots. */
  fillRatio: number;
  accepted: number;
}

/** Use of a group of experts (a university, a discipline) and how its people answered. */
export interface ExpertGroupFigures {
  key: string;
  experts: number;
  capacity: number;
  proposedEver: number;
  proposed: number;
  accepted: number;
  declined: number;
  expired: number;
  /** Active assignments / capacity. */
  fillRatio: number;
  acceptanceRate: number | null;
  declineRate: number | null;
}

/** A (project, kind) below its minimum now. */
export interface UnfilledSlotRow {
  projectId: string;
  districtId: string;
  issueType: string;
  kind: string;
  min: number;
  filled: number;
  missing: number;
  reason: string;
}

/** One strategy's result for a scope, as its round.completed declared it. */
export interface StrategyResult {
  roundId: string;
  dryRun: boolean;
  completedAt: string;
  coverage: number;
  requiredSlots: number;
  coverageRatio: number;
  weight: number;
  assignments: number;
  underfilledSlots: number;
  unassignedExperts: number;
}

export interface StrategyComparison {
  scopeKey: string;
  optimal: StrategyResult;
  stable: StrategyResult;
  /** What stability costs: optimal minus stable (coverage slots and weight). */
  priceOfStability: { coverage: number; weight: number };
}

export interface RoundTotals {
  projects: number;
  projectsAtMinimum: number;
  requiredSlots: number;
  coveredSlots: number;
  coverageRatio: number;
  maxSlots: number;
  assigned: number;
  fillRatio: number;
  weight: number;
  assignments: { total: number; proposed: number; accepted: number; declined: number; expired: number };
  /** accepted / answered-or-expired. */
  acceptanceRate: number | null;
  declineRate: number | null;
  expiryRate: number | null;
}

/** GET /rounds/:id/report: every figure derived from events by reporting, beside what matching declared. */
export interface RoundReport {
  roundId: string;
  scope: { key: string | null; districtIds: string[] | null };
  strategy: string | null;
  dryRun: boolean | null;
  status: string;
  startedAt: string | null;
  completedAt: string | null;
  failure: { phase: string; reason: string } | null;
  /** True once every assignment the round and its re-matches announced has arrived here. */
  complete: boolean;
  /** Assignments arrived here versus announced by matching (every proposal of the round and its re-matches). */
  progress: { arrived: number; announced: number | null };
  rematches: number;
  /** What matching declared in its latest round event (round.completed or round.rematched). */
  declared: { objective: MatchingObjective | null; figures: RoundFiguresV1 | null; underfilled: RoundUnderfilledSlotV1[] };
  /**
   * Derived by reporting from the assignment events once the report is complete (null before, and for a dry run,
   * whose figures are the declared ones); likewise the tables below stay empty until then.
   */
  totals: RoundTotals | null;
  byDistrict: ProjectGroupFigures[];
  byIssueType: ProjectGroupFigures[];
  byUniversity: ExpertGroupFigures[];
  byDiscipline: ExpertGroupFigures[];
  declineReasons: Array<{ reason: string; count: number }>;
  unfilled: UnfilledSlotRow[];
  comparison: StrategyComparison | null;
}
