import { readCli, readToolArgs, type ToolArgs } from './cli-args';

describe('readCli', () => {
  const spec = { values: ['seed', 'out'], flags: ['quiet'] };

  it('reads --name value, --name=value and flags', () => {
    const read = readCli(['--seed', '7', '--out=/tmp/a b', '--quiet'], spec);
    expect(read).toEqual({ ok: true, values: { seed: '7', out: '/tmp/a b' }, flags: new Set(['quiet']), help: false });
  });

  it.each([
    [['--seed'], '--seed needs a value'],
    [['--seed', '--out', 'x'], '--seed needs a value'],
    [['--seed='], '--seed needs a value'],
    [['--seed', '1', '--seed', '2'], '--seed given twice'],
    [['--colour', 'red'], 'unknown argument --colour'],
    [['seed'], 'unknown argument seed'],
    [['--quiet=yes'], 'unknown argument --quiet=yes'],
  ])('refuses %j: %s', (argv, error) => {
    expect(readCli(argv, spec)).toEqual({ ok: false, error });
  });

  it('understands --help and -h unless the tool has no help', () => {
    expect(readCli(['--seed', '1', '-h'], spec)).toEqual({ ok: true, help: true });
    expect(readCli(['--help'], { ...spec, help: false })).toEqual({ ok: false, error: 'unknown argument --help' });
  });
});

describe('readToolArgs', () => {
  const spec = { values: ['runs', 'limit', 'seed'], flags: ['quiet'] };
  const exit = (code: number): never => {
    throw new Error(`exit ${code}`);
  };
  let stdout: jest.SpyInstance;
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  it('gives typed values and their fallbacks', () => {
    const args = readToolArgs(['--runs', '3', '--limit=2.5', '--quiet'], spec, 'usage: t', exit);
    expect(args.int('runs', 10, 1)).toBe(3);
    expect(args.number('limit', 300, 0)).toBe(2.5);
    expect(args.int('seed', 1)).toBe(1);
    expect(args.text('seed', 'none')).toBe('none');
    expect(args.flags.has('quiet')).toBe(true);
  });

  it('prints the usage and exits 0 on --help', () => {
    expect(() => readToolArgs(['--help'], spec, 'usage: t', exit)).toThrow('exit 0');
    expect(stdout).toHaveBeenCalledWith('usage: t\n');
  });

  it.each([
    [['--colour', 'red'], (a: ToolArgs) => a, 'unknown argument --colour'],
    [['--runs', 'x'], (a: ToolArgs) => a.int('runs', 10, 1), '--runs must be an integer >= 1, got x'],
    [['--runs', '0'], (a: ToolArgs) => a.int('runs', 10, 1), '--runs must be an integer >= 1, got 0'],
    [['--runs', '2.5'], (a: ToolArgs) => a.int('runs', 10, 1, 5), '--runs must be an integer 1..5, got 2.5'],
    [['--limit', '-1'], (a: ToolArgs) => a.number('limit', 300, 0), '--limit must be a number >= 0, got -1'],
  ])('refuses %j with exit 2 naming the argument and its rule', (argv, use, error) => {
    expect(() => use(readToolArgs(argv, spec, 'usage: t', exit))).toThrow('exit 2');
    expect(stderr).toHaveBeenCalledWith(`${error}\nusage: t\n`);
  });
});
