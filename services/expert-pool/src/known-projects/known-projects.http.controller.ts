import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { KnownProjectsService } from './known-projects.service';
import { Authorize } from '@civic/auth';

export class KnownProjectsSummaryView {
  @ApiProperty({ example: 175 })
  active!: number;

  @ApiProperty({ example: 0 })
  withdrawn!: number;
}

@ApiTags('known projects')
@Authorize('admin')
@Controller('known-projects')
export class KnownProjectsHttpController {
  constructor(private readonly service: KnownProjectsService) {}

  /** How many registry projects expert-pool has heard of: an expert import whose preferences name them can go ahead. */
  @Get('summary')
  @ApiOperation({ summary: "Counts of the registry's projects as expert-pool knows them (through Kafka)" })
  @ApiOkResponse({ type: KnownProjectsSummaryView })
  summary(): Promise<KnownProjectsSummaryView> {
    return this.service.summary();
  }
}
