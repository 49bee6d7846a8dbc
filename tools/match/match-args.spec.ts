import { parseMatchArgs } from './match-args';

describe('match command-line arguments', () => {
  it('reads instance, out, strategy and emit-edges', () => {
    expect(parseMatchArgs(['--instance', 'i.json', '--out', 'o.json', '--strategy', 'stable', '--emit-edges'])).toEqual({
      instance: 'i.json',
      out: 'o.json',
      strategy: 'stable',
      emitEdges: true,
    });
  });

  it('requires instance and out, and rejects unknown strategies and arguments', () => {
    expect(parseMatchArgs(['--instance', 'i.json'])).toEqual({ error: '--instance and --out are required' });
    expect(parseMatchArgs(['--instance', 'i.json', '--out', 'o', '--strategy', 'greedy'])).toEqual({
      error: '--strategy must be optimal or stable, got greedy',
    });
    expect(parseMatchArgs(['--verbose'])).toEqual({ error: 'unknown argument --verbose' });
    expect(parseMatchArgs(['--out'])).toEqual({ error: '--out needs a value' });
  });
});
