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

/** How long to wait for projects expert-pool has not learned of yet (see lookupWhenKnown). */
export interface KnownProjectsWait {
  /** Give up once no new project has arrived for this long. */
  idleMs: number;
  /** Give up after this long in any case. */
  maxMs: number;
  /** Ends the wait early (the service is stopping). */
  signal?: AbortSignal;
}

const POLL_MS = 250;

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

  /**
   * Like lookup, but while some refs are unknown and expert-pool is still learning of projects (its copy grew within
   * `idleMs`), it waits for them: the registry announces projects through Kafka, so a file imported right after the
   * projects must not depend on how far the consumer has got. Refs still missing when it gives up are absent.
   */
  async lookupWhenKnown(refs: readonly string[], by: ProjectRef, wait: KnownProjectsWait): Promise<Map<string, KnownProject>> {
    const started = Date.now();
    let known = await this.lookup(refs, by);
    let size = await this.size();
    let grewAt = started;
    while (refs.some((r) => !known.has(r)) && !wait.signal?.aborted) {
      const now = Date.now();
      if (now - grewAt >= wait.idleMs || now - started >= wait.maxMs) break;
      await new Promise((r) => setTimeout(r, POLL_MS));
      const next = await this.size();
      if (next !== size) grewAt = Date.now();
      size = next;
      known = await this.lookup(refs, by);
    }
    return known;
  }

  async summary(): Promise<{ active: number; withdrawn: number }> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'active')::int AS active, count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn FROM known_project`,
    );
    return row;
  }

  private async size(): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM known_project`);
    return row.n;
  }
}
