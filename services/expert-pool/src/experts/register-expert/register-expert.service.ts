import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { findCollege, findUniversity } from '@civic/catalogue';
import { EXPERT_EVENTS } from '@civic/contracts';
import { Outbox } from '@civic/messaging';
import { ApiError } from '@civic/platform';
import { DataSource } from 'typeorm';
import { ExpertEntity } from '../expert.entity';
import { RegisterExpertDto } from './register-expert.dto';

/** Registers a teacher or student and emits expert.registered in the same transaction. */
@Injectable()
export class RegisterExpertService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async register(dto: RegisterExpertDto): Promise<ExpertEntity> {
    const university = findUniversity(dto.universityId)!;
    if (findCollege(dto.collegeId)?.universityId !== university.id) {
      throw ApiError.badRequest(`college ${dto.collegeId} is not a college of ${dto.universityId}`, [
        { field: 'collegeId', rule: 'ofUniversity', message: `collegeId must be a college of ${dto.universityId}` },
      ]);
    }
    return this.db.transaction(async (m) => {
      const taken = await m.findOneBy(ExpertEntity, { externalKey: dto.externalKey });
      if (taken) {
        throw ApiError.conflict(`an expert with externalKey ${dto.externalKey} already exists (${taken.id})`, [
          { field: 'externalKey', rule: 'unique', message: 'externalKey is already registered' },
        ]);
      }
      const [{ n }] = await m.query(`SELECT nextval('${dto.kind}_number_seq') AS n`);
      const expert = m.create(ExpertEntity, {
        id: `${dto.kind === 'teacher' ? 'T' : 'S'}${String(n).padStart(6, '0')}`,
        externalKey: dto.externalKey,
        kind: dto.kind,
        name: dto.name,
        universityId: dto.universityId,
        collegeId: dto.collegeId,
        disciplines: dto.disciplines,
        capacity: dto.capacity,
        available: dto.available ?? true,
        preferences: dto.preferences ?? [],
        lat: university.campus.location.lat,
        lon: university.campus.location.lon,
        revision: 1,
      });
      await m.save(expert);
      await this.outbox.append(m, [{ type: EXPERT_EVENTS.registered, key: expert.id, payload: expert.toSnapshot() }]);
      return expert;
    });
  }
}
