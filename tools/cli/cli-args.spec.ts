import { readCli } from './cli-args';

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
