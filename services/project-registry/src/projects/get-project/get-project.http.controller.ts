import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Authorize } from '@civic/auth';
import { ApiError } from '@civic/platform';
import { DataSource } from 'typeorm';
import { ProjectEntity } from '../project.entity';
import { ProjectView, toProjectView } from '../project.view';

@ApiTags('projects')
@Authorize('admin', 'coordinator')
@Controller('projects')
export class GetProjectHttpController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get(':id')
  @ApiOperation({ summary: 'Read a project by its registry id (P00001)' })
  @ApiOkResponse({ type: ProjectView, description: 'the project' })
  @ApiNotFoundResponse({ description: 'no such project' })
  async get(@Param('id') id: string): Promise<ProjectView> {
    const project = await this.db.getRepository(ProjectEntity).findOneBy({ id });
    if (!project) throw ApiError.notFound('project', id);
    return toProjectView(project);
  }
}
