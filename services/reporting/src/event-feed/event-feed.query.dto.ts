import { ApiPropertyOptional } from '@nestjs/swagger';
import { EVENT_CATALOG } from '@civic/contracts';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

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

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
