import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { RoundIdParams } from '../../round-reports/round-id.params';
import type { ResponseOverview, RoundResponseReport } from '../response-figures.types';
import { ResponseOverviewDoc, RoundResponseReportDoc } from './get-responses.dto';
import { GetResponsesService } from './get-responses.service';

/** How universities answer their proposals: response rate, median time to answer, proposals that expired unanswered. */
@ApiTags('response figures')
@Authorize('admin', 'service')
@Controller()
export class GetResponsesHttpController {
  constructor(private readonly service: GetResponsesService) {}

  @Get('responses')
  @ApiOperation({ summary: 'Response rate and median time to answer per university (over every round) and per round' })
  @ApiOkResponse({ type: ResponseOverviewDoc })
  overview(): Promise<ResponseOverview> {
    return this.service.overview();
  }

  @Get('rounds/:id/responses')
  @ApiOperation({ summary: "A round's response figures per university, and its proposals that expired unanswered" })
  @ApiOkResponse({ type: RoundResponseReportDoc })
  @ApiNotFoundResponse({ description: 'reporting has no event of this round (yet)' })
  round(@Param() p: RoundIdParams): Promise<RoundResponseReport> {
    return this.service.round(p.id);
  }
}
