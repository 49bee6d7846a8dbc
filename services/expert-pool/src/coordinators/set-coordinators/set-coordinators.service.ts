import { Injectable } from '@nestjs/common';
import { isKnownUniversity } from '@civic/catalogue';
import { type CoordinatorV1, DomainError } from '@civic/contracts';
import { CoordinatorsStore } from '../coordinators.store';
import { toCoordinatorsView, UniversityCoordinatorsView } from '../coordinators.view';
import { SetCoordinatorsDto } from './set-coordinators.dto';

/**
 * Replaces a university's coordinators. A real change bumps the revision and emits coordinators.set (the whole list)
 * in the same transaction; the same list again changes nothing and emits nothing.
 */
@Injectable()
export class SetCoordinatorsService {
  constructor(private readonly store: CoordinatorsStore) {}

  async set(universityId: string, dto: SetCoordinatorsDto): Promise<UniversityCoordinatorsView> {
    if (!isKnownUniversity(universityId)) throw DomainError.notFound('university', universityId);
    const coordinators: CoordinatorV1[] = dto.coordinators.map((c) => ({ email: c.email.trim().toLowerCase(), name: c.name.trim(), language: c.language }));
    const seen = new Map<string, number>();
    coordinators.forEach((c, i) => {
      const first = seen.get(c.email);
      if (first !== undefined) {
        const message = `${c.email} is listed twice (coordinators.${first} and coordinators.${i})`;
        // Field paths as the validation pipe writes them (coordinators.0.email).
        throw DomainError.invalid(message, [{ field: `coordinators.${i}.email`, rule: 'unique', message }]);
      }
      seen.set(c.email, i);
    });
    return this.store.transaction(async (m) => {
      // Serialises concurrent changes of one university.
      const stored = await this.store.lockUniversity(m, universityId);
      // jsonb keeps its own key order: compare field by field.
      const same = (a: CoordinatorV1[], b: CoordinatorV1[]) =>
        a.length === b.length && a.every((c, i) => c.email === b[i].email && c.name === b[i].name && c.language === b[i].language);
      if (stored && same(stored.coordinators, coordinators)) return toCoordinatorsView(universityId, stored);
      const row = await this.store.replace(m, universityId, coordinators);
      return toCoordinatorsView(universityId, row);
    });
  }
}
