import { parseMatchArgs } from './match-args';

describe('match command-line arguments', () => {
  it('reads instance, out, strategy and emit-edges', () => {
    expect(parseMatchArgs(['--instance', 'i.json', '--out', 'o.json', '--strategy', 'stable', '--emit-edges'])).toEqual({
      instance: 'i.json',
      out: 'o.json',
      strategy: 'stable',
      emitEdges: true,
      repeat: 0,
    });
  });

  it('reads --repeat as a count of warm solves after the first, 0 by default', () => {
    expect(parseMatchArgs(['--instance', 'i.json', '--out', 'o.json', '--repeat', '5'])).toMatchObject({ repeat: 5 });
    expect(parseMatchArgs(['--instance', 'i.json', '--out', 'o.json', '--repeat', '-1'])).toEqual({ error: '--repeat must be an integer 0..1000, got -1' });
    expect(parseMatchArgs(['--instance', 'i.json', '--out', 'o.json', '--repeat', 'two'])).toEqual({ error: '--repeat must be an integer 0..1000, got two' });
  });

  it('requires instance and out, and rejects unknown strategies and arguments', () => {
    expect(parseMatchArgs(['--instance', 'i.json'])).toEqual({ error: '--instance and --out are required' });
    expect(parseMatchArgs(['--instance', 'i.json', '--out', 'o', '--strategy', 'greedy'])).toEqual({
      error: '--strategy must be optimal or stable, got greedy',
    });
    expect(parseMatchArgs(['--verbose'])).toEqual({ error: 'unknown argument --verbose' });
    expect(parseMatchArgs(['--out'])).toEqual({ error: '--out needs a value' });
  });

  it('answers --help and -h with a request for the usage, whatever else is given', () => {
    expect(parseMatchArgs(['--help'])).toEqual({ help: true });
    expect(parseMatchArgs(['--instance', 'i.json', '-h'])).toEqual({ help: true });
  });
});
