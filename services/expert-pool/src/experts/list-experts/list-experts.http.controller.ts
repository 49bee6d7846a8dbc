import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toExpertView } from '../expert.view';
import { ExpertPageView, ListExpertsQueryDto } from './list-experts.dto';
import { ListExpertsService } from './list-experts.service';
import { Authorize } from '@civic/auth';

@ApiTags('experts')
@Authorize('admin', { coordinator: { query: 'universityId' } })
@Controller('experts')
export class ListExpertsHttpController {
  constructor(private readonly service: ListExpertsService) {}

  @Get()
  @ApiOperation({ summary: 'List experts by university, college, discipline, kind and availability' })
  @ApiOkResponse({ type: ExpertPageView })
  @ApiBadRequestResponse({ description: 'a filter names something the catalogue does not know' })
  async list(@Query() query: ListExpertsQueryDto): Promise<ExpertPageView> {
    const page = await this.service.list(query);
    return { ...page, items: page.items.map(toExpertView) };
  }
}
