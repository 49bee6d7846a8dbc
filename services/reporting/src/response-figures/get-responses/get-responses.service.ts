import { Injectable } from '@nestjs/common';
import { DomainError } from '@civic/contracts';
import { ratio } from '../../round-reports/ratio';
import { RoundReportReadStore } from '../../round-reports/round-report.read-store';
import type { ResponseFigures, ResponseOverview, RoundResponseReport } from '../response-figures.types';
import { type FigureRow, ResponseFiguresStore } from '../response-figures.store';

/** How universities answer their proposals: per round (with the proposals that expired unanswered) and overall. */
@Injectable()
export class GetResponsesService {
  constructor(
    private readonly store: ResponseFiguresStore,
    private readonly rounds: RoundReportReadStore,
  ) {}

  /** One round's figures, per university, with its proposals that expired unanswered; not_found for an unknown round. */
  async round(roundId: string): Promise<RoundResponseReport> {
    if (!(await this.rounds.roundExists(roundId))) throw DomainError.notFound('round', roundId);
    const [totals, rows, expired] = await Promise.all([this.store.roundTotals(roundId), this.store.roundByUniversity(roundId), this.store.roundExpired(roundId)]);
    return {
      roundId,
      totals: toFigures(totals),
      byUniversity: rows.map((r) => ({ universityId: r.university_id, ...toFigures(r) })),
      expiredUnanswered: expired.map((r) => ({
        assignmentId: r.assignment_id,
        universityId: r.university_id,
        projectId: r.project_id,
        expertId: r.expert_id,
        kind: r.kind,
        proposedAt: r.proposed_at.toISOString(),
        deadline: r.deadline.toISOString(),
      })),
    };
  }

  /** Every round's figures, and each university's over all rounds. */
  async overview(): Promise<ResponseOverview> {
    const [universities, rounds] = await Promise.all([this.store.byUniversity(), this.store.byRound()]);
    return {
      byUniversity: universities.map((r) => ({ universityId: r.university_id, ...toFigures(r) })),
      byRound: rounds.map((r) => ({ roundId: r.round_id, ...toFigures(r) })),
    };
  }
}

/** The answer's figures of a group: the response rate over the proposals whose window closed, the median in 0.1 s. */
export function toFigures(r: FigureRow): ResponseFigures {
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
