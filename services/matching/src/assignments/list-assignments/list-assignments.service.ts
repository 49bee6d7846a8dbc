import { Injectable } from '@nestjs/common';
import { AssignmentStore } from '../../shared/assignment.store';
import type { AssignmentPage } from '../../shared/assignment.openapi';
import { toAssignmentSnapshot } from '../../shared/domain/assignment.record';
import type { ListAssignmentsQuery } from './list-assignments.query';

/** Default number of assignments per read when the request names no `limit`. */
const DEFAULT_LIMIT = 500;

/** A coordinator's view of their university's assignments, read on from a cursor (`after`, the last id seen). */
@Injectable()
export class ListAssignmentsService {
  constructor(private readonly assignments: AssignmentStore) {}

  async list(universityId: string, q: ListAssignmentsQuery): Promise<AssignmentPage> {
    const limit = q.limit ?? DEFAULT_LIMIT;
    const rows = await this.assignments.ofUniversity({ universityId, roundId: q.roundId, statuses: q.status, kind: q.kind, after: q.after, limit });
    const page = rows.slice(0, limit);
    return { assignments: page.map(toAssignmentSnapshot), next: rows.length > limit ? page[page.length - 1].id : null };
  }
}
