import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EVENT_CATALOG, EventEnvelope } from '@civic/contracts';
import { EventContext } from '@civic/messaging';
import { EventFeedStore } from './event-feed.store';

/** Appends every contract event to the feed that other systems read over HTTP, in the order reporting received them. */
@Controller()
export class EventFeedEventsController {
  constructor(private readonly feed: EventFeedStore) {}

  @EventPattern(EVENT_CATALOG.map((e) => e.type))
  append(@Payload() event: EventEnvelope, @Ctx() ctx: EventContext): void {
    ctx.defer(this.feed.appendAll, event);
  }
}
