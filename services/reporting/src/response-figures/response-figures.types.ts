/** How one group of proposals (a university, a round, or a university in a round) was answered. */
export interface ResponseFigures {
  /** Proposals ever made. */
  proposals: number;
  /** Accepted or declined by a coordinator. */
  answered: number;
  accepted: number;
  declined: number;
  /** Expired without an answer. */
  expiredUnanswered: number;
  /** Still awaiting an answer. */
  pending: number;
  /** answered / (answered + expiredUnanswered): of the proposals whose window closed, the share answered; null before any. */
  responseRate: number | null;
  /** Median seconds from proposal to answer over the answered ones; null before any. */
  medianSecondsToAnswer: number | null;
}

export interface UniversityResponses extends ResponseFigures {
  universityId: string;
}

export interface RoundResponses extends ResponseFigures {
  roundId: string;
}

/** A proposal that expired unanswered. */
export interface ExpiredProposal {
  assignmentId: string;
  universityId: string;
  projectId: string;
  expertId: string;
  kind: string;
  proposedAt: string;
  deadline: string;
}

/** GET /rounds/:id/responses */
export interface RoundResponseReport {
  roundId: string;
  totals: ResponseFigures;
  byUniversity: UniversityResponses[];
  expiredUnanswered: ExpiredProposal[];
}

/** GET /responses: every round reporting has heard of. */
export interface ResponseOverview {
  byUniversity: UniversityResponses[];
  byRound: RoundResponses[];
}
