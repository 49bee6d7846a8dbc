import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProjectEntity } from '../project.entity';
import { ListProjectsQueryDto } from './list-projects.dto';

/** One page of projects in id order, with the total that matches the filters. */
@Injectable()
export class ListProjectsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(query: ListProjectsQueryDto): Promise<{ items: ProjectEntity[]; page: number; pageSize: number; total: number }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const q = this.db.getRepository(ProjectEntity).createQueryBuilder('p');
    if (query.districtId) q.andWhere('p.district_id = :districtId', { districtId: query.districtId });
    if (query.streetCode) q.andWhere('p.street_code = :streetCode', { streetCode: query.streetCode });
    if (query.issueType) q.andWhere(':issueType = ANY(p.issue_types)', { issueType: query.issueType });
    if (query.communityType) q.andWhere('p.community_type = :communityType', { communityType: query.communityType });
    if (query.status) q.andWhere('p.status = :status', { status: query.status });
    const [items, total] = await q
      .orderBy('p.id')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, page, pageSize, total };
  }
}
