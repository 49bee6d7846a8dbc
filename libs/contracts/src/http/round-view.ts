import type { ExpertKind, MatchingObjective, MatchingStrategy, ResultTeam } from '../matching/matching-instance.v1';
import type {
  RoundCertificateV1,
  RoundFiguresV1,
  RoundOptionsV1,
  RoundPhase,
  RoundScopeV1,
  RoundStatus,
  RoundTimingsV1,
  RoundUnderfilledSlotV1,
} from '../events/round.events';

/** Where a running round is: its phase, how far along overall (0..1) and since when. */
export interface RoundProgress {
  phase: RoundPhase;
  fraction: number;
  phaseStartedAt: string;
  /** Phase-specific facts, e.g. eligible pairs while solving or events published while publishing. */
  detail?: Record<string, number>;
}

/** Phase durations so far; `publishingMs` (the wait for the relay) comes after round.completed was written. */
export type RoundPhaseTimings = Partial<RoundTimingsV1> & { publishingMs?: number };

/** A (project, kind) still below its minimum, with why when the engine said so. */
export interface UnfilledSlot {
  projectId: string;
  districtId: string;
  kind: ExpertKind;
  min: number;
  filled: number;
  missing: number;
  /** The engine's reason from the last solve or re-match; `rematch_pending` while a freed slot waits for one. */
  reason: string;
}

/** A solved round's result now: the engine's answer, with the figures that assignments change recomputed live. */
export interface RoundSummary {
  /** The engine's objective after the last solve or re-match. */
  objective: MatchingObjective;
  /** Figures now: coverage, weight and counts reflect every accept, decline, expiry and re-match so far. */
  figures: RoundFiguresV1;
  /** (project, kind) below the minimum now, with the engine's reason or `rematch_pending`. */
  unfilled: UnfilledSlot[];
  /** The engine's under-filled slots as of the last solve or re-match. */
  engineUnderfilled: RoundUnderfilledSlotV1[];
  /** Each project's team and lead university as of the last solve or re-match, by project id. */
  teams: ResultTeam[];
  /** How good the engine proved the last solve or re-match to be (null for stable). */
  certificate: RoundCertificateV1 | null;
}

/**
 * A round as matching's HTTP API answers it (GET /rounds/{id}, the items of GET /rounds, and what starting, cancelling
 * and the lifecycle's answers carry): the round, where it is, and once solved its figures now.
 */
export interface RoundView {
  roundId: string;
  scope: RoundScopeV1;
  strategy: MatchingStrategy;
  options: RoundOptionsV1;
  dryRun: boolean;
  status: RoundStatus;
  /** Published the moment it was solved (no draft). */
  publishAtOnce: boolean;
  publishedAt: string | null;
  /** When it was cancelled or withdrawn. */
  endedAt: string | null;
  phase: RoundPhase;
  progress: RoundProgress;
  createdAt: string;
  completedAt: string | null;
  timings: RoundPhaseTimings;
  error: string | null;
  revision: number;
  /** The process running the round and its last heartbeat: a running round whose heartbeat stops is failed within seconds. */
  owner: string;
  heartbeatAt: string;
  /** Null until the round is solved (and in the list, which leaves figures out). */
  summary: RoundSummary | null;
}
