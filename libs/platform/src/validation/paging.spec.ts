import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_LIMIT, pageOf, PageQuery, toPage } from './paging';

/** The (field, rule) pairs a query string breaks. */
const problems = (query: Record<string, string>) =>
  validateSync(plainToInstance(PageQuery, query)).flatMap((e) => Object.keys(e.constraints ?? {}).map((rule) => `${e.property}/${rule}`));

describe('PageQuery', () => {
  it('takes pages from 1 and page sizes from 1 to MAX_PAGE_LIMIT, and names the field and rule of anything else', () => {
    expect(problems({ page: '3', pageSize: String(MAX_PAGE_LIMIT) })).toEqual([]);
    expect(problems({ pageSize: String(MAX_PAGE_LIMIT + 1) })).toEqual(['pageSize/max']);
    expect(problems({ page: '0', pageSize: '1.5' })).toEqual(['page/min', 'pageSize/isInt']);
  });

  it('applies the defaults and turns a page into the rows to skip', () => {
    expect(pageOf({})).toEqual({ page: 1, pageSize: DEFAULT_PAGE_SIZE, offset: 0 });
    expect(pageOf({ page: 3, pageSize: 20 })).toEqual({ page: 3, pageSize: 20, offset: 40 });
  });

  it('answers every list in one shape', () => {
    expect(toPage(['a', 'b'], pageOf({ page: 2, pageSize: 2 }), 5)).toEqual({ items: ['a', 'b'], page: 2, pageSize: 2, total: 5 });
  });
});
