import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  ExpertGroupFigures,
  MatchingObjective,
  ProjectGroupFigures,
  ResultTeam,
  RoundCertificateV1,
  RoundFiguresV1,
  RoundOptionsV1,
  RoundTotals,
  RoundUnderfilledSlotV1,
  TeamRow,
  UnfilledSlotRow,
} from '@civic/contracts';
import type { PageRequest } from '@civic/platform';
import { DataSource } from 'typeorm';
import { ratio } from './ratio';

/** Project-side groupings and their column. */
export const PROJECT_GROUPS = { district: 'district_id', issueType: 'issue_type' } as const;
/** Expert-side groupings and their column. */
export const EXPERT_GROUPS = { university: 'university_id', discipline: 'discipline' } as const;

/** Per (project, kind) of a round: minimum, maximum and active/accepted assignments. */
const SLOTS_CTE = `
  slots AS (
    SELECT p.project_id, p.district_id, p.issue_type, k.kind,
           CASE k.kind WHEN 'teacher' THEN p.teacher_min ELSE p.student_min END AS min,
           CASE k.kind WHEN 'teacher' THEN p.teacher_max ELSE p.student_max END AS max
    FROM report_round_project p CROSS JOIN (VALUES ('teacher'), ('student')) AS k(kind)
    WHERE p.round_id = $1),
  held AS (
    SELECT project_id, kind,
           count(*) FILTER (WHERE status IN ('proposed', 'accepted'))::int AS active,
           count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
           coalesce(sum(weight) FILTER (WHERE status IN ('proposed', 'accepted')), 0)::bigint AS weight
    FROM report_assignment WHERE round_id = $1 GROUP BY project_id, kind),
  filled AS (
    SELECT s.*, coalesce(h.active, 0) AS active, coalesce(h.accepted, 0) AS accepted, coalesce(h.weight, 0) AS weight
    FROM slots s LEFT JOIN held h USING (project_id, kind)),
  per_project AS (
    SELECT project_id, district_id, issue_type, sum(min)::int AS required, sum(least(active, min))::int AS covered,
           sum(max)::int AS max_slots, sum(active)::int AS assigned, sum(accepted)::int AS accepted, sum(weight)::bigint AS weight,
           bool_and(active >= min) AS at_minimum
    FROM filled GROUP BY project_id, district_id, issue_type)`;

/** A report_round row as stored: what the round events declared (see the projection store). */
export interface RoundRow {
  round_id: string;
  scope_key: string | null;
  district_ids: string[] | null;
  strategy: string | null;
  dry_run: boolean | null;
  status: string;
  started_at: Date | null;
  completed_at: Date | null;
  failure: { phase: string; reason: string } | null;
  initial_objective: MatchingObjective | null;
  initial_figures: RoundFiguresV1 | null;
  objective: MatchingObjective | null;
  figures: RoundFiguresV1 | null;
  underfilled: RoundUnderfilledSlotV1[] | null;
  options: RoundOptionsV1 | null;
  teams: ResultTeam[] | null;
  certificate: RoundCertificateV1 | null;
  rematches: number;
  edits: number;
  published_at: Date | null;
  published_by: string | null;
  ended_at: Date | null;
  ended_by: string | null;
  end_reason: string | null;
}

/** SQL of a report_round row's team policy (rounds before team policies: mixed). */
const TEAM_POLICY_SQL = `coalesce(options->>'teamPolicy', 'mixed')`;

/**
 * The read side of the round reports: every query over the tables the projection store builds, and nothing else
 * (the use cases decide what to ask and assemble the answer). Every figure is computed by PostgreSQL.
 */
@Injectable()
export class RoundReportReadStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One page of rounds, newest first (by completion, start or failure). */
  async rounds(at: PageRequest): Promise<RoundRow[]> {
    return this.db.query(
      `SELECT * FROM report_round ORDER BY coalesce(completed_at, started_at, failed_at) DESC NULLS LAST, round_id LIMIT $1 OFFSET $2`,
      [at.pageSize, at.offset],
    );
  }

  /** How many rounds reporting has heard of. */
  async countRounds(): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM report_round`);
    return n;
  }

  /** One round's row, or undefined when reporting has not heard of it. */
  async round(roundId: string): Promise<RoundRow | undefined> {
    const [round]: RoundRow[] = await this.db.query(`SELECT * FROM report_round WHERE round_id = $1`, [roundId]);
    return round;
  }

  /** Whether reporting has heard of the round. */
  async roundExists(roundId: string): Promise<boolean> {
    const [known] = await this.db.query(`SELECT 1 FROM report_round WHERE round_id = $1`, [roundId]);
    return known !== undefined;
  }

  /** Assignments of the round that have arrived here (a draft's: those its latest draft event listed). */
  async arrivedAssignments(roundId: string, draft = false): Promise<number> {
    const [{ n }] = await this.db.query(
      draft ? `SELECT count(*)::int AS n FROM report_draft_assignment WHERE round_id = $1` : `SELECT count(*)::int AS n FROM report_assignment WHERE round_id = $1`,
      [roundId],
    );
    return n;
  }

  /** Every assignment of a round as reporting knows it (for the CSV export). */
  async assignments(roundId: string): Promise<Array<Record<string, unknown>>> {
    return this.db.query(
      `SELECT assignment_id, round_id, expert_id, kind, university_id, college_id, discipline, project_id, lead_university_id, district_id, issue_type,
              weight, matched_issue_type, matched_discipline, origin, status, decline_reason, proposed_at, deadline, decided_at, revision, placed_by, withdraw_reason
       FROM report_assignment WHERE round_id = $1 ORDER BY project_id, kind, expert_id, proposed_at`,
      [roundId],
    );
  }

  /** Assignments an administrator placed by hand: the draft's while it is one, the round's proposals after. */
  async handPlaced(roundId: string, draft: boolean): Promise<Array<{ expertId: string; projectId: string; status: string }>> {
    return this.db.query(
      draft
        ? `SELECT expert_id AS "expertId", project_id AS "projectId", 'draft' AS status FROM report_draft_assignment WHERE round_id = $1 AND placed_by = 'hand' ORDER BY 1, 2`
        : `SELECT expert_id AS "expertId", project_id AS "projectId", status FROM report_assignment WHERE round_id = $1 AND placed_by = 'hand' ORDER BY 1, 2`,
      [roundId],
    );
  }

  async totals(roundId: string): Promise<RoundTotals> {
    const [t] = await this.db.query(
      `WITH ${SLOTS_CTE},
       counts AS (
         SELECT count(*)::int AS total,
                count(*) FILTER (WHERE status = 'proposed')::int AS proposed,
                count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
                count(*) FILTER (WHERE status = 'declined')::int AS declined,
                count(*) FILTER (WHERE status = 'expired')::int AS expired,
                count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn
         FROM report_assignment WHERE round_id = $1)
       SELECT count(*)::int AS projects, count(*) FILTER (WHERE at_minimum)::int AS projects_at_minimum,
              coalesce(sum(required), 0)::int AS required, coalesce(sum(covered), 0)::int AS covered,
              coalesce(sum(max_slots), 0)::int AS max_slots, coalesce(sum(assigned), 0)::int AS assigned,
              coalesce(sum(weight), 0)::bigint AS weight, (SELECT row_to_json(counts) FROM counts) AS counts
       FROM per_project`,
      [roundId],
    );
    const c = t.counts as RoundTotals['assignments'];
    const decided = c.accepted + c.declined + c.expired;
    return {
      projects: t.projects,
      projectsAtMinimum: t.projects_at_minimum,
      requiredSlots: t.required,
      coveredSlots: t.covered,
      coverageRatio: ratio(t.covered, t.required, 1),
      maxSlots: t.max_slots,
      assigned: t.assigned,
      fillRatio: ratio(t.assigned, t.max_slots, 0),
      weight: Number(t.weight),
      assignments: c,
      acceptanceRate: decided ? ratio(c.accepted, decided, 0) : null,
      declineRate: decided ? ratio(c.declined, decided, 0) : null,
      expiryRate: decided ? ratio(c.expired, decided, 0) : null,
    };
  }

  async projectGroups(roundId: string, by: keyof typeof PROJECT_GROUPS): Promise<ProjectGroupFigures[]> {
    const column = PROJECT_GROUPS[by];
    const rows = await this.db.query(
      `WITH ${SLOTS_CTE}
       SELECT ${column} AS key, count(*)::int AS projects, count(*) FILTER (WHERE at_minimum)::int AS at_minimum,
              sum(required)::int AS required, sum(covered)::int AS covered, sum(max_slots)::int AS max_slots,
              sum(assigned)::int AS assigned, sum(accepted)::int AS accepted
       FROM per_project GROUP BY ${column} ORDER BY ${column}`,
      [roundId],
    );
    return rows.map((r: Record<string, number | string>) => ({
      key: String(r.key),
      projects: Number(r.projects),
      projectsAtMinimum: Number(r.at_minimum),
      requiredSlots: Number(r.required),
      coveredSlots: Number(r.covered),
      coverageRatio: ratio(Number(r.covered), Number(r.required), 1),
      maxSlots: Number(r.max_slots),
      assigned: Number(r.assigned),
      fillRatio: ratio(Number(r.assigned), Number(r.max_slots), 0),
      accepted: Number(r.accepted),
    }));
  }

  async expertGroups(roundId: string, by: keyof typeof EXPERT_GROUPS): Promise<ExpertGroupFigures[]> {
    const column = EXPERT_GROUPS[by];
    const rows = await this.db.query(
      `WITH supply AS (
         SELECT ${column} AS key, sum(experts)::int AS experts, sum(capacity)::int AS capacity
         FROM report_round_experts WHERE round_id = $1 GROUP BY ${column}),
       answers AS (
         SELECT ${column} AS key, count(*)::int AS ever,
                count(*) FILTER (WHERE status = 'proposed')::int AS proposed,
                count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
                count(*) FILTER (WHERE status = 'declined')::int AS declined,
                count(*) FILTER (WHERE status = 'expired')::int AS expired
         FROM report_assignment WHERE round_id = $1 GROUP BY ${column})
       SELECT coalesce(s.key, a.key) AS key, coalesce(s.experts, 0) AS experts, coalesce(s.capacity, 0) AS capacity,
              coalesce(a.ever, 0) AS ever, coalesce(a.proposed, 0) AS proposed, coalesce(a.accepted, 0) AS accepted,
              coalesce(a.declined, 0) AS declined, coalesce(a.expired, 0) AS expired
       FROM supply s FULL JOIN answers a ON a.key = s.key ORDER BY 1`,
      [roundId],
    );
    return rows.map((r: Record<string, number | string>) => {
      const accepted = Number(r.accepted);
      const declined = Number(r.declined);
      const decided = accepted + declined + Number(r.expired);
      return {
        key: String(r.key),
        experts: Number(r.experts),
        capacity: Number(r.capacity),
        proposedEver: Number(r.ever),
        proposed: Number(r.proposed),
        accepted,
        declined,
        expired: Number(r.expired),
        fillRatio: ratio(Number(r.proposed) + accepted, Number(r.capacity), 0),
        acceptanceRate: decided ? ratio(accepted, decided, 0) : null,
        declineRate: decided ? ratio(declined, decided, 0) : null,
      };
    });
  }

  async declineReasons(roundId: string): Promise<Array<{ reason: string; count: number }>> {
    return this.db.query(
      `SELECT coalesce(decline_reason, 'expired') AS reason, count(*)::int AS count FROM report_assignment
       WHERE round_id = $1 AND status IN ('declined', 'expired') GROUP BY 1 ORDER BY 2 DESC, 1`,
      [roundId],
    );
  }

  /** Slots below their minimum now, with matching's latest reason, or rematch_pending while a re-match is due. */
  async unfilled(roundId: string): Promise<UnfilledSlotRow[]> {
    const rows = await this.db.query(
      `WITH ${SLOTS_CTE},
       reasons AS (
         SELECT u."projectId" AS project_id, u.kind, u.reason
         FROM report_round r, jsonb_to_recordset(coalesce(r.underfilled, '[]'::jsonb)) AS u("projectId" text, kind text, reason text)
         WHERE r.round_id = $1)
       SELECT f.project_id, f.district_id, f.issue_type, f.kind, f.min, f.active AS filled, f.min - f.active AS missing,
              coalesce(reasons.reason, 'rematch_pending') AS reason
       FROM filled f LEFT JOIN reasons USING (project_id, kind)
       WHERE f.active < f.min ORDER BY f.project_id, f.kind`,
      [roundId],
    );
    return rows.map((r: Record<string, string | number>) => ({
      projectId: String(r.project_id),
      districtId: String(r.district_id),
      issueType: String(r.issue_type),
      kind: String(r.kind),
      min: Number(r.min),
      filled: Number(r.filled),
      missing: Number(r.missing),
      reason: String(r.reason),
    }));
  }

  /**
   * Each project's team: the lead university as the round's latest event declared it, the members as the assignment
   * events say now (active ones; a project whose team has left keeps its row with no members until a re-match).
   */
  async teams(roundId: string): Promise<TeamRow[]> {
    const rows = await this.db.query(
      `WITH declared AS (
         SELECT t."projectId" AS project_id, t."universityId" AS lead, t.reason
         FROM report_round r, jsonb_to_recordset(coalesce(r.teams, '[]'::jsonb)) AS t("projectId" text, "universityId" text, reason text)
         WHERE r.round_id = $1),
       members AS (
         SELECT project_id, array_agg(DISTINCT university_id ORDER BY university_id) AS universities,
                count(*) FILTER (WHERE kind = 'teacher')::int AS teachers, count(*) FILTER (WHERE kind = 'student')::int AS students,
                count(*) FILTER (WHERE status = 'accepted')::int AS accepted
         FROM report_assignment WHERE round_id = $1 AND status IN ('proposed', 'accepted') GROUP BY project_id)
       SELECT d.project_id, p.district_id, d.lead, d.reason, coalesce(m.universities, '{}') AS universities,
              coalesce(m.teachers, 0) AS teachers, coalesce(m.students, 0) AS students, coalesce(m.accepted, 0) AS accepted
       FROM declared d JOIN report_round_project p ON p.round_id = $1 AND p.project_id = d.project_id
       LEFT JOIN members m ON m.project_id = d.project_id ORDER BY d.project_id`,
      [roundId],
    );
    return rows.map((r: Record<string, unknown>) => ({
      projectId: String(r.project_id),
      districtId: String(r.district_id),
      leadUniversityId: String(r.lead),
      universities: r.universities as string[],
      teachers: Number(r.teachers),
      students: Number(r.students),
      accepted: Number(r.accepted),
      reason: String(r.reason),
    }));
  }

  /** The district of each project of the round's roster, by project id. */
  async projectDistricts(roundId: string): Promise<Map<string, string>> {
    const rows: Array<{ project_id: string; district_id: string }> = await this.db.query(
      `SELECT project_id, district_id FROM report_round_project WHERE round_id = $1`,
      [roundId],
    );
    return new Map(rows.map((d) => [d.project_id, d.district_id]));
  }

  /** Per university, its people with at least one active assignment in the round. */
  async peoplePlaced(roundId: string): Promise<Map<string, number>> {
    const rows: Array<{ university_id: string; n: number }> = await this.db.query(
      `SELECT university_id, count(DISTINCT expert_id)::int AS n FROM report_assignment
       WHERE round_id = $1 AND status IN ('proposed', 'accepted') GROUP BY university_id`,
      [roundId],
    );
    return new Map(rows.map((r) => [r.university_id, r.n]));
  }

  /** The latest completed optimal round of each team policy in the scope (those that declared their result). */
  async latestOptimalByTeamPolicy(scopeKey: string): Promise<Array<RoundRow & { team_policy: string }>> {
    return this.db.query(
      `SELECT DISTINCT ON (${TEAM_POLICY_SQL}) *, ${TEAM_POLICY_SQL} AS team_policy FROM report_round
       WHERE scope_key = $1 AND status = 'completed' AND strategy = 'optimal' AND initial_figures IS NOT NULL
       ORDER BY ${TEAM_POLICY_SQL}, completed_at DESC`,
      [scopeKey],
    );
  }

  /** The latest completed round of each strategy in the scope, with mixed teams (those that declared their result). */
  async latestMixedByStrategy(scopeKey: string): Promise<RoundRow[]> {
    return this.db.query(
      `SELECT DISTINCT ON (strategy) * FROM report_round
       WHERE scope_key = $1 AND status = 'completed' AND initial_figures IS NOT NULL AND ${TEAM_POLICY_SQL} = 'mixed'
       ORDER BY strategy, completed_at DESC`,
      [scopeKey],
    );
  }
}
