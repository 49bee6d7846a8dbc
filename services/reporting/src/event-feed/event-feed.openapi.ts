import { ApiProperty } from '@nestjs/swagger';
import type { EventEnvelope } from '@civic/contracts';

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
