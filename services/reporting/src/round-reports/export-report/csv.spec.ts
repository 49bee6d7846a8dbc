import { csvField, toCsv } from './csv';

describe('CSV export', () => {
  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.25)).toBe('0.25');
  });

  it('neutralises spreadsheet formulas but keeps negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-3)).toBe('-3');
  });

  it('writes a header and one CRLF-terminated row per record, after a BOM', () => {
    expect(toCsv(['key', 'n'], [{ key: 'huangpu', n: 9 }, { key: '黄浦', n: 1 }])).toBe('\uFEFFkey,n\r\nhuangpu,9\r\n黄浦,1\r\n');
  });
});
