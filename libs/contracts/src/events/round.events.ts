import type { EventEnvelope } from '../envelope';
import type {
  ExpertKind,
  ExpertProjectPair,
  MatchingObjective,
  MatchingStrategy,
  ResultTeam,
  SlotRange,
  TeamPolicy,
  UniversityLimit,
} from '../matching/matching-instance.v1';
import { TOPICS } from '../topics';
import type { AssignmentSnapshotV1, DeclineReason, PlacedBy } from './assignment.events';

/**
 * Where a round is in its life (docs/events.md draws it): `running` while it solves; then `draft` (solved, stored,
 * nothing proposed) or, published at once or from a draft, `completed` (its proposals are out; a dry run ends here
 * too); `failed`; `cancelled` (stopped while running, or a draft dropped: nothing proposed); `withdrawn` (a published
 * round taken back: its pending proposals withdrawn).
 */
export type RoundStatus = 'running' | 'draft' | 'completed' | 'failed' | 'cancelled' | 'withdrawn';
export const ROUND_STATUSES: readonly RoundStatus[] = ['running', 'draft', 'completed', 'failed', 'cancelled', 'withdrawn'];

/** The step a running round is in, in order; `done` and `failed` end it. */
export type RoundPhase = 'snapshot' | 'scoring' | 'solving' | 'storing' | 'publishing' | 'done' | 'failed';
export const ROUND_PHASES: readonly RoundPhase[] = ['snapshot', 'scoring', 'solving', 'storing', 'publishing', 'done'];

/** Which projects a round covers: the whole city (`districtIds` null) or some districts. */
export interface RoundScopeV1 {
  /** `city` or `districts:<id>,<id>` (sorted): one live round per key at a time. */
  key: string;
  districtIds: string[] | null;
}

/** The options a round was run with (the engine's instance options plus the response window). */
export interface RoundOptionsV1 {
  maxPerDiscipline: number;
  maxDistanceKm: number | null;
  candidateLimitPerExpert: number | null;
  /** Seconds a coordinator has to answer a proposal before it expires. */
  responseWindowSeconds: number;
  /** Who may serve one project together (absent in events of rounds before team policies: `mixed`). */
  teamPolicy?: TeamPolicy;
  /** Per university id, the most projects it may lead (absent or empty: no limit). */
  universityLimits?: Record<string, UniversityLimit>;
}

/**
 * How good the engine proved the round's answer to be (optimal strategy): no solution covers more than
 * `bound.coverage`, and none with the round's coverage weighs more than `bound.weight` (both the round's own share, like
 * its objective: what other rounds hold is taken off).
 */
export interface RoundCertificateV1 {
  bound: MatchingObjective;
  /** 100 x (bound.weight - weight) / bound.weight when the coverage equals its bound; null otherwise. */
  gapPct: number | null;
  /** The answer is proven optimal (the bound equals the objective). */
  proven: boolean;
}

/** A university's answer for a whole project's team (one-university rounds): it will not lead the project. */
export interface RoundUniversityDeclineV1 {
  projectId: string;
  universityId: string;
  reason: DeclineReason;
  note: string | null;
}

/** One project of the round's scope as the round saw it: what coverage is measured against. */
export interface RoundProjectV1 {
  projectId: string;
  districtId: string;
  /** The project's primary issue type. */
  issueType: string;
  slots: Record<ExpertKind, SlotRange>;
}

/** The experts the round could draw on, grouped by university, primary discipline and kind. */
export interface RoundExpertGroupV1 {
  universityId: string;
  discipline: string;
  kind: ExpertKind;
  experts: number;
  /** Sum of the experts' capacities. */
  capacity: number;
}

/** A (project, kind) below its minimum team size, and the engine's reason code. */
export interface RoundUnderfilledSlotV1 {
  projectId: string;
  kind: ExpertKind;
  filled: number;
  min: number;
  reason: string;
}

/** Assignment counts by status. `total` counts every assignment ever proposed in the round. */
export interface AssignmentCountsV1 {
  total: number;
  proposed: number;
  accepted: number;
  declined: number;
  expired: number;
  /** Taken back by a withdrawal of the round (absent before round withdrawals). */
  withdrawn?: number;
}

/** A round's headline figures as the matching service computed them; reporting checks its own against these. */
export interface RoundFiguresV1 {
  projects: number;
  experts: number;
  eligiblePairs: number;
  /** Sum over projects and kinds of the minimum team size. */
  requiredSlots: number;
  /** Sum over projects and kinds of min(active assignments, minimum); active = proposed or accepted. */
  coveredSlots: number;
  /** coveredSlots / requiredSlots (1 when nothing is required). */
  coverageRatio: number;
  /** Sum of the weights of the active assignments. */
  weight: number;
  assignments: AssignmentCountsV1;
  underfilledSlots: number;
  unassignedExperts: number;
}

/** Milliseconds spent in each phase. */
export interface RoundTimingsV1 {
  snapshotMs: number;
  scoringMs: number;
  solvingMs: number;
  storingMs: number;
  totalMs: number;
}

export interface RoundStartedPayloadV1 {
  roundId: string;
  scope: RoundScopeV1;
  strategy: MatchingStrategy;
  options: RoundOptionsV1;
  /** A what-if round: it reports its figures but proposes nothing (no assignment events). */
  dryRun: boolean;
  startedAt: string;
  revision: number;
}

export interface RoundCompletedPayloadV1 {
  roundId: string;
  scope: RoundScopeV1;
  strategy: MatchingStrategy;
  options: RoundOptionsV1;
  dryRun: boolean;
  /** The engine's lexicographic objective. */
  objective: MatchingObjective;
  figures: RoundFiguresV1;
  projects: RoundProjectV1[];
  expertGroups: RoundExpertGroupV1[];
  underfilled: RoundUnderfilledSlotV1[];
  /**
   * The round's teams, one per project with at least one member of this round: the lead university (under
   * `one-university` every member's; under `mixed` the one with the most members), the members and why.
   * Absent in events of rounds before team policies.
   */
  teams?: ResultTeam[];
  /** The engine's certificate of the solve; null for the stable strategy. Absent before team policies. */
  certificate?: RoundCertificateV1 | null;
  timings: RoundTimingsV1;
  completedAt: string;
  revision: number;
}

/** Declined or expired proposals were replaced: the round's figures after the re-match. */
export interface RoundRematchedPayloadV1 {
  roundId: string;
  /** Assignments whose decline or expiry this re-match answered. */
  freedAssignmentIds: string[];
  /** The replacement proposals (their assignment.proposed events follow). */
  proposedAssignmentIds: string[];
  /** Earlier active assignments the re-match did not keep (0: only freed slots were filled). */
  changedAssignments: number;
  objective: MatchingObjective;
  figures: RoundFiguresV1;
  underfilled: RoundUnderfilledSlotV1[];
  /** Every team of the round after the re-match (replaces the earlier list); absent before team policies. */
  teams?: ResultTeam[];
  /** Whole projects a lead university declined that this re-match answered (moved to another university or left). */
  universityDeclines?: RoundUniversityDeclineV1[];
  /** The engine's certificate of the re-match (for the pinned model it solves); null for stable. */
  certificate?: RoundCertificateV1 | null;
  rematchedAt: string;
  revision: number;
}

export interface RoundFailedPayloadV1 {
  roundId: string;
  scope: RoundScopeV1;
  strategy: MatchingStrategy;
  dryRun: boolean;
  /** The phase the round was in when it failed. */
  phase: RoundPhase;
  reason: string;
  failedAt: string;
  revision: number;
}

/** One assignment of a draft round: what it would propose once published (the proposal's own fields), and who placed it. */
export interface DraftAssignmentV1
  extends Pick<
    AssignmentSnapshotV1,
    'expertId' | 'expertKind' | 'universityId' | 'collegeId' | 'discipline' | 'projectId' | 'leadUniversityId' | 'districtId' | 'issueType' | 'weight' | 'explanation'
  > {
  placedBy: PlacedBy;
}

/** A real round was solved and stored as a draft: nothing is proposed until an administrator publishes it. */
export interface RoundDraftedPayloadV1 {
  roundId: string;
  scope: RoundScopeV1;
  strategy: MatchingStrategy;
  options: RoundOptionsV1;
  objective: MatchingObjective;
  /** The draft's figures (its assignments counted as if proposed). */
  figures: RoundFiguresV1;
  projects: RoundProjectV1[];
  expertGroups: RoundExpertGroupV1[];
  underfilled: RoundUnderfilledSlotV1[];
  teams: ResultTeam[];
  certificate: RoundCertificateV1 | null;
  /** Every assignment of the draft (replaced whole by each round.edited). */
  assignments: DraftAssignmentV1[];
  timings: RoundTimingsV1;
  draftedAt: string;
  revision: number;
}

/** What an administrator asked of a draft: pin an expert to a project, remove a pair (forbidden for the round), or move an expert. */
export type RoundEditOp = 'pin' | 'remove' | 'move';
export const ROUND_EDIT_OPS: readonly RoundEditOp[] = ['pin', 'remove', 'move'];

/** One edit of a draft. `move` takes the expert off `fromProjectId` (forbidden there) and pins it to `projectId`. */
export interface RoundEditV1 {
  op: RoundEditOp;
  expertId: string;
  projectId: string;
  fromProjectId: string | null;
}

/** A draft was edited (one edit or a batch) and minimally re-optimised: the diff and the draft's new figures. */
export interface RoundEditedPayloadV1 {
  roundId: string;
  edits: RoundEditV1[];
  /** The administrator (the token's subject) and why. */
  editedBy: string;
  reason: string;
  /** Pairs the edit and the re-optimisation added to the draft, and those they took out. */
  added: ExpertProjectPair[];
  removed: ExpertProjectPair[];
  objective: MatchingObjective;
  figures: RoundFiguresV1;
  underfilled: RoundUnderfilledSlotV1[];
  teams: ResultTeam[];
  certificate: RoundCertificateV1 | null;
  /** Every assignment of the draft after the edit. */
  assignments: DraftAssignmentV1[];
  editedAt: string;
  revision: number;
}

/** Why a draft's assignment no longer holds when it is published. */
export type RoundChangeKind = 'expert_unavailable' | 'expert_capacity_taken' | 'project_withdrawn' | 'slots_taken';
export const ROUND_CHANGE_KINDS: readonly RoundChangeKind[] = ['expert_unavailable', 'expert_capacity_taken', 'project_withdrawn', 'slots_taken'];

/** Something a draft relied on that changed since it was solved. */
export interface RoundChangeV1 {
  kind: RoundChangeKind;
  expertId: string;
  projectId: string;
  message: string;
}

/** A draft was published: its proposals follow (assignment.proposed) and then round.completed with its figures. */
export interface RoundPublishedPayloadV1 {
  roundId: string;
  publishedBy: string;
  reason: string | null;
  /** What had changed since the solve (empty when nothing had). */
  changes: RoundChangeV1[];
  /** Whether the draft was re-solved minimally before publishing (only when something had changed and it was asked). */
  resolved: boolean;
  /** What the re-solve took out of the draft and put in (both empty without one). */
  removed: ExpertProjectPair[];
  added: ExpertProjectPair[];
  proposedAssignmentIds: string[];
  publishedAt: string;
  revision: number;
}

/** A running round was stopped (at its next phase boundary, nothing stored or proposed), or a draft dropped. */
export interface RoundCancelledPayloadV1 {
  roundId: string;
  scope: RoundScopeV1;
  strategy: MatchingStrategy;
  dryRun: boolean;
  /** `running` or `draft`. */
  fromStatus: RoundStatus;
  /** The phase it was in. */
  phase: RoundPhase;
  cancelledBy: string;
  reason: string | null;
  cancelledAt: string;
  revision: number;
}

/** A published round was taken back: its pending proposals (and, if asked, accepted ones) are withdrawn (assignment.withdrawn each). */
export interface RoundWithdrawnPayloadV1 {
  roundId: string;
  withdrawnBy: string;
  reason: string;
  /** Whether accepted assignments were withdrawn too (otherwise they stay). */
  includeAccepted: boolean;
  withdrawnAssignmentIds: string[];
  /** Accepted assignments that stay. */
  keptAssignmentIds: string[];
  /** The round's figures after the withdrawal. */
  figures: RoundFiguresV1;
  withdrawnAt: string;
  revision: number;
}

export const ROUND_EVENTS = {
  started: 'round.started',
  completed: 'round.completed',
  rematched: 'round.rematched',
  failed: 'round.failed',
  drafted: 'round.drafted',
  edited: 'round.edited',
  published: 'round.published',
  cancelled: 'round.cancelled',
  withdrawn: 'round.withdrawn',
} as const;

export type RoundStartedV1 = EventEnvelope<typeof ROUND_EVENTS.started, RoundStartedPayloadV1>;
export type RoundCompletedV1 = EventEnvelope<typeof ROUND_EVENTS.completed, RoundCompletedPayloadV1>;
export type RoundRematchedV1 = EventEnvelope<typeof ROUND_EVENTS.rematched, RoundRematchedPayloadV1>;
export type RoundFailedV1 = EventEnvelope<typeof ROUND_EVENTS.failed, RoundFailedPayloadV1>;
export type RoundDraftedV1 = EventEnvelope<typeof ROUND_EVENTS.drafted, RoundDraftedPayloadV1>;
export type RoundEditedV1 = EventEnvelope<typeof ROUND_EVENTS.edited, RoundEditedPayloadV1>;
export type RoundPublishedV1 = EventEnvelope<typeof ROUND_EVENTS.published, RoundPublishedPayloadV1>;
export type RoundCancelledV1 = EventEnvelope<typeof ROUND_EVENTS.cancelled, RoundCancelledPayloadV1>;
export type RoundWithdrawnV1 = EventEnvelope<typeof ROUND_EVENTS.withdrawn, RoundWithdrawnPayloadV1>;
export type RoundEventV1 =
  | RoundStartedV1
  | RoundCompletedV1
  | RoundRematchedV1
  | RoundFailedV1
  | RoundDraftedV1
  | RoundEditedV1
  | RoundPublishedV1
  | RoundCancelledV1
  | RoundWithdrawnV1;

export const ROUND_TOPIC = TOPICS.rounds;
