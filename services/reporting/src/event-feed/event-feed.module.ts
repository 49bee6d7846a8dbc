import { Module } from '@nestjs/common';
import { EventFeedEventsController } from './event-feed.events.controller';
import { EventFeedStore } from './event-feed.store';
import { ReadFeedHttpController } from './read-feed/read-feed.http.controller';
import { ReadFeedService } from './read-feed/read-feed.service';
import { StreamFeedHttpController } from './stream-feed/stream-feed.http.controller';

/** The event feed: every contract event, in arrival order, read over HTTP from a cursor or pushed as server-sent events. */
@Module({ controllers: [EventFeedEventsController, StreamFeedHttpController, ReadFeedHttpController], providers: [EventFeedStore, ReadFeedService] })
export class EventFeedModule {}
