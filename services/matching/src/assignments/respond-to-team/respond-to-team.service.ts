import { Injectable } from '@nestjs/common';
import { DomainError, ERROR_CODES, type AssignmentSnapshotV1, type ErrorCode } from '@civic/contracts';
import { Outbox } from '@civic/messaging';
import { assignmentEvent } from '../../shared/round-events';
import { assignmentDecisions } from '../../shared/infrastructure/round.metrics';
import { RoundStore } from '../../shared/round.store';
import { AssignmentStore } from '../../shared/assignment.store';
import { toAssignmentSnapshot } from '../../shared/domain/assignment.record';
import { decideTeam, TeamDecision, TeamRefusal } from '../domain/team-decision';
import { RematchScheduler } from '../rematch/rematch.scheduler';

/** What a team answer did: the university's members on the project after it. */
export interface TeamAnswer {
  roundId: string;
  projectId: string;
  universityId: string;
  decision: TeamDecision['kind'];
  /** The proposals this answer changed. */
  changed: number;
  /** Every assignment of the university on the project in the round, by id. */
  assignments: AssignmentSnapshotV1[];
}

/** The error code of each refusal but not_found (which names the team). */
const CODE_OF: Record<Exclude<TeamRefusal, 'not_found'>, ErrorCode> = {
  not_one_university: ERROR_CODES.notOneUniversity,
  already_decided: ERROR_CODES.alreadyDecided,
  team_partly_accepted: ERROR_CODES.teamPartlyAccepted,
  proposal_expired: ERROR_CODES.proposalExpired,
};

/**
 * A coordinator answers for their university's whole team on a project (one-university rounds): every proposal of
 * the team changes, with one event each, in one transaction that holds the project's rows locked, so a concurrent
 * answer (for the team or a member) sees the result and is refused or repeats nothing. A decline records the
 * university's decline of the project and asks for a re-match, which gives the project to another university.
 */
@Injectable()
export class RespondToTeamService {
  constructor(
    private readonly rounds: RoundStore,
    private readonly assignments: AssignmentStore,
    private readonly outbox: Outbox,
    private readonly rematches: RematchScheduler,
  ) {}

  async respond(universityId: string, roundId: string, projectId: string, decision: TeamDecision, now = new Date()): Promise<TeamAnswer> {
    const answer = await this.assignments.transaction(async (m) => {
      const round = await this.rounds.findById(m, roundId);
      if (!round || round.dryRun) throw DomainError.notFound('round', roundId);
      const rows = await this.assignments.lockProjectOfRound(m, roundId, projectId);
      const members = rows.map((r) => ({ id: r.id, universityId: r.university_id, status: r.status, deadline: new Date(r.deadline) }));
      const outcome = decideTeam(round.options.teamPolicy ?? 'mixed', universityId, members, decision, now);
      if (!outcome.ok) {
        if (outcome.refusal === 'not_found') throw DomainError.notFound('team', `${universityId}/${projectId}`);
        throw new DomainError(CODE_OF[outcome.refusal], outcome.message);
      }
      const change =
        decision.kind === 'accept'
          ? { status: 'accepted', declineReason: null, declineNote: null }
          : { status: 'declined', declineReason: decision.reason, declineNote: decision.note };
      const changed = new Map<string, AssignmentSnapshotV1>();
      for (const id of outcome.change) changed.set(id, toAssignmentSnapshot(await this.assignments.applyChange(m, id, change, now)));
      if (decision.kind === 'decline') {
        await this.assignments.recordUniversityDecline(m, roundId, { projectId, universityId, reason: decision.reason, note: decision.note }, now);
      }
      await this.outbox.append(m, [...changed.values()].map(assignmentEvent));
      const assignments = rows.filter((r) => r.university_id === universityId).map((r) => changed.get(r.id) ?? toAssignmentSnapshot(r));
      return { roundId, projectId, universityId, decision: decision.kind, changed: changed.size, assignments };
    });
    assignmentDecisions.inc({ status: decision.kind === 'accept' ? 'accepted' : 'declined' }, answer.changed);
    if (decision.kind === 'decline') this.rematches.schedule(roundId);
    return answer;
  }
}
