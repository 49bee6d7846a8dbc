import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PROJECT_EVENTS, type ProjectStatus } from '@civic/contracts';
import { EventDraft, Outbox } from '@civic/messaging';
import type { FieldProblem, PageRequest } from '@civic/platform';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { ProjectEntity, ProjectInput } from './project.entity';

/** What to do with an input whose external key is already registered: refuse it (POST) or revise the project (import). */
export type ExistingProjectPolicy = 'refuse' | 'revise';

/** What writing one input did. */
export type ProjectWrite =
  | { outcome: 'created' | 'updated' | 'unchanged'; project: ProjectEntity }
  | { outcome: 'exists'; project: ProjectEntity }
  | { outcome: 'refused'; problems: FieldProblem[] };

/** The filters of a project list; they combine with AND. */
export interface ProjectFilters {
  districtId?: string;
  streetCode?: string;
  issueType?: string;
  communityType?: string;
  status?: ProjectStatus;
}

/**
 * Every read and write of the project table, and the one place projects are written: by external key, inside the
 * caller's transaction, with one outbox event per real change (project.registered / updated / withdrawn). An input
 * identical to the stored project writes nothing. Use cases run their steps in `transaction` and pass its manager on.
 */
@Injectable()
export class ProjectStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Runs `work` in one transaction (its manager goes to the store's other methods). */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** A project by id, or null. */
  findById(id: string): Promise<ProjectEntity | null> {
    return this.db.getRepository(ProjectEntity).findOneBy({ id });
  }

  /** A project by id, locked for the rest of the transaction, or null. */
  lockById(m: EntityManager, id: string): Promise<ProjectEntity | null> {
    return m.findOne(ProjectEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Stores a project just withdrawn and emits project.withdrawn. */
  async saveWithdrawn(m: EntityManager, project: ProjectEntity): Promise<void> {
    await m.save(project);
    await this.outbox.append(m, [{ type: PROJECT_EVENTS.withdrawn, key: project.id, payload: project.toSnapshot() }]);
  }

  /** One page of the projects matching `filters`, in id order, and how many match over all pages. */
  page(filters: ProjectFilters, at: PageRequest): Promise<[ProjectEntity[], number]> {
    const q = this.db.getRepository(ProjectEntity).createQueryBuilder('p');
    if (filters.districtId) q.andWhere('p.district_id = :districtId', { districtId: filters.districtId });
    if (filters.streetCode) q.andWhere('p.street_code = :streetCode', { streetCode: filters.streetCode });
    if (filters.issueType) q.andWhere(':issueType = ANY(p.issue_types)', { issueType: filters.issueType });
    if (filters.communityType) q.andWhere('p.community_type = :communityType', { communityType: filters.communityType });
    if (filters.status) q.andWhere('p.status = :status', { status: filters.status });
    return q.orderBy('p.id').skip(at.offset).take(at.pageSize).getManyAndCount();
  }

  /** Writes already-validated inputs (distinct external keys); one result per input, in order. */
  async write(m: EntityManager, inputs: readonly ProjectInput[], existing: ExistingProjectPolicy): Promise<ProjectWrite[]> {
    if (inputs.length === 0) return [];
    const stored = await m.getRepository(ProjectEntity).find({
      where: { externalKey: In(inputs.map((i) => i.externalKey)) },
      lock: { mode: 'pessimistic_write' },
    });
    const byKey = new Map(stored.map((p) => [p.externalKey, p]));
    const ids = await this.nextIds(m, inputs.filter((i) => !byKey.has(i.externalKey)).length);
    const created: ProjectEntity[] = [];
    const updated: ProjectEntity[] = [];
    const events: EventDraft[] = [];
    const results = inputs.map((input): ProjectWrite => {
      const project = byKey.get(input.externalKey);
      if (!project) {
        const fresh = ProjectEntity.register(ids.shift()!, input);
        created.push(fresh);
        events.push({ type: PROJECT_EVENTS.registered, key: fresh.id, payload: fresh.toSnapshot() });
        return { outcome: 'created', project: fresh };
      }
      if (existing === 'refuse') return { outcome: 'exists', project };
      if (project.status === 'withdrawn') {
        if (!project.differsFrom(input)) return { outcome: 'unchanged', project };
        return {
          outcome: 'refused',
          problems: [{ field: 'externalKey', rule: 'notWithdrawn', message: `project ${project.id} (${input.externalKey}) is withdrawn and can no longer change` }],
        };
      }
      if (!project.revise(input)) return { outcome: 'unchanged', project };
      updated.push(project);
      events.push({ type: PROJECT_EVENTS.updated, key: project.id, payload: project.toSnapshot() });
      return { outcome: 'updated', project };
    });
    if (created.length) await m.insert(ProjectEntity, created);
    if (updated.length) await m.save(updated);
    await this.outbox.append(m, events);
    return results;
  }

  private async nextIds(m: EntityManager, count: number): Promise<string[]> {
    if (count === 0) return [];
    const rows: { n: string }[] = await m.query(`SELECT nextval('project_number_seq') AS n FROM generate_series(1, $1)`, [count]);
    return rows.map((r) => `P${String(r.n).padStart(5, '0')}`);
  }
}

/** True for PostgreSQL's unique violation: a concurrent request registered the same external key first. */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof QueryFailedError && (e.driverError as { code?: string } | undefined)?.code === '23505';
}
