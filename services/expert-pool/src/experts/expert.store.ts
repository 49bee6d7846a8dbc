import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EXPERT_EVENTS, ExpertKind } from '@civic/contracts';
import { EventDraft, Outbox } from '@civic/messaging';
import type { FieldProblem, PageRequest } from '@civic/platform';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { ExpertEntity, ExpertInput } from './expert.entity';

/** What to do with an input whose external key is already registered: refuse it (POST) or revise the expert (PATCH, import). */
export type ExistingExpertPolicy = 'refuse' | 'revise';

/** What writing one input did. */
export type ExpertWrite =
  | { outcome: 'created' | 'updated' | 'unchanged'; expert: ExpertEntity }
  | { outcome: 'exists'; expert: ExpertEntity }
  | { outcome: 'refused'; problems: FieldProblem[] };

const ID_PREFIX: Record<ExpertKind, string> = { teacher: 'T', student: 'S' };

/** The filters of an expert list; they combine with AND. */
export interface ExpertFilters {
  universityId?: string;
  collegeId?: string;
  discipline?: string;
  kind?: ExpertKind;
  available?: boolean;
}

/**
 * Every read and write of the expert table, and the one place experts are written: by external key, inside the
 * caller's transaction, with one outbox event per real change: expert.registered, expert.availability-changed when
 * only availability changed, else expert.updated. Use cases run their steps in `transaction` and pass its manager on.
 */
@Injectable()
export class ExpertStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Runs `work` in one transaction (its manager goes to the store's other methods). */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** An expert by id, or null. */
  findById(id: string): Promise<ExpertEntity | null> {
    return this.db.getRepository(ExpertEntity).findOneBy({ id });
  }

  /** An expert by id, locked for the rest of the transaction, or null. */
  lockById(m: EntityManager, id: string): Promise<ExpertEntity | null> {
    return m.findOne(ExpertEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The stored preferences of the experts with these external keys, by key. */
  async preferencesByKey(keys: readonly string[]): Promise<Map<string, string[]>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db.getRepository(ExpertEntity).find({ select: { externalKey: true, preferences: true }, where: { externalKey: In([...keys]) } });
    return new Map(rows.map((r) => [r.externalKey, r.preferences]));
  }

  /** One page of the experts matching `filters`, in id order, and how many match over all pages. */
  page(filters: ExpertFilters, at: PageRequest): Promise<[ExpertEntity[], number]> {
    const q = this.db.getRepository(ExpertEntity).createQueryBuilder('e');
    if (filters.universityId) q.andWhere('e.university_id = :universityId', { universityId: filters.universityId });
    if (filters.collegeId) q.andWhere('e.college_id = :collegeId', { collegeId: filters.collegeId });
    if (filters.discipline) q.andWhere(':discipline = ANY(e.disciplines)', { discipline: filters.discipline });
    if (filters.kind) q.andWhere('e.kind = :kind', { kind: filters.kind });
    if (filters.available !== undefined) q.andWhere('e.available = :available', { available: filters.available });
    return q.orderBy('e.id').skip(at.offset).take(at.pageSize).getManyAndCount();
  }

  /** Writes already-checked inputs (distinct external keys); one result per input, in order. */
  async write(m: EntityManager, inputs: readonly ExpertInput[], existing: ExistingExpertPolicy): Promise<ExpertWrite[]> {
    if (inputs.length === 0) return [];
    const stored = await m.getRepository(ExpertEntity).find({
      where: { externalKey: In(inputs.map((i) => i.externalKey)) },
      lock: { mode: 'pessimistic_write' },
    });
    const byKey = new Map(stored.map((e) => [e.externalKey, e]));
    const fresh = inputs.filter((i) => !byKey.has(i.externalKey));
    const ids = {
      teacher: await this.nextIds(m, 'teacher', fresh.filter((i) => i.kind === 'teacher').length),
      student: await this.nextIds(m, 'student', fresh.filter((i) => i.kind === 'student').length),
    };
    const created: ExpertEntity[] = [];
    const updated: ExpertEntity[] = [];
    const events: EventDraft[] = [];
    const results = inputs.map((input): ExpertWrite => {
      const expert = byKey.get(input.externalKey);
      if (!expert) {
        const fresh = ExpertEntity.register(ids[input.kind].shift()!, input);
        created.push(fresh);
        events.push({ type: EXPERT_EVENTS.registered, key: fresh.id, payload: fresh.toSnapshot() });
        return { outcome: 'created', expert: fresh };
      }
      if (existing === 'refuse') return { outcome: 'exists', expert };
      if (input.kind !== expert.kind) {
        return {
          outcome: 'refused',
          problems: [{ field: 'kind', rule: 'unchangeable', message: `${input.externalKey} is registered as a ${expert.kind} (${expert.id}); kind cannot change` }],
        };
      }
      const change = expert.revise(input);
      if (change === 'none') return { outcome: 'unchanged', expert };
      updated.push(expert);
      const type = change === 'availability' ? EXPERT_EVENTS.availabilityChanged : EXPERT_EVENTS.updated;
      events.push({ type, key: expert.id, payload: expert.toSnapshot() });
      return { outcome: 'updated', expert };
    });
    if (created.length) await m.insert(ExpertEntity, created);
    if (updated.length) await m.save(updated);
    await this.outbox.append(m, events);
    return results;
  }

  private async nextIds(m: EntityManager, kind: ExpertKind, count: number): Promise<string[]> {
    if (count === 0) return [];
    const rows: { n: string }[] = await m.query(`SELECT nextval('${kind}_number_seq') AS n FROM generate_series(1, $1)`, [count]);
    return rows.map((r) => `${ID_PREFIX[kind]}${String(r.n).padStart(6, '0')}`);
  }
}

/** True for PostgreSQL's unique violation: a concurrent request registered the same external key first. */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof QueryFailedError && (e.driverError as { code?: string } | undefined)?.code === '23505';
}
