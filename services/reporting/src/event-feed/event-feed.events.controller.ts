import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EVENT_CATALOG, EventEnvelope } from '@civic/contracts';
import { EventContext } from '@civic/messaging';

/** Appends every contract event to the feed that other systems read over HTTP, in the order reporting received them. */
@Controller()
export class EventFeedEventsController {
  @EventPattern(EVENT_CATALOG.map((e) => e.type))
  async append(@Payload() event: EventEnvelope, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO event_feed (event_id, type, key, occurred_at, envelope) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING`,
      [event.id, event.type, event.key, event.occurredAt, JSON.stringify(event)],
    );
  }
}
