import { Injectable } from '@nestjs/common';
import { EventFeedStore } from '../event-feed.store';
import type { EventFeedPage, EventFeedQueryDto } from './read-feed.dto';

/** GET /events: the events after a cursor, oldest first, and the cursor to read on from. */
@Injectable()
export class ReadFeedService {
  constructor(private readonly feed: EventFeedStore) {}

  async page(q: EventFeedQueryDto): Promise<EventFeedPage> {
    const after = q.after ?? '0';
    const rows = await this.feed.after(after, q.types ?? null, q.limit ?? 100);
    return { events: rows.map((r) => r.envelope), next: rows.length ? rows[rows.length - 1].position : after };
  }
}
