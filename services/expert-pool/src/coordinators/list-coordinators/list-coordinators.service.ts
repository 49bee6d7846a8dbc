import { Injectable } from '@nestjs/common';
import { UNIVERSITIES } from '@civic/catalogue';
import { CoordinatorsStore } from '../coordinators.store';
import { toCoordinatorsView, type UniversityCoordinatorsView } from '../coordinators.view';

/** Every university of the catalogue with its coordinators (an empty list where none are set). */
@Injectable()
export class ListCoordinatorsService {
  constructor(private readonly store: CoordinatorsStore) {}

  async list(): Promise<UniversityCoordinatorsView[]> {
    const byId = new Map((await this.store.all()).map((r) => [r.university_id, r]));
    return UNIVERSITIES.map((u) => toCoordinatorsView(u.id, byId.get(u.id)));
  }
}
