import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ASSIGNMENT_EVENTS, AssignmentEventV1, AssignmentSnapshotV1, ROUND_EVENTS, RoundCompletedV1, RoundFailedV1, RoundRematchedV1, RoundStartedV1 } from '@civic/contracts';
import { EventContext, newestPerKey } from '@civic/messaging';
import type { EntityManager } from 'typeorm';

/**
 * Builds reporting's per-round read models from matching's events alone (never from its database). Every event
 * carries a revision: a row changes only when the event is newer than what it holds, so redelivered or reordered
 * events leave the tables as they were. Rosters (projects, expert groups) arrive once, with round.completed.
 */
@Controller()
export class RoundReportEventsController {
  @EventPattern(ROUND_EVENTS.started)
  async onStarted(@Payload() e: RoundStartedV1, @Ctx() ctx: EventContext): Promise<void> {
    const p = e.payload;
    await ctx.manager.query(
      `INSERT INTO report_round (round_id, scope_key, district_ids, strategy, dry_run, options, status, started_at, revision)
       VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, $8)
       ON CONFLICT (round_id) DO UPDATE SET scope_key = EXCLUDED.scope_key, district_ids = EXCLUDED.district_ids, strategy = EXCLUDED.strategy,
         dry_run = EXCLUDED.dry_run, options = EXCLUDED.options, started_at = EXCLUDED.started_at`,
      [p.roundId, p.scope.key, p.scope.districtIds, p.strategy, p.dryRun, JSON.stringify(p.options), p.startedAt, p.revision],
    );
  }

  @EventPattern(ROUND_EVENTS.completed)
  async onCompleted(@Payload() e: RoundCompletedV1, @Ctx() ctx: EventContext): Promise<void> {
    const p = e.payload;
    const m = ctx.manager;
    await m.query(
      `INSERT INTO report_round (round_id, scope_key, district_ids, strategy, dry_run, options, status, completed_at,
         initial_objective, initial_figures, objective, figures, underfilled, timings, revision, teams, certificate)
       VALUES ($1, $2, $3, $4, $5, $6, 'completed', $7, $8, $9, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (round_id) DO UPDATE SET scope_key = EXCLUDED.scope_key, district_ids = EXCLUDED.district_ids,
         strategy = EXCLUDED.strategy, dry_run = EXCLUDED.dry_run, options = EXCLUDED.options,
         completed_at = EXCLUDED.completed_at, initial_objective = EXCLUDED.initial_objective,
         initial_figures = EXCLUDED.initial_figures, timings = EXCLUDED.timings,
         status = CASE WHEN report_round.status = 'failed' THEN report_round.status ELSE 'completed' END,
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
    if (p.projects.length) {
      await m.query(
        `INSERT INTO report_round_project (round_id, project_id, district_id, issue_type, teacher_min, teacher_max, student_min, student_max)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[]) ON CONFLICT DO NOTHING`,
        [
          p.roundId,
          p.projects.map((x) => x.projectId),
          p.projects.map((x) => x.districtId),
          p.projects.map((x) => x.issueType),
          p.projects.map((x) => x.slots.teacher.min),
          p.projects.map((x) => x.slots.teacher.max),
          p.projects.map((x) => x.slots.student.min),
          p.projects.map((x) => x.slots.student.max),
        ],
      );
    }
    if (p.expertGroups.length) {
      await m.query(
        `INSERT INTO report_round_experts (round_id, university_id, discipline, kind, experts, capacity)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[]) ON CONFLICT DO NOTHING`,
        [
          p.roundId,
          p.expertGroups.map((g) => g.universityId),
          p.expertGroups.map((g) => g.discipline),
          p.expertGroups.map((g) => g.kind),
          p.expertGroups.map((g) => g.experts),
          p.expertGroups.map((g) => g.capacity),
        ],
      );
    }
  }

  @EventPattern(ROUND_EVENTS.rematched)
  async onRematched(@Payload() e: RoundRematchedV1, @Ctx() ctx: EventContext): Promise<void> {
    const p = e.payload;
    await ctx.manager.query(
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

  @EventPattern(ROUND_EVENTS.failed)
  async onFailed(@Payload() e: RoundFailedV1, @Ctx() ctx: EventContext): Promise<void> {
    const p = e.payload;
    await ctx.manager.query(
      `INSERT INTO report_round (round_id, scope_key, district_ids, strategy, dry_run, status, failed_at, failure, revision)
       VALUES ($1, $2, $3, $4, $5, 'failed', $6, $7, $8)
       ON CONFLICT (round_id) DO UPDATE SET status = 'failed', failed_at = EXCLUDED.failed_at, failure = EXCLUDED.failure,
         revision = greatest(report_round.revision, EXCLUDED.revision)`,
      [p.roundId, p.scope.key, p.scope.districtIds, p.strategy, p.dryRun, p.failedAt, JSON.stringify({ phase: p.phase, reason: p.reason }), p.revision],
    );
  }

  @EventPattern(Object.values(ASSIGNMENT_EVENTS))
  onAssignment(@Payload() e: AssignmentEventV1, @Ctx() ctx: EventContext): void {
    ctx.defer(upsertAssignments, e.payload);
  }
}

/** Keeps the highest revision of each assignment: one statement for the consumer transaction's events. */
async function upsertAssignments(m: EntityManager, all: AssignmentSnapshotV1[]): Promise<void> {
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
  }));
  await m.query(
    `INSERT INTO report_assignment (assignment_id, round_id, expert_id, kind, university_id, college_id, discipline, project_id, district_id,
       issue_type, weight, matched_issue_type, matched_discipline, origin, status, decline_reason, deadline, proposed_at, decided_at, revision,
       lead_university_id)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS a(assignment_id uuid, round_id uuid, expert_id text, kind text, university_id text,
       college_id text, discipline text, project_id text, district_id text, issue_type text, weight int, matched_issue_type text,
       matched_discipline text, origin text, status text, decline_reason text, deadline timestamptz, proposed_at timestamptz,
       decided_at timestamptz, revision int, lead_university_id text)
     ON CONFLICT (assignment_id) DO UPDATE SET status = EXCLUDED.status, decline_reason = EXCLUDED.decline_reason,
       decided_at = EXCLUDED.decided_at, deadline = EXCLUDED.deadline, revision = EXCLUDED.revision
     WHERE report_assignment.revision < EXCLUDED.revision`,
    [JSON.stringify(rows)],
  );
}
