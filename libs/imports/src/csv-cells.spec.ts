import { csvList, csvNumber } from './csv-cells';

describe('csvList', () => {
  it('reads an empty or blank cell as an empty list', () => {
    expect(csvList('')).toEqual([]);
    expect(csvList('  ')).toEqual([]);
  });

  it("splits on '|' and trims each item, keeping the order", () => {
    expect(csvList(' P00053 | P00011|P00131 ')).toEqual(['P00053', 'P00011', 'P00131']);
  });
});

describe('csvNumber', () => {
  it('reads integers and decimals, negative ones too', () => {
    expect(csvNumber('2')).toBe(2);
    expect(csvNumber(' 31.21598 ')).toBe(31.21598);
    expect(csvNumber('-0.5')).toBe(-0.5);
  });

  it('reads an empty cell as absent', () => {
    expect(csvNumber(' ')).toBeUndefined();
  });

  it('keeps text that is not a plain decimal, so the validator can name the column', () => {
    expect(csvNumber('two')).toBe('two');
    expect(csvNumber('1e3')).toBe('1e3');
  });
});
