import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import type { Response } from 'express';
import { RoundIdParams } from '../round-id.params';
import { type CsvFile, ReportCsvQuery } from './export-report.dto';
import { ExportReportService } from './export-report.service';

@ApiTags('round reports')
@Authorize('admin', 'service')
@Controller('rounds')
export class ExportReportHttpController {
  constructor(private readonly service: ExportReportService) {}

  @Get(':id/report.csv')
  @ApiOperation({ summary: 'One table of the report as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv (UTF-8 with BOM)' })
  @ApiNotFoundResponse({ description: 'reporting has no event of this round (yet)' })
  async reportCsv(@Param() p: RoundIdParams, @Query() q: ReportCsvQuery, @Res() res: Response): Promise<void> {
    sendCsv(res, await this.service.table(p.id, q.table));
  }

  @Get(':id/assignments.csv')
  @ApiOperation({ summary: 'Every assignment of the round with its current status, as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv (UTF-8 with BOM)' })
  @ApiNotFoundResponse({ description: 'reporting has no event of this round (yet)' })
  async assignmentsCsv(@Param() p: RoundIdParams, @Res() res: Response): Promise<void> {
    sendCsv(res, await this.service.assignments(p.id));
  }
}

function sendCsv(res: Response, file: CsvFile): void {
  res.status(200).type('text/csv; charset=utf-8').setHeader('content-disposition', `attachment; filename="${file.filename}"`);
  res.send(file.body);
}
