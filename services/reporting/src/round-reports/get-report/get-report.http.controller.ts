import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { type JsonAnswerCache, sendJsonAnswer } from '@civic/platform';
import type { Request, Response } from 'express';
import { RoundIdParams } from '../round-id.params';
import { GetReportService } from './get-report.service';
import { RoundReportDoc } from './round-report.openapi';

/** The reports as served: each read again only after a report table changed. */
export const REPORT_ANSWERS = Symbol('REPORT_ANSWERS');

/** Every table a round report is read from (RoundReportReadStore): a write to one of them clears the served reports. */
export const REPORT_TABLES = ['report_round', 'report_round_project', 'report_round_experts', 'report_assignment', 'report_draft_assignment'] as const;

@ApiTags('round reports')
@Authorize('admin', 'service')
@Controller('rounds')
export class GetReportHttpController {
  constructor(
    private readonly service: GetReportService,
    @Inject(REPORT_ANSWERS) private readonly answers: JsonAnswerCache,
  ) {}

  @Get(':id/report')
  @ApiOperation({
    summary: 'Coverage and fill by district, issue type, university and discipline; teams and lead universities; answers; unfilled slots; optimal vs stable; mixed vs one-university',
  })
  @ApiOkResponse({ type: RoundReportDoc, description: 'the report; `complete` is true once every announced assignment has arrived. Its ETag changes with it (If-None-Match: 304)' })
  @ApiNotFoundResponse({ description: 'reporting has no event of this round (yet)' })
  async report(@Param() p: RoundIdParams, @Req() req: Request, @Res() res: Response): Promise<void> {
    await sendJsonAnswer(req, res, await this.answers.answer(p.id, () => this.service.report(p.id)));
  }
}
