import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateSeason, seasonUniversityLimits } from '@civic/catalogue';
import type { MatchingInstanceV1 } from '@civic/contracts';
import { parseDatasetArgs } from './dataset-args';
import { runDataset } from './dataset';

function capture(): { io: { out(l: string): void; err(l: string): void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
}

const FILES = ['projects.csv', 'teachers.csv', 'students.csv', 'instance.json'];

describe('parseDatasetArgs', () => {
  it('accepts --seed, --scale and --out as separate or inline values', () => {
    expect(parseDatasetArgs(['--seed', '7', '--scale', '10', '--out', '/tmp/x'])).toEqual({
      ok: true,
      args: { seed: 7, scale: 10, out: '/tmp/x', quiet: false },
    });
    expect(parseDatasetArgs(['--seed=0', '--out=/tmp/y', '--quiet'])).toEqual({
      ok: true,
      args: { seed: 0, scale: 1, out: '/tmp/y', quiet: true },
    });
  });

  it.each([
    [['--out', 'd'], '--seed is required'],
    [['--seed', '1'], '--out is required'],
    [['--seed', 'abc', '--out', 'd'], '--seed must be an integer'],
    [['--seed', '-3', '--out', 'd'], '--seed must be an integer 0..4294967295, got -3'],
    [['--seed', '4294967296', '--out', 'd'], '--seed must be an integer'],
    [['--seed', '1', '--scale', '0', '--out', 'd'], '--scale must be an integer 1..'],
    [['--seed', '1', '--scale', '2.5', '--out', 'd'], '--scale must be an integer 1..'],
    [['--seed', '1', '--scale', '100000', '--out', 'd'], '--scale must be an integer 1..'],
    [['--seed', '1', '--out'], '--out needs a value'],
    [['--seed', '1', '--seed', '2', '--out', 'd'], '--seed given twice'],
    [['--seed', '1', '--out', 'd', '--colour'], 'unknown argument --colour'],
  ])('rejects %j with a clear message', (argv, message) => {
    const parsed = parseDatasetArgs(argv);
    expect(parsed.ok).toBe(false);
    expect('error' in parsed && parsed.error).toContain(message);
  });

  it('recognises --help', () => {
    expect(parseDatasetArgs(['--help'])).toEqual({ ok: false, help: true });
  });
});

describe('runDataset', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-dataset-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exits 2 with the reason and the usage on bad arguments, writing nothing', () => {
    const c = capture();
    expect(runDataset(['--seed', 'one', '--out', path.join(dir, 'bad')], c.io)).toBe(2);
    expect(c.err[0]).toBe('dataset: --seed must be an integer 0..4294967295, got one');
    expect(c.err.join('\n')).toContain('Usage: dataset --seed N --scale K --out DIR');
    expect(fs.existsSync(path.join(dir, 'bad'))).toBe(false);
  });

  it('writes the three CSV files and instance.json, and prints the counts', () => {
    const c = capture();
    const out = path.join(dir, 'a');
    expect(runDataset(['--seed', '1', '--scale', '1', '--out', out], c.io)).toBe(0);
    for (const f of FILES) expect(fs.existsSync(path.join(out, f))).toBe(true);
    expect(c.out.join('\n')).toContain('projects 175  teachers 541  students 830');
    expect(c.out.join('\n')).toContain('minimums satisfiable: yes');

    const instance = JSON.parse(fs.readFileSync(path.join(out, 'instance.json'), 'utf8')) as MatchingInstanceV1;
    expect(instance.version).toBe(1);
    expect(instance.projects).toHaveLength(175);
    expect(instance.experts).toHaveLength(541 + 830);
    expect(instance.options).toEqual({
      strategy: 'optimal',
      maxPerDiscipline: 2,
      maxDistanceKm: null,
      candidateLimitPerExpert: null,
      teamPolicy: 'one-university',
      universityLimits: seasonUniversityLimits(generateSeason({ seed: 1, scale: 1 })),
    });
    const limits = Object.values(instance.options!.universityLimits!);
    expect(limits).toHaveLength(10);
    expect(limits.reduce((n, l) => n + l.maxProjects, 0)).toBeGreaterThan(175);
    expect(c.out.join('\n')).toMatch(/university limits \(maxProjects, sum \d+\): ecnu \d+, ecupl \d+/);

    const projects = fs.readFileSync(path.join(out, 'projects.csv'), 'utf8').split('\r\n');
    expect(projects[0].startsWith('external_key,name_zh,name_en,district_id')).toBe(true);
    expect(projects).toHaveLength(1 + 175 + 1); // header, rows, empty string after the final CRLF
  });

  it('writes the same bytes for the same seed and scale', () => {
    const a = path.join(dir, 'same1');
    const b = path.join(dir, 'same2');
    expect(runDataset(['--seed', '42', '--scale', '2', '--out', a, '--quiet'], capture().io)).toBe(0);
    expect(runDataset(['--seed', '42', '--scale', '2', '--out', b, '--quiet'], capture().io)).toBe(0);
    for (const f of FILES) expect(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f)))).toBe(true);
  });

  it('prints nothing with --quiet', () => {
    const c = capture();
    expect(runDataset(['--seed', '3', '--out', path.join(dir, 'q'), '--quiet'], c.io)).toBe(0);
    expect(c.out).toEqual([]);
    expect(c.err).toEqual([]);
  });

  it('exits 1 when the output directory cannot be created', () => {
    const file = path.join(dir, 'plain-file');
    fs.writeFileSync(file, 'x');
    const c = capture();
    expect(runDataset(['--seed', '1', '--out', path.join(file, 'sub')], c.io)).toBe(1);
    expect(c.err[0]).toMatch(/^dataset: cannot write to /);
  });
});
