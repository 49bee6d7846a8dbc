import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ProjectStatus } from '@civic/contracts';
import { DataSource } from 'typeorm';

export interface KnownProject {
  projectId: string;
  externalKey: string;
  status: ProjectStatus;
}

/** How a preference names a project: by registry id (API, JSON rows) or by the spreadsheet's external key (CSV). */
export type ProjectRef = 'id' | 'externalKey';

/** Reads expert-pool's copy of the registry's projects. */
@Injectable()
export class KnownProjectsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The known projects among `refs`, keyed by the ref. */
  async lookup(refs: readonly string[], by: ProjectRef): Promise<Map<string, KnownProject>> {
    const distinct = [...new Set(refs)];
    if (distinct.length === 0) return new Map();
    const column = by === 'id' ? 'project_id' : 'external_key';
    const rows: { project_id: string; external_key: string; status: ProjectStatus }[] = await this.db.query(
      `SELECT project_id, external_key, status FROM known_project WHERE ${column} = ANY($1)`,
      [distinct],
    );
    return new Map(
      rows.map((r) => [by === 'id' ? r.project_id : r.external_key, { projectId: r.project_id, externalKey: r.external_key, status: r.status }]),
    );
  }

  async summary(): Promise<{ active: number; withdrawn: number }> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'active')::int AS active, count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn FROM known_project`,
    );
    return row;
  }
}
