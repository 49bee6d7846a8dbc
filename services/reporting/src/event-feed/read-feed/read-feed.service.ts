import { Injectable } from '@nestjs/common';
import type { Principal } from '@civic/auth';
import { EventFeedStore } from '../event-feed.store';
import { checkFeedTypes, hiddenFeedTypes } from '../feed-audience';
import type { EventFeedPage, EventFeedQueryDto } from './read-feed.dto';

/** GET /events: the events after a cursor that the caller may read, oldest first, and the cursor to read on from. */
@Injectable()
export class ReadFeedService {
  constructor(private readonly feed: EventFeedStore) {}

  async page(q: EventFeedQueryDto, caller: Principal | undefined): Promise<EventFeedPage> {
    const hidden = hiddenFeedTypes(caller);
    checkFeedTypes(q.types, hidden);
    const after = q.after ?? '0';
    const rows = await this.feed.after(after, q.types ?? null, q.limit ?? 100, hidden);
    return { events: rows.map((r) => r.envelope), next: rows.length ? rows[rows.length - 1].position : after };
  }
}
