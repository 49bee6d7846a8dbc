import { Injectable } from '@nestjs/common';
import type { AssignmentCountsV1, AssignmentSnapshotV1, ExpertKind } from '@civic/contracts';
import type { EntityManager } from 'typeorm';
import type { ActiveSlotCount } from '../rounds/domain/round-figures';
import type { ActivePair } from '../rounds/run-round/to-assignments';
import { updatedRows } from '../sql/updated-rows';
import { ASSIGNMENT_COLUMNS, AssignmentRow } from './domain/assignment.record';

/** SQL of the assignment table; callers pass the (transactional) manager to write through. */
@Injectable()
export class AssignmentStore {
  /** Inserts assignments in one statement (unnest keeps it to 22 parameters whatever the count). */
  async insertMany(m: EntityManager, rows: readonly AssignmentSnapshotV1[]): Promise<void> {
    if (rows.length === 0) return;
    const col = <K extends keyof AssignmentSnapshotV1>(k: K) => rows.map((r) => r[k]);
    await m.query(
      `INSERT INTO assignment (id, round_id, expert_id, kind, university_id, college_id, discipline, project_id, district_id, issue_type,
         weight, explanation, origin, status, revision, deadline, proposed_at, decided_at, decline_reason, decline_note, lead_university_id, placed_by)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
         $10::text[], $11::int[], $12::jsonb[], $13::text[], $14::text[], $15::int[], $16::timestamptz[], $17::timestamptz[],
         $18::timestamptz[], $19::text[], $20::text[], $21::text[], $22::text[])`,
      [
        col('assignmentId'),
        col('roundId'),
        col('expertId'),
        col('expertKind'),
        col('universityId'),
        col('collegeId'),
        col('discipline'),
        col('projectId'),
        col('districtId'),
        col('issueType'),
        col('weight'),
        rows.map((r) => JSON.stringify(r.explanation)),
        col('origin'),
        col('status'),
        col('revision'),
        col('deadline'),
        col('proposedAt'),
        col('decidedAt'),
        col('declineReason'),
        col('declineNote'),
        rows.map((r) => r.leadUniversityId ?? null),
        rows.map((r) => r.placedBy ?? 'engine'),
      ],
    );
  }

  /** One assignment, locked for update inside the caller's transaction. */
  async lockById(m: EntityManager, id: string): Promise<AssignmentRow | undefined> {
    const rows: AssignmentRow[] = await m.query(`SELECT ${ASSIGNMENT_COLUMNS} FROM assignment WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0];
  }

  /** Every assignment of one project in a round, locked for update in id order (so two answers never deadlock). */
  async lockProjectOfRound(m: EntityManager, roundId: string, projectId: string): Promise<AssignmentRow[]> {
    return m.query(`SELECT ${ASSIGNMENT_COLUMNS} FROM assignment WHERE round_id = $1 AND project_id = $2 ORDER BY id FOR UPDATE`, [roundId, projectId]);
  }

  async findById(m: EntityManager, id: string): Promise<AssignmentRow | undefined> {
    const rows: AssignmentRow[] = await m.query(`SELECT ${ASSIGNMENT_COLUMNS} FROM assignment WHERE id = $1`, [id]);
    return rows[0];
  }

  /** Applies a decision's change and returns the new row (revision + 1). */
  async applyChange(
    m: EntityManager,
    id: string,
    change: { status: string; declineReason: string | null; declineNote: string | null },
    now: Date,
  ): Promise<AssignmentRow> {
    const rows = updatedRows<AssignmentRow>(await m.query(
      `UPDATE assignment SET status = $2, decline_reason = $3, decline_note = $4, decided_at = $5, revision = revision + 1
       WHERE id = $1 RETURNING ${ASSIGNMENT_COLUMNS}`,
      [id, change.status, change.declineReason, change.declineNote, now],
    ));
    return rows[0];
  }

  /** Per project and kind, the active (proposed or accepted) assignments and their weight. */
  async activeCounts(m: EntityManager, roundId: string): Promise<ActiveSlotCount[]> {
    const rows: Array<{ project_id: string; kind: ExpertKind; n: number; w: string }> = await m.query(
      `SELECT project_id, kind, count(*)::int AS n, sum(weight)::bigint AS w FROM assignment
       WHERE round_id = $1 AND status IN ('proposed', 'accepted') GROUP BY project_id, kind`,
      [roundId],
    );
    return rows.map((r) => ({ projectId: r.project_id, kind: r.kind, count: r.n, weight: Number(r.w) }));
  }

  /**
   * The active (proposed or accepted) assignments of every round but `roundId`: what a round takes as given. With
   * `of`, only those of these experts or projects.
   */
  async activeElsewhere(m: EntityManager, roundId: string, of?: { expertIds: readonly string[]; projectIds: readonly string[] }): Promise<ActivePair[]> {
    return m.query(
      `SELECT expert_id AS "expertId", project_id AS "projectId", kind FROM assignment
       WHERE round_id <> $1 AND status IN ('proposed', 'accepted') AND ($2::text[] IS NULL OR expert_id = ANY($2) OR project_id = ANY($3))`,
      [roundId, of?.expertIds ?? null, of?.projectIds ?? null],
    );
  }

  /** Counts by status; `total` is every assignment ever proposed in the round. */
  async statusCounts(m: EntityManager, roundId: string): Promise<AssignmentCountsV1> {
    const [r] = await m.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE status = 'proposed')::int AS proposed,
              count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
              count(*) FILTER (WHERE status = 'declined')::int AS declined,
              count(*) FILTER (WHERE status = 'expired')::int AS expired,
              count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn
       FROM assignment WHERE round_id = $1`,
      [roundId],
    );
    return r;
  }

  /** Every assignment of a round, optionally of some statuses. */
  async ofRound(m: EntityManager, roundId: string, statuses?: readonly string[]): Promise<AssignmentRow[]> {
    return m.query(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM assignment WHERE round_id = $1 AND ($2::text[] IS NULL OR status = ANY($2)) ORDER BY id`,
      [roundId, statuses?.length ? statuses : null],
    );
  }
}

