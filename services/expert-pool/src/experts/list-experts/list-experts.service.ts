import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ExpertEntity } from '../expert.entity';
import { ListExpertsQueryDto } from './list-experts.dto';

/** One page of experts in id order (teachers, then students), with the total that matches the filters. */
@Injectable()
export class ListExpertsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(query: ListExpertsQueryDto): Promise<{ items: ExpertEntity[]; page: number; pageSize: number; total: number }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const q = this.db.getRepository(ExpertEntity).createQueryBuilder('e');
    if (query.universityId) q.andWhere('e.university_id = :universityId', { universityId: query.universityId });
    if (query.collegeId) q.andWhere('e.college_id = :collegeId', { collegeId: query.collegeId });
    if (query.discipline) q.andWhere(':discipline = ANY(e.disciplines)', { discipline: query.discipline });
    if (query.kind) q.andWhere('e.kind = :kind', { kind: query.kind });
    if (query.available !== undefined) q.andWhere('e.available = :available', { available: query.available });
    const [items, total] = await q
      .orderBy('e.id')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, page, pageSize, total };
  }
}
