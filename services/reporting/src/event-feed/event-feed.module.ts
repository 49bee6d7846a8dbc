import { Module } from '@nestjs/common';
import { EventFeedEventsController } from './event-feed.events.controller';
import { EventFeedHttpController } from './event-feed.http.controller';

@Module({ controllers: [EventFeedEventsController, EventFeedHttpController] })
export class EventFeedModule {}
