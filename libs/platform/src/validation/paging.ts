import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The most items one page of any list endpoint returns (docs/architecture.md, "Shared shapes"). */
export const MAX_PAGE_LIMIT = 1000;

/**
 * The page size of a list endpoint (`limit`, or `pageSize` on the registries' numbered pages): an optional integer
 * from 1 to MAX_PAGE_LIMIT; `defaultLimit` is what the endpoint uses when it is absent.
 */
export function PageLimit(defaultLimit: number): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ default: defaultLimit, minimum: 1, maximum: MAX_PAGE_LIMIT, example: defaultLimit }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_PAGE_LIMIT),
  ) as PropertyDecorator;
}

/** `?limit=`: the query of a list endpoint that has no filter of its own (newest first, at most `limit`). */
export class PageLimitQuery {
  @PageLimit(50)
  limit?: number;
}
