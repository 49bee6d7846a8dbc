import { Injectable } from '@nestjs/common';
import { type KnownProject, type ProjectRef, KnownProjectsStore } from './known-projects.store';

export type { KnownProject, ProjectRef } from './known-projects.store';

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
  constructor(private readonly store: KnownProjectsStore) {}

  /** The known projects among `refs`, keyed by the ref. */
  async lookup(refs: readonly string[], by: ProjectRef): Promise<Map<string, KnownProject>> {
    const distinct = [...new Set(refs)];
    if (distinct.length === 0) return new Map();
    const known = await this.store.find(distinct, by);
    return new Map(known.map((p) => [by === 'id' ? p.projectId : p.externalKey, p]));
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

  /** Known projects by status. */
  summary(): Promise<{ active: number; withdrawn: number }> {
    return this.store.summary();
  }

  private size(): Promise<number> {
    return this.store.count();
  }
}
