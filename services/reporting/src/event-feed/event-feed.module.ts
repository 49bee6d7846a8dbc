import { Module } from '@nestjs/common';
import { EventFeedEventsController } from './event-feed.events.controller';
import { EventFeedHttpController } from './event-feed.http.controller';
import { EventStreamHttpController } from './event-stream.http.controller';

@Module({ controllers: [EventFeedEventsController, EventStreamHttpController, EventFeedHttpController] })
export class EventFeedModule {}
