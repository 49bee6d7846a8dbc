import { DomainError } from '@civic/contracts';
import { httpStatusOf } from '@civic/platform';
import { importPayloadOf, readImportRows } from './import-payload';

const COLUMNS = ['external_key', 'name', 'tags'] as const;

/** The HTTP status and the (field, rule) pairs of the DomainError `fn` throws. */
function refusal(fn: () => unknown): { status: number; details: string[] } {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { status: httpStatusOf(e.code), details: (e.details ?? []).map((d) => `${d.field}/${d.rule}`) };
  }
  throw new Error('expected a DomainError');
}

describe('importPayloadOf', () => {
  it('takes text/csv bytes as UTF-8 text, dropping a byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('external_key\r\n', 'utf8')]);
    expect(importPayloadOf('text/csv; charset=utf-8', bytes)).toEqual({ format: 'csv', text: 'external_key\r\n' });
  });

  it('refuses bytes that are not UTF-8 with 400 body/utf8, and another declared charset with 415', () => {
    expect(refusal(() => importPayloadOf('text/csv', Buffer.from([0xc4, 0xe3, 0xba, 0xc3])))).toEqual({ status: 400, details: ['body/utf8'] });
    expect(refusal(() => importPayloadOf('text/csv; charset=gbk', Buffer.from('a')))).toMatchObject({ status: 415 });
  });

  it('keeps a JSON body as its text and refuses other media types with 415', () => {
    expect(importPayloadOf('application/json', { rows: [] })).toEqual({ format: 'json', text: '{"rows":[]}' });
    expect(refusal(() => importPayloadOf('text/plain', 'x'))).toMatchObject({ status: 415 });
  });
});

describe('readImportRows', () => {
  it('maps CSV records to their columns in any header order, numbering rows by the line they start on and skipping blank lines', () => {
    const text = 'tags,external_key,name\r\na|b,K1,"two\r\nlines"\r\n\r\n,K2,plain\r\n';
    expect(readImportRows({ format: 'csv', text }, COLUMNS)).toEqual([
      { line: 2, values: { tags: 'a|b', external_key: 'K1', name: 'two\r\nlines' } },
      { line: 5, values: { tags: '', external_key: 'K2', name: 'plain' } },
    ]);
  });

  it('reports a record with the wrong number of fields on its row instead of refusing the file', () => {
    const rows = readImportRows({ format: 'csv', text: 'external_key,name,tags\nK1,x\n' }, COLUMNS);
    expect(rows).toEqual([{ line: 2, values: {}, problems: [expect.objectContaining({ field: 'row', rule: 'columnCount' })] }]);
  });

  it('refuses a file without a header, or whose header misses, adds or repeats a column', () => {
    expect(refusal(() => readImportRows({ format: 'csv', text: '' }, COLUMNS)).details).toEqual(['header/required']);
    expect(refusal(() => readImportRows({ format: 'csv', text: 'external_key,name\n' }, COLUMNS)).details).toEqual(['header/columns']);
    expect(refusal(() => readImportRows({ format: 'csv', text: 'external_key,name,tags,colour\n' }, COLUMNS)).details).toEqual(['header/columns']);
    expect(refusal(() => readImportRows({ format: 'csv', text: 'external_key,name,tags,name\n' }, COLUMNS)).details).toEqual(['header/columns']);
  });

  it('refuses broken quoting as body/csv', () => {
    expect(refusal(() => readImportRows({ format: 'csv', text: 'external_key,name,tags\n"K1,x,y\n' }, COLUMNS)).details).toEqual(['body/csv']);
  });

  it('numbers JSON rows by position and marks a row that is not an object', () => {
    expect(readImportRows({ format: 'json', text: '{"rows":[{"externalKey":"K1"},"nope"]}' }, COLUMNS)).toEqual([
      { line: 1, values: { externalKey: 'K1' } },
      { line: 2, values: {}, problems: [expect.objectContaining({ field: 'row', rule: 'isObject' })] },
    ]);
  });

  it('refuses a JSON body without rows, or with other properties', () => {
    expect(refusal(() => readImportRows({ format: 'json', text: '[]' }, COLUMNS)).details).toEqual(['rows/isArray']);
    expect(refusal(() => readImportRows({ format: 'json', text: '{"rows":[],"extra":1}' }, COLUMNS)).details).toEqual(['extra/whitelistValidation']);
  });
});
