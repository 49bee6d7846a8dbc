import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ProjectSnapshotV1 } from '@civic/contracts';
import { ApiError } from '@civic/platform';
import { DataSource } from 'typeorm';
import { ProjectEntity } from '../project.entity';

@ApiTags('projects')
@Controller('projects')
export class GetProjectHttpController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get(':id')
  @ApiOkResponse({ description: 'the project' })
  @ApiNotFoundResponse({ description: 'no such project' })
  async get(@Param('id') id: string): Promise<ProjectSnapshotV1> {
    const project = await this.db.getRepository(ProjectEntity).findOneBy({ id });
    if (!project) throw ApiError.notFound('project', id);
    return project.toSnapshot();
  }
}
