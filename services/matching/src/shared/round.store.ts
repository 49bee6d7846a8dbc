import { Injectable } from '@nestjs/common';
import type {
  ExpertKind,
  MatchingInstanceV1,
  RoundFiguresV1,
  RoundPhase,
  RoundExpertGroupV1,
  RoundProjectV1,
  RoundUnderfilledSlotV1,
  MatchingObjective,
  ResultTeam,
  RoundCertificateV1,
  RoundPhaseTimings,
  RoundProgress,
} from '@civic/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PageRequest } from '@civic/platform';
import { DataSource, EntityManager } from 'typeorm';
import { updatedRows } from './infrastructure/updated-rows';
import { AssignmentStore } from './assignment.store';
import { coverageOf, CoverageFigures } from './domain/round-figures';
import { PHASE_START_FRACTION, ROUND_COLUMNS, RoundRecord, RoundRow, toRoundRecord } from './domain/round.record';

/** What a new round row holds. */
export interface NewRound {
  id: string;
  record: Pick<RoundRecord, 'scope' | 'strategy' | 'options' | 'dryRun' | 'publishAtOnce' | 'idempotencyKey' | 'requestHash'>;
  owner: string;
}

/** Live figures of a round: the stored engine figures with the assignment-dependent parts recomputed. */
export interface LiveFigures {
  figures: RoundFiguresV1;
  coverage: CoverageFigures;
}

/**
 * SQL of the round tables; callers pass the manager: one from `transaction` where they write several things, else
 * `manager` (outside any transaction).
 */
@Injectable()
export class RoundStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly assignments: AssignmentStore,
  ) {}

  /** The manager outside any transaction. */
  get manager(): EntityManager {
    return this.db.manager;
  }

  /** Runs `work` in one transaction (its manager goes to the stores' other methods). */
  transaction<T>(work: (m: EntityManager) => Promise<T>, isolation?: 'REPEATABLE READ'): Promise<T> {
    return isolation ? this.db.transaction(isolation, work) : this.db.transaction(work);
  }

  async insertRunning(m: EntityManager, n: NewRound): Promise<RoundRecord> {
    const progress: RoundProgress = { phase: 'snapshot', fraction: 0, phaseStartedAt: new Date().toISOString() };
    const rows: RoundRow[] = await m.query(
      `INSERT INTO round (id, scope_key, district_ids, strategy, options, dry_run, status, phase, progress, idempotency_key, request_hash, owner, publish_at_once)
       VALUES ($1, $2, $3, $4, $5, $6, 'running', 'snapshot', $7, $8, $9, $10, $11) RETURNING ${ROUND_COLUMNS}`,
      [
        n.id,
        n.record.scope.key,
        n.record.scope.districtIds,
        n.record.strategy,
        JSON.stringify(n.record.options),
        n.record.dryRun,
        JSON.stringify(progress),
        n.record.idempotencyKey,
        n.record.requestHash,
        n.owner,
        n.record.publishAtOnce,
      ],
    );
    return toRoundRecord(rows[0]);
  }

  async findById(m: EntityManager, id: string, lock = false): Promise<RoundRecord | undefined> {
    const rows: RoundRow[] = await m.query(`SELECT ${ROUND_COLUMNS} FROM round WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] && toRoundRecord(rows[0]);
  }

  async findByIdempotencyKey(m: EntityManager, key: string): Promise<RoundRecord | undefined> {
    const rows: RoundRow[] = await m.query(`SELECT ${ROUND_COLUMNS} FROM round WHERE idempotency_key = $1`, [key]);
    return rows[0] && toRoundRecord(rows[0]);
  }

  async findLive(m: EntityManager, scopeKey: string): Promise<RoundRecord | undefined> {
    const rows: RoundRow[] = await m.query(`SELECT ${ROUND_COLUMNS} FROM round WHERE scope_key = $1 AND status = 'running'`, [scopeKey]);
    return rows[0] && toRoundRecord(rows[0]);
  }

  /** One page of the rounds, newest first, and how many there are over all pages. */
  async page(at: PageRequest): Promise<{ rounds: RoundRecord[]; total: number }> {
    const [rows, [{ total }]]: [RoundRow[], Array<{ total: number }>] = await Promise.all([
      this.db.query(`SELECT ${ROUND_COLUMNS} FROM round ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`, [at.pageSize, at.offset]),
      this.db.query(`SELECT count(*)::int AS total FROM round`),
    ]);
    return { rounds: rows.map(toRoundRecord), total };
  }

  /** Moves a running round to `phase` and beats its heartbeat. */
  async setPhase(m: EntityManager, id: string, phase: RoundPhase, detail?: Record<string, number>): Promise<void> {
    const progress: RoundProgress = { phase, fraction: PHASE_START_FRACTION[phase], phaseStartedAt: new Date().toISOString(), ...(detail ? { detail } : {}) };
    // Only while running: a round cancelled meanwhile keeps the phase it was cancelled in.
    await m.query(`UPDATE round SET phase = $2, progress = $3, heartbeat_at = now() WHERE id = $1 AND status = 'running'`, [id, phase, JSON.stringify(progress)]);
  }

  /** Updates the progress within the current phase. */
  async setProgress(m: EntityManager, id: string, fraction: number, detail: Record<string, number>): Promise<void> {
    await m.query(
      `UPDATE round SET progress = progress || jsonb_build_object('fraction', $2::float8, 'detail', $3::jsonb), heartbeat_at = now() WHERE id = $1`,
      [id, fraction, JSON.stringify(detail)],
    );
  }

  async heartbeat(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE round SET heartbeat_at = now() WHERE id = $1`, [id]);
  }

  /** Beats the heartbeat of these rounds while they run. */
  async beat(ids: readonly string[]): Promise<void> {
    await this.db.query(`UPDATE round SET heartbeat_at = now() WHERE id = ANY($1::uuid[]) AND status = 'running'`, [ids]);
  }

  /** Running rounds of other owners than `owner` whose heartbeat is older than `staleMs`. */
  async silentRunning(staleMs: number, owner: string): Promise<RoundRecord[]> {
    const rows: RoundRow[] = await this.db.query(
      `SELECT ${ROUND_COLUMNS} FROM round
       WHERE status = 'running' AND owner <> $2 AND heartbeat_at < now() - make_interval(secs => $1::float8 / 1000)`,
      [staleMs, owner],
    );
    return rows.map(toRoundRecord);
  }

  /** Running rounds whose owner starts with `ownerPrefix` but is not `owner` (an earlier process of the same instance). */
  async runningOfOthers(ownerPrefix: string, owner: string): Promise<RoundRecord[]> {
    const rows: RoundRow[] = await this.db.query(
      `SELECT ${ROUND_COLUMNS} FROM round WHERE status = 'running' AND left(owner, length($1)) = $1 AND owner <> $2`,
      [ownerPrefix, owner],
    );
    return rows.map(toRoundRecord);
  }

  /** Keeps the round's input: the instance (as its JSON text, written as it is) and the rosters. */
  async saveSnapshot(m: EntityManager, id: string, instanceJson: string, projects: readonly RoundProjectV1[], expertGroups: readonly RoundExpertGroupV1[] = []): Promise<void> {
    await m.query(`INSERT INTO round_input (round_id, instance, expert_groups) VALUES ($1, $2, $3)`, [id, instanceJson, JSON.stringify(expertGroups)]);
    if (projects.length === 0) return;
    await m.query(
      `INSERT INTO round_project (round_id, project_id, district_id, issue_type, teacher_min, teacher_max, student_min, student_max)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[])`,
      [
        id,
        projects.map((p) => p.projectId),
        projects.map((p) => p.districtId),
        projects.map((p) => p.issueType),
        projects.map((p) => p.slots.teacher.min),
        projects.map((p) => p.slots.teacher.max),
        projects.map((p) => p.slots.student.min),
        projects.map((p) => p.slots.student.max),
      ],
    );
  }

  async loadInstance(m: EntityManager, id: string): Promise<MatchingInstanceV1 | undefined> {
    const rows: Array<{ instance: MatchingInstanceV1 }> = await m.query(`SELECT instance FROM round_input WHERE round_id = $1`, [id]);
    return rows[0]?.instance;
  }

  async loadProjects(m: EntityManager, id: string): Promise<RoundProjectV1[]> {
    const rows: Array<Record<string, string | number>> = await m.query(
      `SELECT project_id, district_id, issue_type, teacher_min, teacher_max, student_min, student_max FROM round_project WHERE round_id = $1 ORDER BY project_id`,
      [id],
    );
    return rows.map((r) => ({
      projectId: String(r.project_id),
      districtId: String(r.district_id),
      issueType: String(r.issue_type),
      slots: { teacher: { min: Number(r.teacher_min), max: Number(r.teacher_max) }, student: { min: Number(r.student_min), max: Number(r.student_max) } },
    }));
  }

  /** Per project and kind, a draft's assignments and their weight. */
  async draftCounts(m: EntityManager, roundId: string): Promise<Array<{ projectId: string; kind: ExpertKind; count: number; weight: number }>> {
    const rows: Array<{ project_id: string; kind: ExpertKind; n: number; w: string }> = await m.query(
      `SELECT project_id, kind, count(*)::int AS n, sum(weight)::bigint AS w FROM draft_assignment WHERE round_id = $1 GROUP BY project_id, kind`,
      [roundId],
    );
    return rows.map((r) => ({ projectId: r.project_id, kind: r.kind, count: r.n, weight: Number(r.w) }));
  }

  /** Replaces the round's teams (after a solve or a re-match): one row per project with a member. */
  async saveTeams(m: EntityManager, id: string, teams: readonly ResultTeam[]): Promise<void> {
    await m.query(`DELETE FROM round_team WHERE round_id = $1`, [id]);
    if (teams.length === 0) return;
    await m.query(
      `INSERT INTO round_team (round_id, project_id, university_id, team) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::jsonb[])`,
      [id, teams.map((t) => t.projectId), teams.map((t) => t.universityId), teams.map((t) => JSON.stringify(t))],
    );
  }

  /** The round's teams as of its last solve or re-match, by project id. */
  async loadTeams(m: EntityManager, id: string): Promise<ResultTeam[]> {
    const rows: Array<{ team: ResultTeam }> = await m.query(`SELECT team FROM round_team WHERE round_id = $1 ORDER BY project_id`, [id]);
    return rows.map((r) => r.team);
  }

  /** Records the engine's answer (after a solve or a re-match) and bumps the revision; returns the new revision. */
  async saveOutcome(
    m: EntityManager,
    id: string,
    outcome: {
      objective: MatchingObjective;
      figures: RoundFiguresV1;
      underfilled: RoundUnderfilledSlotV1[];
      certificate: RoundCertificateV1 | null;
      phase?: RoundPhase;
      timings?: RoundPhaseTimings;
    },
  ): Promise<number> {
    const progress = outcome.phase ? { phase: outcome.phase, fraction: PHASE_START_FRACTION[outcome.phase], phaseStartedAt: new Date().toISOString() } : null;
    const rows = updatedRows<{ revision: number }>(await m.query(
      `UPDATE round SET objective = $2, figures = $3, underfilled = $4, certificate = $8, revision = revision + 1, heartbeat_at = now(),
         phase = coalesce($5, phase), progress = coalesce($6::jsonb, progress), timings = timings || coalesce($7::jsonb, '{}'::jsonb)
       WHERE id = $1 RETURNING revision`,
      [
        id,
        JSON.stringify(outcome.objective),
        JSON.stringify(outcome.figures),
        JSON.stringify(outcome.underfilled),
        outcome.phase ?? null,
        progress && JSON.stringify(progress),
        outcome.timings ? JSON.stringify(outcome.timings) : null,
        outcome.certificate && JSON.stringify(outcome.certificate),
      ],
    ));
    return rows[0].revision;
  }

  /** Ends a run: `completed` or `draft` (phase done) or `failed` (with the reason); returns the new revision when it bumps it. */
  async finish(m: EntityManager, id: string, status: 'completed' | 'draft' | 'failed', extra: { error?: string; timings?: RoundPhaseTimings; bump?: boolean } = {}): Promise<number> {
    const phase: RoundPhase = status === 'failed' ? 'failed' : 'done';
    const rows = updatedRows<{ revision: number }>(await m.query(
      `UPDATE round SET status = $2, phase = CASE WHEN $2 = 'failed' THEN phase ELSE $3 END,
         progress = progress || jsonb_build_object('fraction', 1, 'phase', $3::text), error = $4, completed_at = now(),
         timings = timings || coalesce($5::jsonb, '{}'::jsonb), revision = revision + $6
       WHERE id = $1 RETURNING revision`,
      [id, status, phase, extra.error ?? null, extra.timings ? JSON.stringify(extra.timings) : null, extra.bump ? 1 : 0],
    ));
    return rows[0].revision;
  }

  /** Live figures: coverage, weight and counts from the assignment table (a draft's: its draft), the rest as the engine reported it. */
  async liveFigures(m: EntityManager, round: RoundRecord): Promise<LiveFigures | undefined> {
    if (!round.figures) return undefined;
    if (round.dryRun) return { figures: round.figures, coverage: coverageOf([], []) };
    if (round.status === 'draft' || round.status === 'cancelled') {
      const [projects, drafted] = await Promise.all([this.loadProjects(m, round.id), this.draftCounts(m, round.id)]);
      return { figures: round.figures, coverage: coverageOf(projects, drafted, round.underfilled ?? []) };
    }
    const [projects, active, counts] = await Promise.all([
      this.loadProjects(m, round.id),
      this.assignments.activeCounts(m, round.id),
      this.assignments.statusCounts(m, round.id),
    ]);
    const coverage = coverageOf(projects, active, round.underfilled ?? []);
    return {
      coverage,
      figures: {
        ...round.figures,
        requiredSlots: coverage.requiredSlots,
        coveredSlots: coverage.coveredSlots,
        coverageRatio: coverage.coverageRatio,
        weight: coverage.weight,
        assignments: counts,
      },
    };
  }
}

