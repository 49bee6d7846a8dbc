import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AssignmentCountsV1, AssignmentSnapshotV1, AssignmentStatus, DeclineReason, ExpertKind, RoundUniversityDeclineV1 } from '@civic/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { ActiveSlotCount } from './domain/round-figures';
import type { ActivePair } from './domain/to-assignments';
import { updatedRows } from './infrastructure/updated-rows';
import { ASSIGNMENT_COLUMNS, AssignmentRow } from './domain/assignment.record';

/** A coordinator's filter of their university's assignments, read on from a cursor. */
export interface UniversityAssignmentsFilter {
  universityId: string;
  roundId?: string;
  statuses?: readonly AssignmentStatus[];
  kind?: ExpertKind;
  /** Only assignments with a greater id (the previous page's last). */
  after?: string;
  limit: number;
}

/** A university's decline of a whole team, and whether a re-match has answered it yet. */
export type UniversityDecline = RoundUniversityDeclineV1 & { rematched: boolean };

/**
 * SQL of the assignment table and the university declines; callers pass the (transactional) manager to write
 * through, or `manager` outside any transaction.
 */
@Injectable()
export class AssignmentStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The manager outside any transaction. */
  get manager(): EntityManager {
    return this.db.manager;
  }

  /** Runs `work` in one transaction (its manager goes to the stores' other methods). */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** One page of a university's assignments in id order, one row more than `limit` when another page follows. */
  async ofUniversity(f: UniversityAssignmentsFilter): Promise<AssignmentRow[]> {
    return this.db.query(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM assignment
       WHERE university_id = $1 AND ($2::uuid IS NULL OR round_id = $2) AND ($3::text[] IS NULL OR status = ANY($3))
         AND ($4::text IS NULL OR kind = $4) AND ($5::uuid IS NULL OR id > $5)
       ORDER BY id LIMIT $6`,
      [f.universityId, f.roundId ?? null, f.statuses?.length ? f.statuses : null, f.kind ?? null, f.after ?? null, f.limit + 1],
    );
  }

  /**
   * Projects of the districts (all for null) where earlier rounds hold active members of several universities, with
   * those universities (at most five projects).
   */
  async mixedHeldTeams(districtIds: readonly string[] | null): Promise<Array<{ projectId: string; universities: string[] }>> {
    const rows: Array<{ project_id: string; universities: string[] }> = await this.db.query(
      `SELECT a.project_id, array_agg(DISTINCT a.university_id ORDER BY a.university_id) AS universities
       FROM assignment a JOIN project_view p ON p.project_id = a.project_id
       WHERE a.status IN ('proposed', 'accepted') AND p.status = 'active' AND ($1::text[] IS NULL OR p.district_id = ANY($1))
       GROUP BY a.project_id HAVING count(DISTINCT a.university_id) > 1 ORDER BY a.project_id LIMIT 5`,
      [districtIds],
    );
    return rows.map((r) => ({ projectId: r.project_id, universities: r.universities }));
  }

  /** Per university of `universityIds`, on how many active projects of the districts it holds active members. */
  async heldProjectsPerUniversity(districtIds: readonly string[] | null, universityIds: readonly string[]): Promise<Array<{ universityId: string; projects: number }>> {
    const rows: Array<{ university_id: string; projects: number }> = await this.db.query(
      `SELECT a.university_id, count(DISTINCT a.project_id)::int AS projects
       FROM assignment a JOIN project_view p ON p.project_id = a.project_id
       WHERE a.status IN ('proposed', 'accepted') AND p.status = 'active' AND ($1::text[] IS NULL OR p.district_id = ANY($1))
         AND a.university_id = ANY($2)
       GROUP BY a.university_id ORDER BY a.university_id`,
      [districtIds, universityIds],
    );
    return rows.map((r) => ({ universityId: r.university_id, projects: r.projects }));
  }

  /** Ids of the round's declined or expired assignments no re-match has answered yet. */
  async freedOf(m: EntityManager, roundId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await m.query(
      `SELECT id FROM assignment WHERE round_id = $1 AND status IN ('declined', 'expired') AND rematched_at IS NULL`,
      [roundId],
    );
    return rows.map((r) => r.id);
  }

  /** Every university's decline of a whole team in the round, by project and university. */
  async universityDeclines(m: EntityManager, roundId: string): Promise<UniversityDecline[]> {
    const rows: Array<{ project_id: string; university_id: string; reason: DeclineReason; note: string | null; rematched: boolean }> = await m.query(
      `SELECT project_id, university_id, reason, note, rematched_at IS NOT NULL AS rematched FROM university_decline WHERE round_id = $1 ORDER BY project_id, university_id`,
      [roundId],
    );
    return rows.map((r) => ({ projectId: r.project_id, universityId: r.university_id, reason: r.reason, note: r.note, rematched: r.rematched }));
  }

  /** Records a university's decline of its whole team on a project (a re-match gives the project to another university). */
  async recordUniversityDecline(m: EntityManager, roundId: string, d: RoundUniversityDeclineV1, at: Date): Promise<void> {
    await m.query(
      `INSERT INTO university_decline (round_id, project_id, university_id, reason, note, decided_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [roundId, d.projectId, d.universityId, d.reason, d.note, at],
    );
  }

  /**
   * Marks declines and expiries as answered by a re-match, with every open university decline of the round: the freed
   * assignments a re-match refilled, or all of a withdrawn round's (no re-match fills a round that was taken back).
   */
  async markRematched(m: EntityManager, roundId: string, freed: readonly string[] | 'all', now: Date): Promise<void> {
    if (freed === 'all') {
      await m.query(`UPDATE assignment SET rematched_at = $2 WHERE round_id = $1 AND status IN ('declined', 'expired') AND rematched_at IS NULL`, [roundId, now]);
    } else {
      await m.query(`UPDATE assignment SET rematched_at = $2 WHERE id = ANY($1::uuid[])`, [freed, now]);
    }
    await m.query(`UPDATE university_decline SET rematched_at = $2 WHERE round_id = $1 AND rematched_at IS NULL`, [roundId, now]);
  }

  /** Expires up to `limit` proposals past their deadline (skipping rows another replica holds); returns them as they are now. */
  async expireOverdue(m: EntityManager, limit: number): Promise<AssignmentRow[]> {
    return updatedRows<AssignmentRow>(
      await m.query(
        `UPDATE assignment SET status = 'expired', decided_at = now(), revision = revision + 1
         WHERE id IN (SELECT id FROM assignment WHERE status = 'proposed' AND deadline <= now() ORDER BY deadline LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING ${ASSIGNMENT_COLUMNS}`,
        [limit],
      ),
    );
  }

  /** Published rounds with a slot freed more than `olderThanMs` ago that no re-match has answered. */
  async roundsAwaitingRematch(olderThanMs: number): Promise<string[]> {
    const rows: Array<{ round_id: string }> = await this.db.query(
      `SELECT DISTINCT a.round_id FROM assignment a JOIN round r ON r.id = a.round_id
       WHERE a.status IN ('declined', 'expired') AND a.rematched_at IS NULL AND r.status = 'completed'
         AND a.decided_at < now() - make_interval(secs => $1::float8 / 1000)`,
      [olderThanMs],
    );
    return rows.map((r) => r.round_id);
  }

  /** Withdraws a published round's assignments of the given statuses, locked; returns the rows as they are now. */
  async withdrawOfRound(m: EntityManager, roundId: string, statuses: readonly string[], reason: string, now: Date): Promise<AssignmentRow[]> {
    return updatedRows<AssignmentRow>(
      await m.query(
        `UPDATE assignment SET status = 'withdrawn', withdraw_reason = $3, decided_at = $4, revision = revision + 1
         WHERE id IN (SELECT id FROM assignment WHERE round_id = $1 AND status = ANY($2) ORDER BY id FOR UPDATE)
         RETURNING ${ASSIGNMENT_COLUMNS}`,
        [roundId, statuses, reason, now],
      ),
    );
  }

  /** Ids of the round's assignments of one status, in id order. */
  async idsOf(m: EntityManager, roundId: string, status: AssignmentStatus): Promise<string[]> {
    const rows: Array<{ id: string }> = await m.query(`SELECT id FROM assignment WHERE round_id = $1 AND status = $2 ORDER BY id`, [roundId, status]);
    return rows.map((r) => r.id);
  }
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

