import type { MatchingObjective } from '../matching/matching-instance.v1';
import type { AssignmentCountsV1, RoundCertificateV1, RoundFiguresV1, RoundUnderfilledSlotV1 } from '../events/round.events';

// reporting's GET /rounds/{id}/report and its parts: every figure derived from events, beside what matching declared.

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

/** One project's team in a round: its lead university and, for a real round, its active members now. */
export interface TeamRow {
  projectId: string;
  districtId: string;
  leadUniversityId: string;
  /** Universities of the members (one under one-university). */
  universities: string[];
  teachers: number;
  students: number;
  /** Of the members, those who accepted (0 for a dry run). */
  accepted: number;
  /** Why the engine chose the lead university (pinned, kept, best_team, shared_supply; mixed under mixed). */
  reason: string;
}

/** A university as a lead: the projects whose teams it leads, their sizes, and how many of its people are placed. */
export interface LeadUniversityFigures {
  universityId: string;
  projectsLed: number;
  /** The round's limit on the projects it may lead (null: none). */
  maxProjects: number | null;
  /** Members of the teams it leads, by kind (under mixed, of any university). */
  teachers: number;
  students: number;
  /** (teachers + students) / projectsLed (0 when it leads none). */
  averageTeamSize: number;
  /**
   * Its own people with at least one active assignment in the round (any project); a dry run's from its declared
   * one-university teams, and null for a dry run of mixed teams (its events do not say whose the members are).
   */
  peoplePlaced: number | null;
}

/** One team policy's result for a scope, as its round.completed declared it. */
export interface PolicyResult extends StrategyResult {
  teamPolicy: string;
}

/** The latest optimal rounds of each team policy in a scope, and what the one-university policy costs. */
export interface PolicyComparison {
  scopeKey: string;
  mixed: PolicyResult;
  oneUniversity: PolicyResult;
  /** What one-university teams cost: mixed minus one-university (coverage slots and weight). */
  priceOfPolicy: { coverage: number; weight: number };
}

export interface StrategyComparison {
  scopeKey: string;
  optimal: StrategyResult;
  stable: StrategyResult;
  /** What stability costs: optimal minus stable (coverage slots and weight). */
  priceOfStability: { coverage: number; weight: number };
}

/** The whole round's figures: those of a group of projects, with the weight and the answers. */
export interface RoundTotals extends Omit<ProjectGroupFigures, 'key' | 'accepted'> {
  weight: number;
  /** The same counts as round events carry, derived here from the assignment events. */
  assignments: AssignmentCountsV1;
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
  /** The round's team policy (mixed for rounds before team policies; null before round.started arrived). */
  teamPolicy: string | null;
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
  /** The round's life as its events told it: edits of its draft, who published it, who cancelled or withdrew it and why. */
  lifecycle: {
    edits: number;
    publishedAt: string | null;
    publishedBy: string | null;
    endedAt: string | null;
    endedBy: string | null;
    endReason: string | null;
  };
  /** While the round is a draft: its assignments (nothing is proposed; the figures are the declared ones). */
  draft: { assignments: number; handPlaced: number } | null;
  /** Assignments an administrator placed by hand (pinned or moved in the draft), with their status now. */
  handPlaced: Array<{ expertId: string; projectId: string; status: string }>;
  /** What matching declared in its latest round event (round.completed or round.rematched). */
  declared: {
    objective: MatchingObjective | null;
    figures: RoundFiguresV1 | null;
    underfilled: RoundUnderfilledSlotV1[];
    /** The engine's certificate (proven bound, gap, proven optimal) of the latest solve or re-match; null for stable or unknown. */
    certificate: RoundCertificateV1 | null;
  };
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
  /** Each project's team, by project id: derived like the tables above (a dry run: as declared). */
  teams: TeamRow[];
  /** Per lead university; a dry run's from its declared teams. */
  byLeadUniversity: LeadUniversityFigures[];
  /** Optimal versus stable, both with mixed teams (stable is defined for mixed teams only). */
  comparison: StrategyComparison | null;
  /** Mixed versus one-university, both optimal: the price of the policy. */
  policyComparison: PolicyComparison | null;
}
