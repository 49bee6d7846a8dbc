import type { ResultTeam, RoundView } from '@civic/contracts';
import type { RoundRecord } from '../../shared/domain/round.record';
import type { LiveFigures } from '../../shared/round.store';

/** What GET /rounds/:id answers (the contract's RoundView): the stored round with, once solved, its live figures and teams. */
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
