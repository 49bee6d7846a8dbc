import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { ReadModelStore, type ReadModelSummary } from './read-model.store';

@ApiTags('read model')
@Authorize('admin')
@Controller('read-model')
export class ReadModelHttpController {
  constructor(private readonly store: ReadModelStore) {}

  /** How many projects and experts matching knows of: what a round would see now. */
  @Get('summary')
  @ApiOkResponse({ description: 'counts of the projects and experts in the read model' })
  summary(): Promise<ReadModelSummary> {
    return this.store.summary();
  }
}
