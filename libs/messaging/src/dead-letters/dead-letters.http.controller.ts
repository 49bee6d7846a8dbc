import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@civic/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DeadLetter, DeadLetterStore } from './dead-letter.store';

export class ListDeadLettersQueryDto {
  @ApiPropertyOptional({ enum: ['dead', 'replayed'], description: 'only dead letters in this state' })
  @IsOptional()
  @IsIn(['dead', 'replayed'])
  status?: 'dead' | 'replayed';

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

class DeadLetterOriginView {
  @ApiProperty() topic!: string;
  @ApiProperty() partition!: number;
  @ApiProperty() offset!: string;
}

export class DeadLetterView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() consumerGroup!: string;
  @ApiProperty({ type: DeadLetterOriginView, description: 'where the message was first consumed' }) origin!: DeadLetterOriginView;
  @ApiProperty({ nullable: true, type: String }) eventId!: string | null;
  @ApiProperty({ nullable: true, type: String }) eventType!: string | null;
  @ApiProperty({ nullable: true, type: String }) key!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the message value as text' }) value!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) headers!: Record<string, string>;
  @ApiProperty({ description: 'the last error' }) error!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ enum: ['dead', 'replayed'] }) status!: 'dead' | 'replayed';
  @ApiProperty() timesDeadLettered!: number;
  @ApiProperty() replays!: number;
  @ApiProperty() firstFailedAt!: string;
  @ApiProperty() lastFailedAt!: string;
  @ApiProperty({ nullable: true, type: String }) replayedAt!: string | null;
}

export class DeadLetterListView {
  @ApiProperty({ type: DeadLetterView, isArray: true }) deadLetters!: DeadLetterView[];
}

/** Operators' view of the events this service's consumer gave up on, and the way to send one back. */
@ApiTags('operations')
@Controller('admin/dead-letters')
export class DeadLettersHttpController {
  constructor(private readonly store: DeadLetterStore) {}

  @Get()
  @ApiOperation({ summary: "This service's dead letters, newest failure first" })
  @ApiOkResponse({ type: DeadLetterListView })
  async list(@Query() query: ListDeadLettersQueryDto): Promise<{ deadLetters: DeadLetter[] }> {
    return { deadLetters: await this.store.list({ status: query.status, limit: query.limit ?? 100 }) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One dead letter' })
  @ApiOkResponse({ type: DeadLetterView })
  @ApiNotFoundResponse({ description: 'no such dead letter in this service' })
  async get(@Param('id') id: string): Promise<DeadLetter> {
    const letter = await this.store.find(id);
    if (!letter) throw DomainError.notFound('dead letter', id);
    return letter;
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a dead letter back to this service',
    description:
      'Publishes the message to its retry topic, due at once and with a fresh attempt budget; only this service takes it. ' +
      'Applying it goes through the inbox, so a replay of an event that was applied meanwhile changes nothing. If it fails ' +
      'again it comes back here after its retries.',
  })
  @ApiAcceptedResponse({ type: DeadLetterView, description: 'the dead letter, now replayed' })
  @ApiNotFoundResponse({ description: 'no such dead letter in this service' })
  async replay(@Param('id') id: string): Promise<DeadLetter> {
    const letter = await this.store.replay(id);
    if (!letter) throw DomainError.notFound('dead letter', id);
    return letter;
  }
}
