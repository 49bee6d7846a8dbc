import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventEnvelope } from '@civic/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { SETTLED_ROWS } from './feed-visibility';

/** A feed row: its position (the cursor) and the event. */
export interface FeedRow {
  position: string;
  type: string;
  envelope: EventEnvelope;
}

/** The event feed's table: appended by the consumer, read after a cursor by the HTTP feed and the stream. */
@Injectable()
export class EventFeedStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Appends a consumer transaction's events in one insert (one JSON parameter), in the order they were consumed; an
   * event already in the feed is left as it is. A property, so EventContext.defer groups the events by this function.
   */
  readonly appendAll = async (m: EntityManager, events: EventEnvelope[]): Promise<void> => {
    await m.query(
      `INSERT INTO event_feed (event_id, type, key, occurred_at, envelope)
       SELECT (e->>'id')::uuid, e->>'type', e->>'key', (e->>'occurredAt')::timestamptz, e
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, n)
       ORDER BY n
       ON CONFLICT (event_id) DO NOTHING`,
      [JSON.stringify(events)],
    );
  };

  /** Up to `limit` settled events after `cursor`, oldest first, of `types` only when given, never of the `hidden` types. */
  async after(cursor: string, types: readonly string[] | null, limit: number, hidden: readonly string[] | null = null): Promise<FeedRow[]> {
    return this.db.query(
      `SELECT position, type, envelope FROM event_feed
       WHERE position > $1 AND ($2::text[] IS NULL OR type = ANY($2)) AND ($4::text[] IS NULL OR type <> ALL($4)) AND ${SETTLED_ROWS}
       ORDER BY position LIMIT $3`,
      [cursor, types?.length ? types : null, limit, hidden?.length ? hidden : null],
    );
  }
}
