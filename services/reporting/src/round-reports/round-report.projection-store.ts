import { Injectable } from '@nestjs/common';
import type {
  AssignmentSnapshotV1,
  DraftAssignmentV1,
  RoundCancelledV1,
  RoundCompletedV1,
  RoundDraftedV1,
  RoundEditedV1,
  RoundExpertGroupV1,
  RoundFailedV1,
  RoundProjectV1,
  RoundPublishedV1,
  RoundRematchedV1,
  RoundStartedV1,
  RoundWithdrawnV1,
} from '@civic/contracts';
import { newestPerKey } from '@civic/messaging';
import type { EntityManager } from 'typeorm';

/**
 * The write side of the round reports: one method per event type, each applying its event to reporting's tables
 * inside the consumer's transaction (`m`). Every event carries a revision: a row changes only when the event is newer
 * than what it holds, so redelivered or reordered events leave the tables as they were. Rosters (projects, expert
 * groups) arrive once, with round.completed or round.drafted. A new event type gets its method here and its handler in
 * RoundReportEventsController.
 */
@Injectable()
export class RoundReportProjectionStore {
  /** round.started: the round's scope, strategy and options; status running. */
  async started(m: EntityManager, p: RoundStartedV1['payload']): Promise<void> {
    await m.query(
      `INSERT INTO report_round (round_id, scope_key, district_ids, strategy, dry_run, options, status, started_at, revision)
       VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, $8)
       ON CONFLICT (round_id) DO UPDATE SET scope_key = EXCLUDED.scope_key, district_ids = EXCLUDED.district_ids, strategy = EXCLUDED.strategy,
         dry_run = EXCLUDED.dry_run, options = EXCLUDED.options, started_at = EXCLUDED.started_at`,
      [p.roundId, p.scope.key, p.scope.districtIds, p.strategy, p.dryRun, JSON.stringify(p.options), p.startedAt, p.revision],
    );
  }

  /** round.completed: what the solve declared, its teams and certificate, and the round's rosters. */
  async completed(m: EntityManager, p: RoundCompletedV1['payload']): Promise<void> {
    await m.query(
      `INSERT INTO report_round (round_id, scope_key, district_ids, strategy, dry_run, options, status, completed_at,
         initial_objective, initial_figures, objective, figures, underfilled, timings, revision, teams, certificate)
       VALUES ($1, $2, $3, $4, $5, $6, 'completed', $7, $8, $9, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (round_id) DO UPDATE SET scope_key = EXCLUDED.scope_key, district_ids = EXCLUDED.district_ids,
         strategy = EXCLUDED.strategy, dry_run = EXCLUDED.dry_run, options = EXCLUDED.options,
         completed_at = EXCLUDED.completed_at, initial_objective = EXCLUDED.initial_objective,
         initial_figures = EXCLUDED.initial_figures, timings = EXCLUDED.timings,
         status = CASE WHEN report_round.status IN ('failed', 'cancelled', 'withdrawn') THEN report_round.status ELSE 'completed' END,
         objective = CASE WHEN report_round.revision < EXCLUDED.revision THEN EXCLUDED.objective ELSE report_round.objective END,
         figures = CASE WHEN report_round.revision < EXCLUDED.revision THEN EXCLUDED.figures ELSE report_round.figures END,
         underfilled = CASE WHEN report_round.revision < EXCLUDED.revision THEN EXCLUDED.underfilled ELSE report_round.underfilled END,
         teams = CASE WHEN report_round.revision < EXCLUDED.revision OR report_round.teams IS NULL THEN EXCLUDED.teams ELSE report_round.teams END,
         certificate = CASE WHEN report_round.revision < EXCLUDED.revision THEN EXCLUDED.certificate ELSE report_round.certificate END,
         revision = greatest(report_round.revision, EXCLUDED.revision)`,
      [
        p.roundId,
        p.scope.key,
        p.scope.districtIds,
        p.strategy,
        p.dryRun,
        JSON.stringify(p.options),
        p.completedAt,
        JSON.stringify(p.objective),
        JSON.stringify(p.figures),
        JSON.stringify(p.underfilled),
        JSON.stringify(p.timings),
        p.revision,
        JSON.stringify(p.teams ?? []),
        p.certificate ? JSON.stringify(p.certificate) : null,
      ],
    );
    await this.rosters(m, p.roundId, p.projects, p.expertGroups);
  }

  /** round.rematched: the figures after a re-match (newer revisions only), one more re-match counted. */
  async rematched(m: EntityManager, p: RoundRematchedV1['payload']): Promise<void> {
    await m.query(
      `INSERT INTO report_round (round_id, status, objective, figures, underfilled, rematches, revision, teams, certificate)
       VALUES ($1, 'completed', $2, $3, $4, 1, $5, $6, $7)
       ON CONFLICT (round_id) DO UPDATE SET rematches = report_round.rematches + 1,
         objective = CASE WHEN report_round.revision < EXCLUDED.revision THEN EXCLUDED.objective ELSE report_round.objective END,
         figures = CASE WHEN report_round.revision < EXCLUDED.revision THEN EXCLUDED.figures ELSE report_round.figures END,
         underfilled = CASE WHEN report_round.revision < EXCLUDED.revision THEN EXCLUDED.underfilled ELSE report_round.underfilled END,
         teams = CASE WHEN report_round.revision < EXCLUDED.revision AND EXCLUDED.teams IS NOT NULL THEN EXCLUDED.teams ELSE report_round.teams END,
         certificate = CASE WHEN report_round.revision < EXCLUDED.revision THEN EXCLUDED.certificate ELSE report_round.certificate END,
         revision = greatest(report_round.revision, EXCLUDED.revision)`,
      [p.roundId, JSON.stringify(p.objective), JSON.stringify(p.figures), JSON.stringify(p.underfilled), p.revision, p.teams ? JSON.stringify(p.teams) : null, p.certificate ? JSON.stringify(p.certificate) : null],
    );
  }

  /** round.failed: status failed with the phase and reason. */
  async failed(m: EntityManager, p: RoundFailedV1['payload']): Promise<void> {
    await m.query(
      `INSERT INTO report_round (round_id, scope_key, district_ids, strategy, dry_run, status, failed_at, failure, revision)
       VALUES ($1, $2, $3, $4, $5, 'failed', $6, $7, $8)
       ON CONFLICT (round_id) DO UPDATE SET status = 'failed', failed_at = EXCLUDED.failed_at, failure = EXCLUDED.failure,
         revision = greatest(report_round.revision, EXCLUDED.revision)`,
      [p.roundId, p.scope.key, p.scope.districtIds, p.strategy, p.dryRun, p.failedAt, JSON.stringify({ phase: p.phase, reason: p.reason }), p.revision],
    );
  }

  /** round.drafted: its declared figures, rosters and assignments; nothing is proposed, so no assignment events follow. */
  async drafted(m: EntityManager, p: RoundDraftedV1['payload']): Promise<void> {
    const applied: unknown[] = await m.query(
      `INSERT INTO report_round (round_id, scope_key, district_ids, strategy, dry_run, options, status, completed_at,
         initial_objective, initial_figures, objective, figures, underfilled, timings, revision, teams, certificate)
       VALUES ($1, $2, $3, $4, false, $5, 'draft', $6, $7, $8, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (round_id) DO UPDATE SET scope_key = EXCLUDED.scope_key, district_ids = EXCLUDED.district_ids, strategy = EXCLUDED.strategy,
         dry_run = false, options = EXCLUDED.options, completed_at = EXCLUDED.completed_at, initial_objective = EXCLUDED.initial_objective,
         initial_figures = EXCLUDED.initial_figures, timings = EXCLUDED.timings,
         status = CASE WHEN report_round.status = 'running' THEN 'draft' ELSE report_round.status END,
         objective = EXCLUDED.objective, figures = EXCLUDED.figures, underfilled = EXCLUDED.underfilled, teams = EXCLUDED.teams,
         certificate = EXCLUDED.certificate, revision = EXCLUDED.revision
       WHERE report_round.revision < EXCLUDED.revision RETURNING round_id`,
      [
        p.roundId,
        p.scope.key,
        p.scope.districtIds,
        p.strategy,
        JSON.stringify(p.options),
        p.draftedAt,
        JSON.stringify(p.objective),
        JSON.stringify(p.figures),
        JSON.stringify(p.underfilled),
        JSON.stringify(p.timings),
        p.revision,
        JSON.stringify(p.teams),
        p.certificate ? JSON.stringify(p.certificate) : null,
      ],
    );
    await this.rosters(m, p.roundId, p.projects, p.expertGroups);
    if (applied.length) await this.replaceDraft(m, p.roundId, p.assignments);
  }

  /** round.edited: the draft's figures and assignments as they are after the edit (older edits never overwrite newer). */
  async edited(m: EntityManager, p: RoundEditedV1['payload']): Promise<void> {
    const applied: unknown[] = await m.query(
      `UPDATE report_round SET objective = $2, figures = $3, underfilled = $4, teams = $5, certificate = $6, revision = $7, edits = edits + 1
       WHERE round_id = $1 AND revision < $7 RETURNING round_id`,
      [p.roundId, JSON.stringify(p.objective), JSON.stringify(p.figures), JSON.stringify(p.underfilled), JSON.stringify(p.teams), p.certificate ? JSON.stringify(p.certificate) : null, p.revision],
    );
    if (applied.length) await this.replaceDraft(m, p.roundId, p.assignments);
  }

  /** round.published: who and when; its proposals arrive as assignment events, its figures with the round.completed that follows. */
  async published(m: EntityManager, p: RoundPublishedV1['payload']): Promise<void> {
    await m.query(`UPDATE report_round SET published_at = $2, published_by = $3 WHERE round_id = $1`, [p.roundId, p.publishedAt, p.publishedBy]);
    await m.query(`DELETE FROM report_draft_assignment WHERE round_id = $1`, [p.roundId]);
  }

  /** round.cancelled: status cancelled, who and why. */
  async cancelled(m: EntityManager, p: RoundCancelledV1['payload']): Promise<void> {
    await m.query(
      `INSERT INTO report_round (round_id, scope_key, district_ids, strategy, dry_run, status, ended_at, ended_by, end_reason, revision)
       VALUES ($1, $2, $3, $4, $5, 'cancelled', $6, $7, $8, $9)
       ON CONFLICT (round_id) DO UPDATE SET status = 'cancelled', ended_at = EXCLUDED.ended_at, ended_by = EXCLUDED.ended_by,
         end_reason = EXCLUDED.end_reason, revision = greatest(report_round.revision, EXCLUDED.revision)`,
      [p.roundId, p.scope.key, p.scope.districtIds, p.strategy, p.dryRun, p.cancelledAt, p.cancelledBy, p.reason, p.revision],
    );
  }

  /** round.withdrawn: the round's figures after it (its assignment.withdrawn events update the assignments). */
  async withdrawn(m: EntityManager, p: RoundWithdrawnV1['payload']): Promise<void> {
    await m.query(
      `UPDATE report_round SET status = 'withdrawn', ended_at = $2, ended_by = $3, end_reason = $4,
         figures = CASE WHEN revision < $6 THEN $5 ELSE figures END, revision = greatest(revision, $6)
       WHERE round_id = $1`,
      [p.roundId, p.withdrawnAt, p.withdrawnBy, p.reason, JSON.stringify(p.figures), p.revision],
    );
  }

  /**
   * assignment.*: keeps the highest revision of each assignment, one statement for all of a consumer transaction's
   * events (a property, so EventContext.defer groups them by this one function).
   */
  readonly assignments = async (m: EntityManager, all: AssignmentSnapshotV1[]): Promise<void> => {
    const rows = newestPerKey(all, (a) => a.assignmentId, (a) => a.revision).map((a) => ({
      assignment_id: a.assignmentId,
      round_id: a.roundId,
      expert_id: a.expertId,
      kind: a.expertKind,
      university_id: a.universityId,
      college_id: a.collegeId,
      discipline: a.discipline,
      project_id: a.projectId,
      district_id: a.districtId,
      issue_type: a.issueType,
      weight: a.weight,
      matched_issue_type: a.explanation.issueType,
      matched_discipline: a.explanation.discipline,
      origin: a.origin,
      status: a.status,
      decline_reason: a.declineReason,
      deadline: a.deadline,
      proposed_at: a.proposedAt,
      decided_at: a.decidedAt,
      revision: a.revision,
      lead_university_id: a.leadUniversityId ?? null,
      placed_by: a.placedBy ?? 'engine',
      withdraw_reason: a.withdrawReason ?? null,
    }));
    await m.query(
      `INSERT INTO report_assignment (assignment_id, round_id, expert_id, kind, university_id, college_id, discipline, project_id, district_id,
         issue_type, weight, matched_issue_type, matched_discipline, origin, status, decline_reason, deadline, proposed_at, decided_at, revision,
         lead_university_id, placed_by, withdraw_reason)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS a(assignment_id uuid, round_id uuid, expert_id text, kind text, university_id text,
         college_id text, discipline text, project_id text, district_id text, issue_type text, weight int, matched_issue_type text,
         matched_discipline text, origin text, status text, decline_reason text, deadline timestamptz, proposed_at timestamptz,
         decided_at timestamptz, revision int, lead_university_id text, placed_by text, withdraw_reason text)
       ON CONFLICT (assignment_id) DO UPDATE SET status = EXCLUDED.status, decline_reason = EXCLUDED.decline_reason,
         decided_at = EXCLUDED.decided_at, deadline = EXCLUDED.deadline, revision = EXCLUDED.revision, withdraw_reason = EXCLUDED.withdraw_reason
       WHERE report_assignment.revision < EXCLUDED.revision`,
      [JSON.stringify(rows)],
    );
  };

  /** The rosters coverage is measured against; they arrive once (with round.completed or round.drafted). */
  private async rosters(m: EntityManager, roundId: string, projects: readonly RoundProjectV1[], expertGroups: readonly RoundExpertGroupV1[]): Promise<void> {
    if (projects.length) {
      await m.query(
        `INSERT INTO report_round_project (round_id, project_id, district_id, issue_type, teacher_min, teacher_max, student_min, student_max)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[]) ON CONFLICT DO NOTHING`,
        [
          roundId,
          projects.map((x) => x.projectId),
          projects.map((x) => x.districtId),
          projects.map((x) => x.issueType),
          projects.map((x) => x.slots.teacher.min),
          projects.map((x) => x.slots.teacher.max),
          projects.map((x) => x.slots.student.min),
          projects.map((x) => x.slots.student.max),
        ],
      );
    }
    if (expertGroups.length) {
      await m.query(
        `INSERT INTO report_round_experts (round_id, university_id, discipline, kind, experts, capacity)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[]) ON CONFLICT DO NOTHING`,
        [
          roundId,
          expertGroups.map((g) => g.universityId),
          expertGroups.map((g) => g.discipline),
          expertGroups.map((g) => g.kind),
          expertGroups.map((g) => g.experts),
          expertGroups.map((g) => g.capacity),
        ],
      );
    }
  }

  /** Replaces a draft's assignments with the ones an event lists. */
  private async replaceDraft(m: EntityManager, roundId: string, drafts: readonly DraftAssignmentV1[]): Promise<void> {
    await m.query(`DELETE FROM report_draft_assignment WHERE round_id = $1`, [roundId]);
    if (drafts.length === 0) return;
    await m.query(
      `INSERT INTO report_draft_assignment (round_id, expert_id, project_id, kind, university_id, weight, placed_by)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])`,
      [
        roundId,
        drafts.map((d) => d.expertId),
        drafts.map((d) => d.projectId),
        drafts.map((d) => d.expertKind),
        drafts.map((d) => d.universityId),
        drafts.map((d) => d.weight),
        drafts.map((d) => d.placedBy),
      ],
    );
  }
}
