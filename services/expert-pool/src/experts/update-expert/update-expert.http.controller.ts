import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExpertView, toExpertView } from '../expert.view';
import { UpdateExpertDto } from './update-expert.dto';
import { UpdateExpertService } from './update-expert.service';
import { Authorize } from '@civic/auth';

@ApiTags('experts')
@Authorize('admin', { coordinator: { record: { table: 'expert', param: 'id', column: 'university_id' }, body: 'universityId' } })
@Controller('experts')
export class UpdateExpertHttpController {
  constructor(private readonly service: UpdateExpertService) {}

  @Patch(':id')
  @ApiOperation({
    summary: 'Change some fields of an expert',
    description: 'Emits expert.availability-changed when only available/availability changed, else expert.updated.',
  })
  @ApiOkResponse({ type: ExpertView, description: 'the expert after the change' })
  @ApiBadRequestResponse({ description: 'the changed expert would break a rule; the body names the field' })
  @ApiNotFoundResponse({ description: 'no such expert' })
  async update(@Param('id') id: string, @Body() change: UpdateExpertDto): Promise<ExpertView> {
    return toExpertView(await this.service.update(id, change));
  }
}
