import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { RoundIdParams } from '../round-id.params';
import type { RoundReport } from '../round-report.types';
import { GetReportService } from './get-report.service';
import { RoundReportDoc } from './round-report.openapi';

@ApiTags('round reports')
@Authorize('admin', 'service')
@Controller('rounds')
export class GetReportHttpController {
  constructor(private readonly service: GetReportService) {}

  @Get(':id/report')
  @ApiOperation({
    summary: 'Coverage and fill by district, issue type, university and discipline; teams and lead universities; answers; unfilled slots; optimal vs stable; mixed vs one-university',
  })
  @ApiOkResponse({ type: RoundReportDoc, description: 'the report; `complete` is true once every announced assignment has arrived' })
  @ApiNotFoundResponse({ description: 'reporting has no event of this round (yet)' })
  report(@Param() p: RoundIdParams): Promise<RoundReport> {
    return this.service.report(p.id);
  }
}
