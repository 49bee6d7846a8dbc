import { parseImportArgs } from './import-args';

describe('parseImportArgs', () => {
  it('reads service, file, url and mode, in either --flag value or --flag=value form', () => {
    expect(parseImportArgs(['--service', 'teachers', '--file=/tmp/t.csv', '--url', 'http://127.0.0.1:3002', '--mode', 'valid-rows'])).toEqual({
      ok: true,
      args: { service: 'teachers', file: '/tmp/t.csv', url: 'http://127.0.0.1:3002', mode: 'valid-rows', quiet: false },
    });
  });

  it('defaults to all-or-nothing and the local service', () => {
    expect(parseImportArgs(['--service', 'projects', '--file', 'p.csv'])).toEqual({
      ok: true,
      args: { service: 'projects', file: 'p.csv', url: undefined, mode: 'all-or-nothing', quiet: false },
    });
  });

  it('takes a bearer token', () => {
    const parsed = parseImportArgs(['--service', 'projects', '--file', 'p.csv', '--token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln']);
    expect(parsed).toMatchObject({ ok: true, args: { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' } });
  });

  it.each([
    [['--service', 'projects', '--file', 'p.csv', '--token', 'secret'], '--token must be a JWT (three dot-separated base64url parts)'],
    [['--file', 'p.csv'], '--service is required'],
    [['--service', 'rooms', '--file', 'p.csv'], '--service must be one of projects, teachers, students'],
    [['--service', 'projects'], '--file is required'],
    [['--service', 'projects', '--file', 'p.csv', '--mode', 'some'], '--mode must be one of all-or-nothing, valid-rows'],
    [['--service', 'projects', '--file'], '--file needs a value'],
    [['--service', 'projects', '--file', 'p.csv', '--url', 'localhost'], '--url must be an http(s) URL'],
    [['--service', 'projects', '--verbose'], 'unknown argument --verbose'],
  ])('refuses %j: %s', (argv, error) => {
    expect(parseImportArgs(argv)).toEqual({ ok: false, error });
  });

  it('asks for help', () => {
    expect(parseImportArgs(['--help'])).toEqual({ ok: false, help: true });
  });
});
