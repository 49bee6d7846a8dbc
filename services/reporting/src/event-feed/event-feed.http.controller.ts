import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Authorize } from '@civic/auth';
import type { EventEnvelope } from '@civic/contracts';
import { DataSource } from 'typeorm';
import { EventFeedPageDoc, type EventFeedPage } from './event-feed.openapi';
import { EventFeedQueryDto } from './event-feed.query.dto';
import { SETTLED_ROWS } from './feed-visibility';

@ApiTags('event feed')
@Authorize('admin', 'service')
@Controller('events')
export class EventFeedHttpController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Events after a cursor, oldest first; replayable from the start. */
  @Get()
  @ApiOkResponse({ type: EventFeedPageDoc, description: 'a page of events and the cursor to continue from' })
  async page(@Query() q: EventFeedQueryDto): Promise<EventFeedPage> {
    const after = q.after ?? '0';
    const rows: Array<{ position: string; envelope: EventEnvelope }> = await this.db.query(
      `SELECT position, envelope FROM event_feed WHERE position > $1 AND ($2::text[] IS NULL OR type = ANY($2)) AND ${SETTLED_ROWS} ORDER BY position LIMIT $3`,
      [after, q.types?.length ? q.types : null, q.limit ?? 100],
    );
    return { events: rows.map((r) => r.envelope), next: rows.length ? rows[rows.length - 1].position : after };
  }
}
