import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectView, toProjectView } from '../project.view';
import { UpdateProjectDto } from './update-project.dto';
import { UpdateProjectService } from './update-project.service';
import { Authorize } from '@civic/auth';

@ApiTags('projects')
@Authorize('admin')
@Controller('projects')
export class UpdateProjectHttpController {
  constructor(private readonly service: UpdateProjectService) {}

  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of a project', description: 'A real change bumps the revision and emits project.updated.' })
  @ApiOkResponse({ type: ProjectView, description: 'the project after the change' })
  @ApiBadRequestResponse({ description: 'the changed project would break a rule; the body names the field' })
  @ApiNotFoundResponse({ description: 'no such project' })
  @ApiConflictResponse({ description: 'the project is withdrawn' })
  async update(@Param('id') id: string, @Body() change: UpdateProjectDto): Promise<ProjectView> {
    return toProjectView(await this.service.update(id, change));
  }
}
