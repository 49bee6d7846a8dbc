import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { getDistrict } from '@civic/catalogue';
import { PROJECT_EVENTS } from '@civic/contracts';
import { Outbox } from '@civic/messaging';
import { ApiError } from '@civic/platform';
import { DataSource } from 'typeorm';
import { ProjectEntity } from '../project.entity';
import { RegisterProjectDto } from './register-project.dto';

/** Registers a project and emits project.registered in the same transaction. */
@Injectable()
export class RegisterProjectService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async register(dto: RegisterProjectDto): Promise<ProjectEntity> {
    const district = getDistrict(dto.districtId);
    if (!dto.streetCode.startsWith(district.code)) {
      throw ApiError.badRequest(`streetCode ${dto.streetCode} is not in district ${dto.districtId}`, [
        { field: 'streetCode', rule: 'inDistrict', message: `streetCode must start with the district code ${district.code}` },
      ]);
    }
    return this.db.transaction(async (m) => {
      const taken = await m.findOneBy(ProjectEntity, { externalKey: dto.externalKey });
      if (taken) {
        throw ApiError.conflict(`a project with externalKey ${dto.externalKey} already exists (${taken.id})`, [
          { field: 'externalKey', rule: 'unique', message: 'externalKey is already registered' },
        ]);
      }
      const [{ n }] = await m.query(`SELECT nextval('project_number_seq') AS n`);
      const project = m.create(ProjectEntity, {
        id: `P${String(n).padStart(5, '0')}`,
        externalKey: dto.externalKey,
        name: dto.name,
        districtId: dto.districtId,
        streetCode: dto.streetCode,
        communityType: dto.communityType,
        issueTypes: dto.issueTypes,
        wantedDisciplines: dto.wantedDisciplines ?? [],
        teacherMin: dto.slots.teacher.min,
        teacherMax: dto.slots.teacher.max,
        studentMin: dto.slots.student.min,
        studentMax: dto.slots.student.max,
        lat: dto.location?.lat ?? district.centroid.lat,
        lon: dto.location?.lon ?? district.centroid.lon,
        status: 'active',
        revision: 1,
      });
      await m.save(project);
      await this.outbox.append(m, [{ type: PROJECT_EVENTS.registered, key: project.id, payload: project.toSnapshot() }]);
      return project;
    });
  }
}
