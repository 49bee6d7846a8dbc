import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ProjectSnapshotV1, ProjectStatus } from '@civic/contracts';
import { newestPerKey } from '@civic/messaging';
import { DataSource, type EntityManager } from 'typeorm';

/** A project as expert-pool knows it. */
export interface KnownProject {
  projectId: string;
  externalKey: string;
  status: ProjectStatus;
}

/** How a preference names a project: by registry id (API, JSON rows) or by the spreadsheet's external key (CSV). */
export type ProjectRef = 'id' | 'externalKey';

/** expert-pool's copy of the registry's projects (known_project): kept from project events, read by the checks. */
@Injectable()
export class KnownProjectsStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Applies a consumer transaction's project states in one statement (EventContext.defer groups them by this
   * property); of several states of one project the newest is written, and an older revision never overwrites a newer one.
   */
  readonly applyAll = async (m: EntityManager, all: Array<Pick<ProjectSnapshotV1, 'projectId' | 'externalKey' | 'status' | 'revision'>>): Promise<void> => {
    const list = newestPerKey(all, (p) => p.projectId, (p) => p.revision).map(({ projectId, externalKey, status, revision }) => ({ projectId, externalKey, status, revision }));
    await m.query(
      `INSERT INTO known_project (project_id, external_key, status, revision)
       SELECT p->>'projectId', p->>'externalKey', p->>'status', (p->>'revision')::int FROM jsonb_array_elements($1::jsonb) AS p
       ON CONFLICT (project_id) DO UPDATE SET external_key = EXCLUDED.external_key, status = EXCLUDED.status,
         revision = EXCLUDED.revision, updated_at = now()
       WHERE known_project.revision < EXCLUDED.revision`,
      [JSON.stringify(list)],
    );
  };

  /** The known projects named by `refs` (distinct, non-empty). */
  async find(refs: readonly string[], by: ProjectRef): Promise<KnownProject[]> {
    const column = by === 'id' ? 'project_id' : 'external_key';
    const rows: { project_id: string; external_key: string; status: ProjectStatus }[] = await this.db.query(
      `SELECT project_id, external_key, status FROM known_project WHERE ${column} = ANY($1)`,
      [refs],
    );
    return rows.map((r) => ({ projectId: r.project_id, externalKey: r.external_key, status: r.status }));
  }

  /** How many projects expert-pool knows. */
  async count(): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM known_project`);
    return row.n;
  }

  /** Known projects by status. */
  async summary(): Promise<{ active: number; withdrawn: number }> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'active')::int AS active, count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn FROM known_project`,
    );
    return row;
  }
}
