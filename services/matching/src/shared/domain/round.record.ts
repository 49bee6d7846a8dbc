import type {
  MatchingObjective,
  MatchingStrategy,
  RoundFiguresV1,
  RoundOptionsV1,
  RoundCertificateV1,
  RoundPhase,
  RoundPhaseTimings,
  RoundProgress,
  RoundScopeV1,
  RoundStatus,
  RoundUnderfilledSlotV1,
} from '@civic/contracts';

/** A round as the matching service stores it. */
export interface RoundRecord {
  id: string;
  scope: RoundScopeV1;
  strategy: MatchingStrategy;
  options: RoundOptionsV1;
  dryRun: boolean;
  /** Publish the moment it is solved (no draft); always true of rounds stored before drafts. */
  publishAtOnce: boolean;
  status: RoundStatus;
  phase: RoundPhase;
  progress: RoundProgress;
  idempotencyKey: string | null;
  requestHash: string;
  objective: MatchingObjective | null;
  figures: RoundFiguresV1 | null;
  underfilled: RoundUnderfilledSlotV1[] | null;
  /** The engine's certificate of the last solve or re-match (null for stable, and before the solve). */
  certificate: RoundCertificateV1 | null;
  timings: RoundPhaseTimings;
  error: string | null;
  revision: number;
  /** The process that runs (or ran) the round: `<instance>/<pid>/<nonce>`, and when it last said it is alive. */
  owner: string;
  heartbeatAt: Date;
  createdAt: Date;
  completedAt: Date | null;
  /** When a draft was published (null for rounds published at once). */
  publishedAt: Date | null;
  /** When it was cancelled or withdrawn. */
  endedAt: Date | null;
}

/** Overall progress when a phase starts: the solve dominates, so it gets the widest share. */
export const PHASE_START_FRACTION: Record<RoundPhase, number> = {
  snapshot: 0,
  scoring: 0.1,
  solving: 0.2,
  storing: 0.8,
  publishing: 0.9,
  done: 1,
  failed: 1,
};

export interface RoundRow {
  id: string;
  scope_key: string;
  district_ids: string[] | null;
  strategy: MatchingStrategy;
  options: RoundOptionsV1;
  dry_run: boolean;
  publish_at_once: boolean;
  status: RoundStatus;
  phase: RoundPhase;
  progress: RoundProgress;
  idempotency_key: string | null;
  request_hash: string;
  objective: MatchingObjective | null;
  figures: RoundFiguresV1 | null;
  underfilled: RoundUnderfilledSlotV1[] | null;
  certificate: RoundCertificateV1 | null;
  timings: RoundPhaseTimings;
  error: string | null;
  revision: number;
  owner: string;
  heartbeat_at: Date;
  created_at: Date;
  completed_at: Date | null;
  published_at: Date | null;
  ended_at: Date | null;
}

export const ROUND_COLUMNS = `id, scope_key, district_ids, strategy, options, dry_run, publish_at_once, status, phase, progress, idempotency_key, request_hash,
  objective, figures, underfilled, certificate, timings, error, revision, owner, heartbeat_at, created_at, completed_at, published_at, ended_at`;

export function toRoundRecord(r: RoundRow): RoundRecord {
  return {
    id: r.id,
    scope: { key: r.scope_key, districtIds: r.district_ids },
    strategy: r.strategy,
    options: r.options,
    dryRun: r.dry_run,
    publishAtOnce: r.publish_at_once,
    status: r.status,
    phase: r.phase,
    progress: r.progress,
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
    objective: r.objective,
    figures: r.figures,
    underfilled: r.underfilled,
    certificate: r.certificate,
    timings: r.timings,
    error: r.error,
    revision: r.revision,
    owner: r.owner,
    heartbeatAt: r.heartbeat_at,
    createdAt: r.created_at,
    completedAt: r.completed_at,
    publishedAt: r.published_at,
    endedAt: r.ended_at,
  };
}
