import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVENT_CATALOG, type EventEnvelope } from '@civic/contracts';
import { PageLimit } from '@civic/platform';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches } from 'class-validator';

/** GET /events and /events/stream: read on after a cursor (the feed is a log, read from a position, not by page number). */
export class EventFeedQueryDto {
  @ApiPropertyOptional({ description: 'the `next` cursor of the previous page; omit to start from the beginning', example: '0' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'after must be a cursor returned by this endpoint' })
  after?: string;

  @ApiPropertyOptional({ description: 'comma-separated event types', example: 'project.registered,expert.registered' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsIn(EVENT_CATALOG.map((e) => e.type), { each: true, message: 'each value in types must be a published event type' })
  types?: string[];

  @PageLimit(100)
  limit?: number;
}
// OpenAPI shapes of the feed; payload schemas per event type are in docs/asyncapi.yaml.

export class EventEnvelopeDoc implements EventEnvelope {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'round.completed' }) type!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ example: 'matching' }) source!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ description: 'the aggregate id (Kafka message key)' }) key!: string;
  @ApiProperty({ type: Object, description: 'the state after the change; schema per type in docs/asyncapi.yaml' }) payload!: unknown;
}

/** The answer's shape; the controller returns it. */
export interface EventFeedPage {
  events: EventEnvelope[];
  /** Pass as `after` to read on; equals the request's cursor when there was nothing new. */
  next: string;
}

export class EventFeedPageDoc implements EventFeedPage {
  @ApiProperty({ type: [EventEnvelopeDoc] }) events!: EventEnvelope[];
  @ApiProperty({ example: '2890', description: 'pass as `after` to read on' }) next!: string;
}
