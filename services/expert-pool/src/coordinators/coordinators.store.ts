import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { COORDINATOR_EVENTS, type CoordinatorV1, type UniversityCoordinatorsV1 } from '@civic/contracts';
import { Outbox } from '@civic/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import type { CoordinatorsRow } from './coordinators.view';

/** Every read and write of university_coordinators; a stored change emits coordinators.set in its transaction. */
@Injectable()
export class CoordinatorsStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Runs `work` in one transaction (its manager goes to the store's other methods). */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Every university that has had coordinators set. */
  all(): Promise<CoordinatorsRow[]> {
    return this.db.query(`SELECT * FROM university_coordinators`);
  }

  /** A university's stored coordinators, holding off concurrent changes of that university until the transaction ends. */
  async lockUniversity(m: EntityManager, universityId: string): Promise<CoordinatorsRow | undefined> {
    // An advisory lock: the row may not exist yet to lock.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('university_coordinators:' || $1))`, [universityId]);
    const [stored]: CoordinatorsRow[] = await m.query(`SELECT * FROM university_coordinators WHERE university_id = $1`, [universityId]);
    return stored;
  }

  /** Replaces a university's coordinators, bumps the revision and emits coordinators.set with the whole list. */
  async replace(m: EntityManager, universityId: string, coordinators: CoordinatorV1[]): Promise<CoordinatorsRow> {
    const [row]: CoordinatorsRow[] = await m.query(
      `INSERT INTO university_coordinators (university_id, coordinators, revision) VALUES ($1, $2, 1)
       ON CONFLICT (university_id) DO UPDATE SET coordinators = EXCLUDED.coordinators,
         revision = university_coordinators.revision + 1, updated_at = now()
       RETURNING *`,
      [universityId, JSON.stringify(coordinators)],
    );
    const payload: UniversityCoordinatorsV1 = { universityId, coordinators: row.coordinators, revision: row.revision };
    await this.outbox.append(m, [{ type: COORDINATOR_EVENTS.set, key: universityId, payload }]);
    return row;
  }
}
