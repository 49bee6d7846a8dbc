import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authorize, Caller, type Principal } from '@civic/auth';
import { type EventFeedPage, EventFeedPageDoc, EventFeedQueryDto } from './read-feed.dto';
import { ReadFeedService } from './read-feed.service';

@ApiTags('event feed')
@Authorize('admin', 'service')
@Controller('events')
export class ReadFeedHttpController {
  constructor(private readonly service: ReadFeedService) {}

  /** Events after a cursor, oldest first; replayable from the start. `coordinators.set` is served to administrators only. */
  @Get()
  @ApiOkResponse({ type: EventFeedPageDoc, description: 'a page of events and the cursor to continue from' })
  page(@Query() q: EventFeedQueryDto, @Caller() caller: Principal | undefined): Promise<EventFeedPage> {
    return this.service.page(q, caller);
  }
}
