import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DomainError, type DeadLetterView as DeadLetter, type Page } from '@civic/contracts';
import { DeadLetterStore } from '@civic/messaging';
import { IsIn, IsOptional } from 'class-validator';
import { PageDoc, pageOf, PageQuery, toPage } from '../validation/paging';

/** GET /admin/dead-letters: newest failure first, by page. */
export class ListDeadLettersQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: ['dead', 'replayed'], description: 'only dead letters in this state' })
  @IsOptional()
  @IsIn(['dead', 'replayed'])
  status?: 'dead' | 'replayed';
}

class DeadLetterOriginView {
  @ApiProperty() topic!: string;
  @ApiProperty() partition!: number;
  @ApiProperty() offset!: string;
}

/** A dead letter as the endpoints answer it (the contract's DeadLetterView, described for OpenAPI). */
export class DeadLetterView implements DeadLetter {
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

export class DeadLetterPageView extends PageDoc {
  @ApiProperty({ type: DeadLetterView, isArray: true, description: 'newest failure first' }) items!: DeadLetterView[];
}

/** Operators' view of the events this service's consumer gave up on, and the way to send one back. */
@ApiTags('operations')
@Controller('admin/dead-letters')
export class DeadLettersHttpController {
  constructor(private readonly store: DeadLetterStore) {}

  @Get()
  @ApiOperation({ summary: "This service's dead letters, newest failure first" })
  @ApiOkResponse({ type: DeadLetterPageView })
  async list(@Query() query: ListDeadLettersQueryDto): Promise<Page<DeadLetter>> {
    const at = pageOf(query);
    const filter = { status: query.status };
    const [items, total] = await Promise.all([this.store.list(filter, at), this.store.count(filter)]);
    return toPage(items, at, total);
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
