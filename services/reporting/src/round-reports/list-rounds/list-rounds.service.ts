import { Injectable } from '@nestjs/common';
import type { Page } from '@civic/contracts';
import { pageOf, toPage } from '@civic/platform';
import { RoundReportReadStore } from '../round-report.read-store';
import type { ListRoundsQuery, RoundSummaryView } from './list-rounds.dto';

/** The rounds reporting has heard of, newest first, one page at a time. */
@Injectable()
export class ListRoundsService {
  constructor(private readonly store: RoundReportReadStore) {}

  async list(q: ListRoundsQuery): Promise<Page<RoundSummaryView>> {
    const at = pageOf(q);
    const [rows, total] = await Promise.all([this.store.rounds(at), this.store.countRounds()]);
    const items = rows.map((r) => ({
      roundId: r.round_id,
      scope: { key: r.scope_key, districtIds: r.district_ids },
      strategy: r.strategy,
      dryRun: r.dry_run,
      status: r.status,
      completedAt: r.completed_at ? r.completed_at.toISOString() : null,
    }));
    return toPage(items, at, total);
  }
}
