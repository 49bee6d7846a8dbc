import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { ExpertView, toExpertView } from '../expert.view';
import { GetExpertService } from './get-expert.service';

@ApiTags('experts')
@Authorize('admin', { coordinator: { record: { table: 'expert', param: 'id', column: 'university_id' } } })
@Controller('experts')
export class GetExpertHttpController {
  constructor(private readonly service: GetExpertService) {}

  @Get(':id')
  @ApiOperation({ summary: 'Read an expert by pool id (T000001, S000001)' })
  @ApiOkResponse({ type: ExpertView, description: 'the expert' })
  @ApiNotFoundResponse({ description: 'no such expert' })
  async get(@Param('id') id: string): Promise<ExpertView> {
    return toExpertView(await this.service.get(id));
  }
}
