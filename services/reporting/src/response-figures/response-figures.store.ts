import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The figures of a group of report_assignment rows, computed by PostgreSQL. */
const FIGURES = `
  count(*)::int AS proposals,
  count(*) FILTER (WHERE status IN ('accepted', 'declined'))::int AS answered,
  count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
  count(*) FILTER (WHERE status = 'declined')::int AS declined,
  count(*) FILTER (WHERE status = 'expired')::int AS expired,
  count(*) FILTER (WHERE status = 'proposed')::int AS pending,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - proposed_at))
    FILTER (WHERE status IN ('accepted', 'declined')) AS median_seconds`;

/** The counts of a group of proposals as PostgreSQL computed them. */
export type FigureRow = Record<'proposals' | 'answered' | 'accepted' | 'declined' | 'expired' | 'pending', number> & { median_seconds: number | null };

/** A proposal that expired unanswered, as stored. */
export interface ExpiredRow {
  assignment_id: string;
  university_id: string;
  project_id: string;
  expert_id: string;
  kind: string;
  proposed_at: Date;
  deadline: Date;
}

/** Reads of the response figures over report_assignment (which the round reports' projection store keeps). */
@Injectable()
export class ResponseFiguresStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A round's figures over all its proposals. */
  async roundTotals(roundId: string): Promise<FigureRow> {
    const [totals]: FigureRow[] = await this.db.query(`SELECT ${FIGURES} FROM report_assignment WHERE round_id = $1`, [roundId]);
    return totals;
  }

  /** A round's figures per university, by university id. */
  async roundByUniversity(roundId: string): Promise<Array<FigureRow & { university_id: string }>> {
    return this.db.query(`SELECT university_id, ${FIGURES} FROM report_assignment WHERE round_id = $1 GROUP BY university_id ORDER BY university_id`, [roundId]);
  }

  /** A round's proposals that expired unanswered. */
  async roundExpired(roundId: string): Promise<ExpiredRow[]> {
    return this.db.query(
      `SELECT assignment_id, university_id, project_id, expert_id, kind, proposed_at, deadline FROM report_assignment
       WHERE round_id = $1 AND status = 'expired' ORDER BY university_id, project_id, kind, expert_id`,
      [roundId],
    );
  }

  /** Each university's figures over every round. */
  async byUniversity(): Promise<Array<FigureRow & { university_id: string }>> {
    return this.db.query(`SELECT university_id, ${FIGURES} FROM report_assignment GROUP BY university_id ORDER BY university_id`);
  }

  /** Each round's figures, newest first. */
  async byRound(): Promise<Array<FigureRow & { round_id: string }>> {
    return this.db.query(`SELECT round_id, ${FIGURES} FROM report_assignment GROUP BY round_id ORDER BY min(proposed_at) DESC, round_id`);
  }
}
