import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Page } from '@civic/contracts';

/** The most items one page of any list endpoint returns (docs/architecture.md, "Shared shapes"). */
export const MAX_PAGE_LIMIT = 1000;
/** The page size of a list endpoint when the request names none. */
export const DEFAULT_PAGE_SIZE = 50;
/** The highest page number a request may ask for. */
export const MAX_PAGE = 100_000;

/**
 * A page size: an optional integer from 1 to MAX_PAGE_LIMIT; `defaultLimit` is what the endpoint uses when it is
 * absent. PageQuery's `pageSize` uses it; the event feed's `limit` (a cursor, not numbered pages) too.
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

/**
 * `?page=&pageSize=`: the paging of every list endpoint (numbered pages from 1, at most MAX_PAGE_LIMIT items each).
 * An endpoint with filters extends it.
 */
export class PageQuery {
  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @PageLimit(DEFAULT_PAGE_SIZE)
  pageSize?: number;
}

/** A request's page: its number, its size and the rows to skip (the defaults applied). */
export interface PageRequest {
  page: number;
  pageSize: number;
  offset: number;
}

/** The page a PageQuery asks for, with the defaults applied. */
export function pageOf(q: PageQuery): PageRequest {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** The Page answer for `items` of the request `at`. */
export function toPage<T>(items: T[], at: PageRequest, total: number): Page<T> {
  return { items, page: at.page, pageSize: at.pageSize, total };
}

/** OpenAPI of a Page's fields besides `items` (a list endpoint's view extends it and declares `items`). */
export class PageDoc {
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: DEFAULT_PAGE_SIZE }) pageSize!: number;
  @ApiProperty({ example: 175, description: 'items matching the filters, over all pages' }) total!: number;
}
