import { csvRow, CSV_EOL, toCsv } from '@civic/catalogue';
import { CsvSyntaxError, decodeUtf8, NotUtf8Error, parseCsv } from './csv';

describe('parseCsv', () => {
  it('splits CRLF records into fields and numbers each record by its line', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\r\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
    ]);
  });

  it('accepts bare LF line ends and a last record without a line end', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields, and counts the lines they span', () => {
    const records = parseCsv('k,v\r\n1,"a, ""quoted""\r\nsecond line"\r\n2,x\r\n');
    expect(records).toEqual([
      { line: 1, fields: ['k', 'v'] },
      { line: 2, fields: ['1', 'a, "quoted"\r\nsecond line'] },
      { line: 4, fields: ['2', 'x'] },
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv(',,\r\na,,\r\n"",b,')).toEqual([
      { line: 1, fields: ['', '', ''] },
      { line: 2, fields: ['a', '', ''] },
      { line: 3, fields: ['', 'b', ''] },
    ]);
  });

  it('returns a blank line as a record with one empty field (the caller decides to skip it)', () => {
    expect(parseCsv('a\r\n\r\nb\r\n')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: [''] },
      { line: 3, fields: ['b'] },
    ]);
  });

  it('returns no records for empty text', () => {
    expect(parseCsv('')).toEqual([]);
  });

  it('reads back exactly what the catalogue writer produced, Chinese text and quotes included', () => {
    const rows = [
      ['P00001', '西凌新邨“联小建大”物业治理', 'Xiling, "Lian Xiao Jian Da"', 'a|b', 3],
      ['P00002', '长兴家园', 'multi\r\nline', '', 0],
    ];
    const text = toCsv(['external_key', 'name_zh', 'name_en', 'list', 'n'], rows);
    const parsed = parseCsv(text);
    expect(parsed.map((r) => r.fields)).toEqual([['external_key', 'name_zh', 'name_en', 'list', 'n'], ...rows.map((r) => r.map(String))]);
    expect(parsed.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(csvRow(parsed[1].fields) + CSV_EOL).toBe(text.split(CSV_EOL)[1] + CSV_EOL);
  });

  it('refuses a quoted field that is never closed, naming the line it starts on', () => {
    expect(() => parseCsv('a,b\r\n1,"open\r\n2,3\r\n')).toThrow(new CsvSyntaxError(2, 'a quoted field is never closed'));
  });

  it('refuses a quote in the middle of an unquoted field', () => {
    expect(() => parseCsv('a,b\r\n1,ab"c\r\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,b\r\n1,ab"c\r\n')).toThrow(/^line 2: /);
  });

  it('refuses text after a closing quote', () => {
    expect(() => parseCsv('"a"b,c\r\n')).toThrow(/line 1: a closing quote must be followed/);
  });
});

describe('decodeUtf8', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('黄浦区,huangpu', 'utf8')]);
    expect(decodeUtf8(bytes)).toBe('黄浦区,huangpu');
  });

  it('refuses GBK bytes (a spreadsheet saved in the legacy Chinese encoding)', () => {
    // 黄浦 in GBK
    expect(() => decodeUtf8(new Uint8Array([0xbb, 0xc6, 0xc6, 0xd6]))).toThrow(NotUtf8Error);
  });

  it('refuses UTF-16 text', () => {
    expect(() => decodeUtf8(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x00, 0xd8]))).toThrow(NotUtf8Error);
  });
});
