import type {
  MatchingObjective,
  MatchingStrategy,
  RoundFiguresV1,
  RoundOptionsV1,
  RoundPhase,
  RoundScopeV1,
  RoundStatus,
  ResultTeam,
  RoundCertificateV1,
  RoundUnderfilledSlotV1,
} from '@civic/contracts';
import type { UnfilledSlot } from '../../shared/domain/round-figures';
import type { RoundPhaseTimings, RoundProgress, RoundRecord } from '../../shared/domain/round.record';
import type { LiveFigures } from '../../shared/round.store';

/** What GET /rounds/:id answers: the round, where it is, and once solved its figures now. */
export interface RoundView {
  roundId: string;
  scope: RoundScopeV1;
  strategy: MatchingStrategy;
  options: RoundOptionsV1;
  dryRun: boolean;
  status: RoundStatus;
  publishAtOnce: boolean;
  publishedAt: string | null;
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
  summary: RoundSummary | null;
}

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

export function toRoundView(r: RoundRecord, live?: LiveFigures, teams: ResultTeam[] = []): RoundView {
  return {
    roundId: r.id,
    scope: r.scope,
    strategy: r.strategy,
    options: r.options,
    dryRun: r.dryRun,
    status: r.status,
    publishAtOnce: r.publishAtOnce,
    publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
    endedAt: r.endedAt ? r.endedAt.toISOString() : null,
    phase: r.phase,
    progress: r.progress,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt ? r.completedAt.toISOString() : null,
    timings: r.timings,
    error: r.error,
    revision: r.revision,
    owner: r.owner,
    heartbeatAt: r.heartbeatAt.toISOString(),
    summary:
      r.objective && live
        ? {
            objective: r.objective,
            figures: live.figures,
            unfilled: r.dryRun
              ? (r.underfilled ?? []).map((u) => ({ ...u, districtId: '', missing: u.min - u.filled }))
              : live.coverage.unfilled,
            engineUnderfilled: r.underfilled ?? [],
            teams,
            certificate: r.certificate,
          }
        : null,
  };
}
