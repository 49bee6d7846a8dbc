import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DomainError } from '@civic/contracts';
import { createValidationPipe } from './validation.pipe';

class PageOfThings {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsIn(['proposed', 'accepted'], { each: true }) status?: string[];
}

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();
  const asQuery = { type: 'query' as const, metatype: PageOfThings };

  it('gives a query it has validated before the same DTO again, a copy of its own for each request', async () => {
    const first = (await pipe.transform({ limit: '20', status: ['proposed'] }, asQuery)) as PageOfThings;
    first.limit = 1;
    first.status!.push('accepted');
    const again = (await pipe.transform({ limit: '20', status: ['proposed'] }, asQuery)) as PageOfThings;
    const third = (await pipe.transform({ limit: '20', status: ['proposed'] }, asQuery)) as PageOfThings;
    expect(again).toBeInstanceOf(PageOfThings);
    expect(again).toEqual(Object.assign(new PageOfThings(), { limit: 20, status: ['proposed'] }));
    expect(third).not.toBe(again);
    expect(third.status).not.toBe(again.status);
  });

  it('refuses an invalid query every time, naming the field and the rule', async () => {
    for (let i = 0; i < 2; i++) {
      const refused = await pipe.transform({ limit: '0' }, asQuery).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DomainError);
      expect((refused as DomainError).details).toEqual([expect.objectContaining({ field: 'limit', rule: 'min' })]);
      await expect(pipe.transform({ limit: '5', extra: 'x' }, asQuery)).rejects.toBeInstanceOf(DomainError);
    }
  });

  it('validates bodies every time (they are not kept)', async () => {
    const body = { type: 'body' as const, metatype: PageOfThings };
    const a = await pipe.transform({ limit: 3 }, body);
    expect(a).toEqual(Object.assign(new PageOfThings(), { limit: 3 }));
    await expect(pipe.transform({ limit: 900 }, body)).rejects.toBeInstanceOf(DomainError);
  });
});
