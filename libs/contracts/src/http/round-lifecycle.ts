import type { ExpertProjectPair } from '../matching/matching-instance.v1';
import type { RoundChangeV1, RoundFiguresV1 } from '../events/round.events';
import type { RoundView } from './round-view';

/** What one edit of a draft did: the pairs it and the re-optimisation put in and took out, and the figures around it. */
export interface DraftEdit {
  added: ExpertProjectPair[];
  removed: ExpertProjectPair[];
  /** The draft's figures before the edit. */
  before: RoundFiguresV1 | null;
  after: RoundFiguresV1;
}

/** What publishing a draft did: what had changed since the solve, whether it was re-solved, and the proposals sent. */
export interface RoundPublication {
  /** Empty when nothing had changed. */
  changes: RoundChangeV1[];
  /** The draft was re-solved minimally before publishing. */
  resolved: boolean;
  added: ExpertProjectPair[];
  removed: ExpertProjectPair[];
  /** Proposals sent. */
  proposed: number;
}

/** What withdrawing a published round took back. */
export interface RoundWithdrawal {
  /** Assignments withdrawn (pending proposals, and accepted ones when asked). */
  withdrawn: number;
  /** Accepted assignments that stay. */
  kept: number;
}

/** POST /rounds/{id}/edits: the round after the edit (its new revision) and the edit. */
export interface DraftEditAnswer {
  round: RoundView;
  edit: DraftEdit;
}

/** POST /rounds/{id}/publish. */
export interface PublishAnswer {
  round: RoundView;
  publication: RoundPublication;
}

/** POST /rounds/{id}/withdraw. */
export interface WithdrawAnswer {
  round: RoundView;
  withdrawal: RoundWithdrawal;
}
