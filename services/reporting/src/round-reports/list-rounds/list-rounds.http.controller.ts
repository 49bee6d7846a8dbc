import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import type { Page } from '@civic/contracts';
import { ListRoundsQuery, RoundSummaryPageView, type RoundSummaryView } from './list-rounds.dto';
import { ListRoundsService } from './list-rounds.service';

@ApiTags('round reports')
@Authorize('admin', 'service')
@Controller('rounds')
export class ListRoundsHttpController {
  constructor(private readonly service: ListRoundsService) {}

  @Get()
  @ApiOperation({ summary: 'Rounds reporting has heard of, newest first' })
  @ApiOkResponse({ type: RoundSummaryPageView, description: 'a page of rounds with scope, strategy and status' })
  list(@Query() q: ListRoundsQuery): Promise<Page<RoundSummaryView>> {
    return this.service.list(q);
  }
}
