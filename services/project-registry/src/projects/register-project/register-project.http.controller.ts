import { Body, Controller, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectView, toProjectView } from '../project.view';
import { RegisterProjectDto } from './register-project.dto';
import { RegisterProjectService } from './register-project.service';
import { Authorize } from '@civic/auth';

@ApiTags('projects')
@Authorize('admin')
@Controller('projects')
export class RegisterProjectHttpController {
  constructor(private readonly service: RegisterProjectService) {}

  @Post()
  @ApiOperation({ summary: 'Register a project', description: 'Emits project.registered.' })
  @ApiCreatedResponse({ type: ProjectView, description: 'the registered project' })
  @ApiBadRequestResponse({ description: 'a field breaks a rule; the body names it' })
  @ApiConflictResponse({ description: 'externalKey is already registered' })
  async register(@Body() dto: RegisterProjectDto): Promise<ProjectView> {
    return toProjectView(await this.service.register(dto));
  }
}
