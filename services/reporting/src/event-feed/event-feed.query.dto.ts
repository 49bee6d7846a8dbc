import { ApiPropertyOptional } from '@nestjs/swagger';
import { EVENT_CATALOG } from '@civic/contracts';
import { PageLimit } from '@civic/platform';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches } from 'class-validator';

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
