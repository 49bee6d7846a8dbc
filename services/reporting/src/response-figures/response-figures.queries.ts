import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ratio } from '../round-reports/get-report/round-report.queries';
import type { ExpiredProposal, ResponseFigures, ResponseOverview, RoundResponseReport } from './response-figures.types';

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

type FigureRow = Record<'proposals' | 'answered' | 'accepted' | 'declined' | 'expired' | 'pending', number> & { median_seconds: number | null };

function toFigures(r: FigureRow): ResponseFigures {
  const closed = r.answered + r.expired;
  return {
    proposals: r.proposals,
    answered: r.answered,
    accepted: r.accepted,
    declined: r.declined,
    expiredUnanswered: r.expired,
    pending: r.pending,
    responseRate: closed ? ratio(r.answered, closed, 0) : null,
    medianSecondsToAnswer: r.median_seconds === null ? null : Math.round(Number(r.median_seconds) * 10) / 10,
  };
}

/** Response figures (how universities answer proposals) from the assignment events reporting keeps. */
@Injectable()
export class ResponseFigureQueries {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One round's figures, per university, with its proposals that expired unanswered; undefined for an unknown round. */
  async round(roundId: string): Promise<RoundResponseReport | undefined> {
    const [known] = await this.db.query(`SELECT 1 FROM report_round WHERE round_id = $1`, [roundId]);
    if (!known) return undefined;
    const [totals]: FigureRow[] = await this.db.query(`SELECT ${FIGURES} FROM report_assignment WHERE round_id = $1`, [roundId]);
    const rows: Array<FigureRow & { university_id: string }> = await this.db.query(
      `SELECT university_id, ${FIGURES} FROM report_assignment WHERE round_id = $1 GROUP BY university_id ORDER BY university_id`,
      [roundId],
    );
    const expired: Array<Record<string, any>> = await this.db.query(
      `SELECT assignment_id, university_id, project_id, expert_id, kind, proposed_at, deadline FROM report_assignment
       WHERE round_id = $1 AND status = 'expired' ORDER BY university_id, project_id, kind, expert_id`,
      [roundId],
    );
    return {
      roundId,
      totals: toFigures(totals),
      byUniversity: rows.map((r) => ({ universityId: r.university_id, ...toFigures(r) })),
      expiredUnanswered: expired.map(
        (r): ExpiredProposal => ({
          assignmentId: r.assignment_id,
          universityId: r.university_id,
          projectId: r.project_id,
          expertId: r.expert_id,
          kind: r.kind,
          proposedAt: r.proposed_at.toISOString(),
          deadline: r.deadline.toISOString(),
        }),
      ),
    };
  }

  /** Every round's figures, and each university's over all rounds. */
  async overview(): Promise<ResponseOverview> {
    const universities: Array<FigureRow & { university_id: string }> = await this.db.query(
      `SELECT university_id, ${FIGURES} FROM report_assignment GROUP BY university_id ORDER BY university_id`,
    );
    const rounds: Array<FigureRow & { round_id: string }> = await this.db.query(
      `SELECT round_id, ${FIGURES} FROM report_assignment GROUP BY round_id ORDER BY min(proposed_at) DESC, round_id`,
    );
    return {
      byUniversity: universities.map((r) => ({ universityId: r.university_id, ...toFigures(r) })),
      byRound: rounds.map((r) => ({ roundId: r.round_id, ...toFigures(r) })),
    };
  }
}
