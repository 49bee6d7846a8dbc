import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EVENT_CATALOG, EventEnvelope } from '@civic/contracts';
import { EventContext } from '@civic/messaging';
import type { EntityManager } from 'typeorm';

/** Appends every contract event to the feed that other systems read over HTTP, in the order reporting received them. */
@Controller()
export class EventFeedEventsController {
  @EventPattern(EVENT_CATALOG.map((e) => e.type))
  append(@Payload() event: EventEnvelope, @Ctx() ctx: EventContext): void {
    ctx.defer(appendToFeed, event);
  }
}

/** One insert for the consumer transaction's events (one JSON parameter), positions in the order they were consumed. */
async function appendToFeed(m: EntityManager, events: EventEnvelope[]): Promise<void> {
  await m.query(
    `INSERT INTO event_feed (event_id, type, key, occurred_at, envelope)
     SELECT (e->>'id')::uuid, e->>'type', e->>'key', (e->>'occurredAt')::timestamptz, e
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, n)
     ORDER BY n
     ON CONFLICT (event_id) DO NOTHING`,
    [JSON.stringify(events)],
  );
}
