import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectView, toProjectView } from '../project.view';
import { WithdrawProjectService } from './withdraw-project.service';
import { Authorize } from '@civic/auth';

@ApiTags('projects')
@Authorize('admin')
@Controller('projects')
export class WithdrawProjectHttpController {
  constructor(private readonly service: WithdrawProjectService) {}

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a project', description: 'Emits project.withdrawn; withdrawing a withdrawn project changes nothing.' })
  @ApiOkResponse({ type: ProjectView, description: 'the withdrawn project' })
  @ApiNotFoundResponse({ description: 'no such project' })
  async withdraw(@Param('id') id: string): Promise<ProjectView> {
    return toProjectView(await this.service.withdraw(id));
  }
}
