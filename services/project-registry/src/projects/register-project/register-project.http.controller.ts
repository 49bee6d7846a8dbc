import { Body, Controller, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { ProjectSnapshotV1 } from '@civic/contracts';
import { RegisterProjectDto } from './register-project.dto';
import { RegisterProjectService } from './register-project.service';

@ApiTags('projects')
@Controller('projects')
export class RegisterProjectHttpController {
  constructor(private readonly service: RegisterProjectService) {}

  @Post()
  @ApiCreatedResponse({ description: 'the registered project' })
  @ApiBadRequestResponse({ description: 'a field breaks a rule; the body names it' })
  @ApiConflictResponse({ description: 'externalKey is already registered' })
  async register(@Body() dto: RegisterProjectDto): Promise<ProjectSnapshotV1> {
    return (await this.service.register(dto)).toSnapshot();
  }
}
