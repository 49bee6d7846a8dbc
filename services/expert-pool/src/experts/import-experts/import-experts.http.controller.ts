import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { EXPERT_CSV_COLUMNS } from '@civic/catalogue';
import { ImportJobView, toImportJobView } from '@civic/imports';
import type { Request, Response } from 'express';
import { ImportExpertsQueryDto } from './import-experts.dto';
import { ImportExpertsService } from './import-experts.service';

const CSV_EXAMPLE =
  EXPERT_CSV_COLUMNS.join(',') +
  '\r\nT000002,孙悦逸（虚拟）,Sun Yueyi (synthetic),teacher,tongji,tj_law,law,1,flexible,P00053,31.283,121.502' +
  '\r\nT000005,郑安（虚拟）,Zheng An (synthetic),teacher,fdu,fdu_jour,journalism,1,flexible,P00131|P00011|P00053,31.299,121.503\r\n';

@ApiTags('expert imports')
@Controller('experts/imports')
export class ImportExpertsHttpController {
  constructor(private readonly service: ImportExpertsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Import teachers or students from teachers.csv / students.csv or JSON rows',
    description:
      'The file is read and its header checked at once (a bad file is refused with 4xx and nothing is stored); the rows are then ' +
      'checked and written by a background job whose progress GET /experts/imports/{id} shows. Rows are keyed by external key. ' +
      'In a CSV, preferences name projects by their external keys (the projects must be registered first); in JSON rows, by registry ids.',
  })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    description: `text/csv (UTF-8, header ${EXPERT_CSV_COLUMNS.join(',')}; lists joined with '|'), or JSON {"rows": [<POST /experts body>, ...]}`,
    schema: { type: 'string', example: CSV_EXAMPLE },
  })
  @ApiAcceptedResponse({ type: ImportJobView, description: 'the job, queued; Location names it' })
  @ApiBadRequestResponse({ description: 'not UTF-8, not CSV, a missing or wrong header, or a JSON body without rows' })
  @ApiPayloadTooLargeResponse({ description: 'the body is over 20 MB' })
  @ApiUnsupportedMediaTypeResponse({ description: 'neither text/csv nor application/json' })
  async submit(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Query() query: ImportExpertsQueryDto): Promise<ImportJobView> {
    const upload = { contentType: req.headers['content-type'], body: req.body };
    const job = await this.service.submit(upload, query.mode ?? 'all-or-nothing', query.kind ? { kind: query.kind } : {});
    res.setHeader('Location', `/experts/imports/${job.id}`);
    return toImportJobView(job);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Progress and row errors of an expert import' })
  @ApiOkResponse({ type: ImportJobView })
  @ApiNotFoundResponse({ description: 'no such import' })
  async get(@Param('id') id: string): Promise<ImportJobView> {
    return toImportJobView(await this.service.get(id));
  }
}
