import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isKnownUniversity } from '@civic/catalogue';
import { COORDINATOR_EVENTS, CoordinatorV1, UniversityCoordinatorsV1 } from '@civic/contracts';
import { Outbox } from '@civic/messaging';
import { ApiError } from '@civic/platform';
import { DataSource } from 'typeorm';
import { CoordinatorsRow, toCoordinatorsView, UniversityCoordinatorsView } from '../coordinators.view';
import { SetCoordinatorsDto } from './set-coordinators.dto';

/**
 * Replaces a university's coordinators. A real change bumps the revision and emits coordinators.set (the whole list)
 * in the same transaction; the same list again changes nothing and emits nothing.
 */
@Injectable()
export class SetCoordinatorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async set(universityId: string, dto: SetCoordinatorsDto): Promise<UniversityCoordinatorsView> {
    if (!isKnownUniversity(universityId)) throw ApiError.notFound('university', universityId);
    const coordinators: CoordinatorV1[] = dto.coordinators.map((c) => ({ email: c.email.trim().toLowerCase(), name: c.name.trim(), language: c.language }));
    const seen = new Map<string, number>();
    coordinators.forEach((c, i) => {
      const first = seen.get(c.email);
      if (first !== undefined) {
        const message = `${c.email} is listed twice (coordinators.${first} and coordinators.${i})`;
        // Field paths as the validation pipe writes them (coordinators.0.email).
        throw ApiError.badRequest(message, [{ field: `coordinators.${i}.email`, rule: 'unique', message }]);
      }
      seen.set(c.email, i);
    });
    return this.db.transaction(async (m) => {
      // Serialises concurrent changes of one university (a row may not exist yet to lock).
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('university_coordinators:' || $1))`, [universityId]);
      const [stored]: CoordinatorsRow[] = await m.query(`SELECT * FROM university_coordinators WHERE university_id = $1`, [universityId]);
      // jsonb keeps its own key order: compare field by field.
      const same = (a: CoordinatorV1[], b: CoordinatorV1[]) =>
        a.length === b.length && a.every((c, i) => c.email === b[i].email && c.name === b[i].name && c.language === b[i].language);
      if (stored && same(stored.coordinators, coordinators)) return toCoordinatorsView(universityId, stored);
      const [row]: CoordinatorsRow[] = await m.query(
        `INSERT INTO university_coordinators (university_id, coordinators, revision) VALUES ($1, $2, 1)
         ON CONFLICT (university_id) DO UPDATE SET coordinators = EXCLUDED.coordinators,
           revision = university_coordinators.revision + 1, updated_at = now()
         RETURNING *`,
        [universityId, JSON.stringify(coordinators)],
      );
      const payload: UniversityCoordinatorsV1 = { universityId, coordinators: row.coordinators, revision: row.revision };
      await this.outbox.append(m, [{ type: COORDINATOR_EVENTS.set, key: universityId, payload }]);
      return toCoordinatorsView(universityId, row);
    });
  }
}
