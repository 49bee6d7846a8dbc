import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toProjectView } from '../project.view';
import { ListProjectsQueryDto, ProjectPageView } from './list-projects.dto';
import { ListProjectsService } from './list-projects.service';
import { Authorize } from '@civic/auth';

@ApiTags('projects')
@Authorize('admin', 'coordinator')
@Controller('projects')
export class ListProjectsHttpController {
  constructor(private readonly service: ListProjectsService) {}

  @Get()
  @ApiOperation({ summary: 'List projects by district, street/town, issue type, community type and status' })
  @ApiOkResponse({ type: ProjectPageView })
  @ApiBadRequestResponse({ description: 'a filter names something the catalogue does not know' })
  async list(@Query() query: ListProjectsQueryDto): Promise<ProjectPageView> {
    const page = await this.service.list(query);
    return { ...page, items: page.items.map(toProjectView) };
  }
}
