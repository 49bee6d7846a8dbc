import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MatchingObjective, ResultTeam, RoundCertificateV1, RoundFiguresV1, RoundOptionsV1, RoundUnderfilledSlotV1 } from '@civic/contracts';
import { DataSource } from 'typeorm';
import { leadUniversityFigures } from './lead-universities';
import type {
  ExpertGroupFigures,
  PolicyComparison,
  PolicyResult,
  ProjectGroupFigures,
  RoundReport,
  RoundTotals,
  StrategyComparison,
  StrategyResult,
  TeamRow,
  UnfilledSlotRow,
} from './round-report.types';

/** Project-side groupings and their column. */
const PROJECT_GROUPS = { district: 'district_id', issueType: 'issue_type' } as const;
/** Expert-side groupings and their column. */
const EXPERT_GROUPS = { university: 'university_id', discipline: 'discipline' } as const;

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

interface RoundRow {
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

/** A round's team policy: as its options say, `mixed` for rounds before team policies, null before its options arrived. */
function teamPolicyOf(round: Pick<RoundRow, 'options'>): string | null {
  return round.options ? (round.options.teamPolicy ?? 'mixed') : null;
}

/** SQL of a report_round row's team policy (rounds before team policies: mixed). */
const TEAM_POLICY_SQL = `coalesce(options->>'teamPolicy', 'mixed')`;

/** The SQL behind the round reports: every figure is computed by PostgreSQL from the event-built tables. */
@Injectable()
export class RoundReportQueries {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async rounds(limit: number): Promise<Array<Pick<RoundReport, 'roundId' | 'scope' | 'strategy' | 'dryRun' | 'status' | 'completedAt'>>> {
    const rows: RoundRow[] = await this.db.query(
      `SELECT * FROM report_round ORDER BY coalesce(completed_at, started_at, failed_at) DESC NULLS LAST LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      roundId: r.round_id,
      scope: { key: r.scope_key, districtIds: r.district_ids },
      strategy: r.strategy,
      dryRun: r.dry_run,
      status: r.status,
      completedAt: r.completed_at ? r.completed_at.toISOString() : null,
    }));
  }

  /** The whole report of a round, or undefined when reporting has not heard of it. */
  async report(roundId: string): Promise<RoundReport | undefined> {
    const [round]: RoundRow[] = await this.db.query(`SELECT * FROM report_round WHERE round_id = $1`, [roundId]);
    if (!round) return undefined;
    const draft = round.status === 'draft';
    const [{ n: arrived }] = await this.db.query(
      draft ? `SELECT count(*)::int AS n FROM report_draft_assignment WHERE round_id = $1` : `SELECT count(*)::int AS n FROM report_assignment WHERE round_id = $1`,
      [roundId],
    );
    const announced = round.figures?.assignments.total ?? null;
    const published = round.status === 'completed' || round.status === 'withdrawn';
    const complete = (published || draft) && (round.dry_run === true || (announced !== null && arrived >= announced));
    // Until every announced assignment has arrived the figures would be partial: answer the progress only (cheap to poll).
    // A draft proposes nothing: its figures are the declared ones, its assignments the draft's.
    const derived = round.dry_run === false && complete && !draft;
    const [totals, byDistrict, byIssueType, byUniversity, byDiscipline, declineReasons, unfilled, comparison, policyComparison, teams, placed] = await Promise.all([
      derived ? this.totals(roundId) : Promise.resolve(null),
      derived ? this.projectGroups(roundId, 'district') : Promise.resolve([]),
      derived ? this.projectGroups(roundId, 'issueType') : Promise.resolve([]),
      derived ? this.expertGroups(roundId, 'university') : Promise.resolve([]),
      derived ? this.expertGroups(roundId, 'discipline') : Promise.resolve([]),
      derived ? this.declineReasons(roundId) : Promise.resolve([]),
      derived ? this.unfilled(roundId) : Promise.resolve(round.dry_run ? this.declaredUnfilled(round) : []),
      round.scope_key && complete && !draft ? this.comparison(round.scope_key) : Promise.resolve(null),
      round.scope_key && complete && !draft ? this.policyComparison(round.scope_key) : Promise.resolve(null),
      derived ? this.teams(roundId) : Promise.resolve(round.dry_run && complete ? this.declaredTeams(roundId, round) : []),
      derived ? this.peoplePlaced(roundId) : Promise.resolve(null),
    ]);
    const handPlaced = await this.handPlaced(roundId, draft);
    const teamPolicy = teamPolicyOf(round);
    // A dry run's one-university teams are all of their lead university: its people placed are the distinct members.
    const placedInDryRun = round.dry_run && complete && teamPolicy === 'one-university' ? distinctMembersByLead(round.teams ?? []) : null;
    const byLeadUniversity = derived || (round.dry_run && complete) ? leadUniversityFigures(teams, placed ?? placedInDryRun, round.options?.universityLimits) : [];
    return {
      roundId,
      scope: { key: round.scope_key, districtIds: round.district_ids },
      strategy: round.strategy,
      teamPolicy,
      dryRun: round.dry_run,
      status: round.status,
      startedAt: round.started_at ? round.started_at.toISOString() : null,
      completedAt: round.completed_at ? round.completed_at.toISOString() : null,
      failure: round.failure,
      complete,
      progress: { arrived, announced },
      rematches: round.rematches,
      lifecycle: {
        edits: round.edits,
        publishedAt: round.published_at ? round.published_at.toISOString() : null,
        publishedBy: round.published_by,
        endedAt: round.ended_at ? round.ended_at.toISOString() : null,
        endedBy: round.ended_by,
        endReason: round.end_reason,
      },
      draft: draft ? { assignments: arrived, handPlaced: handPlaced.length } : null,
      handPlaced,
      declared: { objective: round.objective, figures: round.figures, underfilled: round.underfilled ?? [], certificate: round.certificate },
      totals,
      byDistrict,
      byIssueType,
      byUniversity,
      byDiscipline,
      declineReasons,
      unfilled,
      teams,
      byLeadUniversity,
      comparison,
      policyComparison,
    };
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
  private async handPlaced(roundId: string, draft: boolean): Promise<Array<{ expertId: string; projectId: string; status: string }>> {
    return this.db.query(
      draft
        ? `SELECT expert_id AS "expertId", project_id AS "projectId", 'draft' AS status FROM report_draft_assignment WHERE round_id = $1 AND placed_by = 'hand' ORDER BY 1, 2`
        : `SELECT expert_id AS "expertId", project_id AS "projectId", status FROM report_assignment WHERE round_id = $1 AND placed_by = 'hand' ORDER BY 1, 2`,
      [roundId],
    );
  }

  private async totals(roundId: string): Promise<RoundTotals> {
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

  private async projectGroups(roundId: string, by: keyof typeof PROJECT_GROUPS): Promise<ProjectGroupFigures[]> {
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

  private async expertGroups(roundId: string, by: keyof typeof EXPERT_GROUPS): Promise<ExpertGroupFigures[]> {
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

  private async declineReasons(roundId: string): Promise<Array<{ reason: string; count: number }>> {
    return this.db.query(
      `SELECT coalesce(decline_reason, 'expired') AS reason, count(*)::int AS count FROM report_assignment
       WHERE round_id = $1 AND status IN ('declined', 'expired') GROUP BY 1 ORDER BY 2 DESC, 1`,
      [roundId],
    );
  }

  /** Slots below their minimum now, with matching's latest reason, or rematch_pending while a re-match is due. */
  private async unfilled(roundId: string): Promise<UnfilledSlotRow[]> {
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
  private async teams(roundId: string): Promise<TeamRow[]> {
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

  /** A dry run's teams as its round.completed declared them. */
  private async declaredTeams(roundId: string, round: RoundRow): Promise<TeamRow[]> {
    const districts: Array<{ project_id: string; district_id: string }> = await this.db.query(
      `SELECT project_id, district_id FROM report_round_project WHERE round_id = $1`,
      [roundId],
    );
    const districtOf = new Map(districts.map((d) => [d.project_id, d.district_id]));
    return (round.teams ?? []).map((t) => ({
      projectId: t.projectId,
      districtId: districtOf.get(t.projectId) ?? '',
      leadUniversityId: t.universityId,
      universities: t.universities,
      teachers: t.teachers.length,
      students: t.students.length,
      accepted: 0,
      reason: t.reason,
    }));
  }

  /** Per university, its people with at least one active assignment in the round. */
  private async peoplePlaced(roundId: string): Promise<Map<string, number>> {
    const rows: Array<{ university_id: string; n: number }> = await this.db.query(
      `SELECT university_id, count(DISTINCT expert_id)::int AS n FROM report_assignment
       WHERE round_id = $1 AND status IN ('proposed', 'accepted') GROUP BY university_id`,
      [roundId],
    );
    return new Map(rows.map((r) => [r.university_id, r.n]));
  }

  /** The latest completed optimal round of each team policy in the scope; null unless both policies were run. */
  private async policyComparison(scopeKey: string): Promise<PolicyComparison | null> {
    const rows: Array<RoundRow & { team_policy: string }> = await this.db.query(
      `SELECT DISTINCT ON (${TEAM_POLICY_SQL}) *, ${TEAM_POLICY_SQL} AS team_policy FROM report_round
       WHERE scope_key = $1 AND status = 'completed' AND strategy = 'optimal' AND initial_figures IS NOT NULL
       ORDER BY ${TEAM_POLICY_SQL}, completed_at DESC`,
      [scopeKey],
    );
    const of = (policy: string): PolicyResult | undefined => {
      const result = strategyResult(rows.find((r) => r.team_policy === policy));
      return result && { ...result, teamPolicy: policy };
    };
    const mixed = of('mixed');
    const oneUniversity = of('one-university');
    if (!mixed || !oneUniversity) return null;
    return {
      scopeKey,
      mixed,
      oneUniversity,
      priceOfPolicy: { coverage: mixed.coverage - oneUniversity.coverage, weight: mixed.weight - oneUniversity.weight },
    };
  }

  private declaredUnfilled(round: RoundRow): UnfilledSlotRow[] {
    return (round.underfilled ?? []).map((u) => ({
      projectId: u.projectId,
      districtId: '',
      issueType: '',
      kind: u.kind,
      min: u.min,
      filled: u.filled,
      missing: u.min - u.filled,
      reason: u.reason,
    }));
  }

  /** The latest completed round of each strategy in the scope; null unless both strategies were run. */
  private async comparison(scopeKey: string): Promise<StrategyComparison | null> {
    const rows: RoundRow[] = await this.db.query(
      `SELECT DISTINCT ON (strategy) * FROM report_round
       WHERE scope_key = $1 AND status = 'completed' AND initial_figures IS NOT NULL AND ${TEAM_POLICY_SQL} = 'mixed'
       ORDER BY strategy, completed_at DESC`,
      [scopeKey],
    );
    const optimal = strategyResult(rows.find((x) => x.strategy === 'optimal'));
    const stable = strategyResult(rows.find((x) => x.strategy === 'stable'));
    if (!optimal || !stable) return null;
    return {
      scopeKey,
      optimal,
      stable,
      priceOfStability: { coverage: optimal.coverage - stable.coverage, weight: optimal.weight - stable.weight },
    };
  }
}

/** What a round.completed declared, for the comparisons; undefined without one. */
function strategyResult(r: RoundRow | undefined): StrategyResult | undefined {
  if (!r || !r.initial_figures || !r.initial_objective) return undefined;
  const f = r.initial_figures;
  return {
    roundId: r.round_id,
    dryRun: r.dry_run === true,
    completedAt: r.completed_at ? r.completed_at.toISOString() : '',
    coverage: r.initial_objective.coverage,
    requiredSlots: f.requiredSlots,
    coverageRatio: f.coverageRatio,
    weight: r.initial_objective.weight,
    assignments: f.assignments.total,
    underfilledSlots: f.underfilledSlots,
    unassignedExperts: f.unassignedExperts,
  };
}

/** Per lead university, the distinct members of the teams it leads. */
function distinctMembersByLead(teams: readonly ResultTeam[]): Map<string, number> {
  const members = new Map<string, Set<string>>();
  for (const t of teams) {
    const set = members.get(t.universityId) ?? new Set<string>();
    for (const id of [...t.teachers, ...t.students]) set.add(id);
    members.set(t.universityId, set);
  }
  return new Map([...members].map(([u, set]) => [u, set.size]));
}

/** A ratio with four decimals (as matching publishes them); `empty` when the denominator is 0. */
export function ratio(num: number, den: number, empty: number): number {
  return den === 0 ? empty : Math.round((num / den) * 10_000) / 10_000;
}
