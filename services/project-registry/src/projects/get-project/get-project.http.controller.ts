import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { ProjectView, toProjectView } from '../project.view';
import { GetProjectService } from './get-project.service';

@ApiTags('projects')
@Authorize('admin', 'coordinator')
@Controller('projects')
export class GetProjectHttpController {
  constructor(private readonly service: GetProjectService) {}

  @Get(':id')
  @ApiOperation({ summary: 'Read a project by its registry id (P00001)' })
  @ApiOkResponse({ type: ProjectView, description: 'the project' })
  @ApiNotFoundResponse({ description: 'no such project' })
  async get(@Param('id') id: string): Promise<ProjectView> {
    return toProjectView(await this.service.get(id));
  }
}
