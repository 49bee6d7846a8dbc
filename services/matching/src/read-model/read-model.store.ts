import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ExpertKind, ExpertSnapshotV1, ProjectSnapshotV1 } from '@civic/contracts';
import { newestPerKey } from '@civic/messaging';
import { DataSource, EntityManager } from 'typeorm';

/** How many projects and experts matching knows of: what a round would see now. */
export interface ReadModelSummary {
  projects: { active: number; withdrawn: number };
  experts: { teachers: number; students: number; available: number };
}

/** The experts' availability and capacity and the projects' status and team sizes now, for the ones asked about. */
export interface WorldRows {
  experts: Array<{ expert_id: string; available: boolean; capacity: number }>;
  projects: Array<{ project_id: string; status: string; slots: Record<ExpertKind, { min: number; max: number }> }>;
}

/** What a round starts from: the scope's active projects and every available expert. */
export interface ScopeSnapshot {
  projects: ProjectSnapshotV1[];
  experts: ExpertSnapshotV1[];
}

/**
 * SQL of matching's read model (project_view, expert_view): the upserts of the registries' events, newest revision
 * winning, and the reads rounds and re-matches make of it.
 */
@Injectable()
export class ReadModelStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // One JSON parameter for the whole list: cheaper to send and parse than one array parameter per column.
  /** Upserts projects, keeping the newest revision of each. */
  async upsertProjects(m: EntityManager, all: ProjectSnapshotV1[]): Promise<void> {
    const list = newestPerKey(all, (p) => p.projectId, (p) => p.revision);
    await m.query(
      `INSERT INTO project_view (project_id, district_id, status, revision, snapshot)
       SELECT s->>'projectId', s->>'districtId', s->>'status', (s->>'revision')::int, s FROM jsonb_array_elements($1::jsonb) AS s
       ON CONFLICT (project_id) DO UPDATE SET district_id = EXCLUDED.district_id, status = EXCLUDED.status,
         revision = EXCLUDED.revision, snapshot = EXCLUDED.snapshot, updated_at = now()
       WHERE project_view.revision < EXCLUDED.revision`,
      [JSON.stringify(list)],
    );
  }

  /** Upserts experts, keeping the newest revision of each. */
  async upsertExperts(m: EntityManager, all: ExpertSnapshotV1[]): Promise<void> {
    const list = newestPerKey(all, (e) => e.expertId, (e) => e.revision);
    await m.query(
      `INSERT INTO expert_view (expert_id, kind, university_id, available, revision, snapshot)
       SELECT s->>'expertId', s->>'kind', s->>'universityId', (s->>'available')::boolean, (s->>'revision')::int, s
       FROM jsonb_array_elements($1::jsonb) AS s
       ON CONFLICT (expert_id) DO UPDATE SET kind = EXCLUDED.kind, university_id = EXCLUDED.university_id,
         available = EXCLUDED.available, revision = EXCLUDED.revision, snapshot = EXCLUDED.snapshot, updated_at = now()
       WHERE expert_view.revision < EXCLUDED.revision`,
      [JSON.stringify(list)],
    );
  }

  async summary(): Promise<ReadModelSummary> {
    const [projects] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'active')::int AS active, count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn FROM project_view`,
    );
    const [experts] = await this.db.query(
      `SELECT count(*) FILTER (WHERE kind = 'teacher')::int AS teachers, count(*) FILTER (WHERE kind = 'student')::int AS students,
              count(*) FILTER (WHERE available)::int AS available FROM expert_view`,
    );
    return { projects, experts };
  }

  /** The active projects of the districts (all for null) and the available experts, read with `m` (one consistent view under REPEATABLE READ). */
  async scopeSnapshot(m: EntityManager, districtIds: readonly string[] | null): Promise<ScopeSnapshot> {
    const projects: Array<{ snapshot: ProjectSnapshotV1 }> = await m.query(
      `SELECT snapshot FROM project_view WHERE status = 'active' AND ($1::text[] IS NULL OR district_id = ANY($1))`,
      [districtIds],
    );
    const experts: Array<{ snapshot: ExpertSnapshotV1 }> = await m.query(`SELECT snapshot FROM expert_view WHERE available`);
    return { projects: projects.map((r) => r.snapshot), experts: experts.map((r) => r.snapshot) };
  }

  /**
   * scopeSnapshot's rows as two JSON arrays of text, built by PostgreSQL: a round hands them to the engine's worker
   * as they are, so the event loop parses none of the thousands of snapshots.
   */
  async scopeSnapshotJson(m: EntityManager, districtIds: readonly string[] | null): Promise<{ projectsJson: string; expertsJson: string }> {
    const [row]: Array<{ projects: string; experts: string }> = await m.query(
      `SELECT (SELECT coalesce(json_agg(snapshot), '[]') FROM project_view WHERE status = 'active' AND ($1::text[] IS NULL OR district_id = ANY($1)))::text AS projects,
              (SELECT coalesce(json_agg(snapshot), '[]') FROM expert_view WHERE available)::text AS experts`,
      [districtIds],
    );
    return { projectsJson: row.projects, expertsJson: row.experts };
  }

  /** These experts and projects as the read model holds them now (what publishing and re-matching check against). */
  async world(m: EntityManager, expertIds: readonly string[], projectIds: readonly string[]): Promise<WorldRows> {
    const [experts, projects] = await Promise.all([
      m.query(`SELECT expert_id, available, (snapshot->>'capacity')::int AS capacity FROM expert_view WHERE expert_id = ANY($1)`, [expertIds]),
      m.query(`SELECT project_id, status, snapshot->'slots' AS slots FROM project_view WHERE project_id = ANY($1)`, [projectIds]),
    ]);
    return { experts, projects };
  }
}
