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
import { PROJECT_CSV_COLUMNS } from '@civic/catalogue';
import { ImportJobView, ImportModeQueryDto, toImportJobView } from '@civic/imports';
import type { Request, Response } from 'express';
import { ImportProjectsService } from './import-projects.service';

const CSV_EXAMPLE =
  PROJECT_CSV_COLUMNS.join(',') +
  '\r\nP00001,新华路街道·“两旧一村”改造治理（虚拟项目 P00001）,"Two olds and one village, Changning District (synthetic project P00001)",changning,310105,310105004,,residential,two_old_one_village|quasi_residential|pain_points,,1,2,1,3,31.21598,121.40499\r\n';

@ApiTags('project imports')
@Controller('projects/imports')
export class ImportProjectsHttpController {
  constructor(private readonly service: ImportProjectsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Import projects from projects.csv or JSON rows',
    description:
      'The file is read and its header checked at once (a bad file is refused with 4xx and nothing is stored); the rows are then ' +
      'checked and written by a background job whose progress GET /projects/imports/{id} shows. Rows are keyed by external key: ' +
      'a new key registers a project (project.registered), a changed row updates it (project.updated), an identical row changes nothing.',
  })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    description: `text/csv (UTF-8, header ${PROJECT_CSV_COLUMNS.join(',')}; lists joined with '|'), or JSON {"rows": [<POST /projects body>, ...]}`,
    schema: { type: 'string', example: CSV_EXAMPLE },
  })
  @ApiAcceptedResponse({ type: ImportJobView, description: 'the job, queued; Location names it' })
  @ApiBadRequestResponse({ description: 'not UTF-8, not CSV, a missing or wrong header, or a JSON body without rows' })
  @ApiPayloadTooLargeResponse({ description: 'the body is over 20 MB' })
  @ApiUnsupportedMediaTypeResponse({ description: 'neither text/csv nor application/json' })
  async submit(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Query() query: ImportModeQueryDto): Promise<ImportJobView> {
    const job = await this.service.submit({ contentType: req.headers['content-type'], body: req.body }, query.mode ?? 'all-or-nothing');
    res.setHeader('Location', `/projects/imports/${job.id}`);
    return toImportJobView(job);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Progress and row errors of a project import' })
  @ApiOkResponse({ type: ImportJobView })
  @ApiNotFoundResponse({ description: 'no such import' })
  async get(@Param('id') id: string): Promise<ImportJobView> {
    return toImportJobView(await this.service.get(id));
  }
}
