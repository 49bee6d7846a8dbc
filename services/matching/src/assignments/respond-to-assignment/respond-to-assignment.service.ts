import { Injectable } from '@nestjs/common';
import { DomainError, ERROR_CODES, type AssignmentSnapshotV1 } from '@civic/contracts';
import { Outbox } from '@civic/messaging';
import { assignmentEvent } from '../../shared/round-events';
import { assignmentDecisions } from '../../shared/infrastructure/round.metrics';
import { AssignmentStore } from '../../shared/assignment.store';
import { AssignmentDecision, decide } from '../domain/assignment-decision';
import { toAssignmentSnapshot } from '../../shared/domain/assignment.record';
import { RematchScheduler } from '../rematch/rematch.scheduler';

/**
 * A coordinator accepts or declines a proposal for one of their university's people. The change and its event
 * commit together; a decline then asks for a re-match of the freed slot (batched with declines close by).
 */
@Injectable()
export class RespondToAssignmentService {
  constructor(
    private readonly assignments: AssignmentStore,
    private readonly outbox: Outbox,
    private readonly rematches: RematchScheduler,
  ) {}

  async respond(universityId: string, assignmentId: string, decision: AssignmentDecision, now = new Date()): Promise<AssignmentSnapshotV1> {
    const { row, changed } = await this.assignments.transaction(async (m) => {
      const current = await this.assignments.lockById(m, assignmentId);
      // Another university's assignment is as invisible as a missing one.
      if (!current || current.university_id !== universityId) throw DomainError.notFound('assignment', assignmentId);
      const outcome = decide({ status: current.status, deadline: new Date(current.deadline) }, decision, now);
      if (!outcome.ok) {
        throw new DomainError(
          outcome.refusal,
          outcome.refusal === ERROR_CODES.proposalExpired
            ? `assignment ${assignmentId} passed its deadline ${new Date(current.deadline).toISOString()}`
            : `assignment ${assignmentId} is already ${outcome.status}`,
        );
      }
      if (!outcome.change) return { row: current, changed: false };
      const updated = await this.assignments.applyChange(m, assignmentId, outcome.change, now);
      await this.outbox.append(m, [assignmentEvent(toAssignmentSnapshot(updated))]);
      return { row: updated, changed: true };
    });
    if (changed) assignmentDecisions.inc({ status: row.status });
    if (changed && row.status === 'declined') this.rematches.schedule(row.round_id);
    return toAssignmentSnapshot(row);
  }
}
