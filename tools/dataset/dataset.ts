/**
 * The data set generator's command line: a synthetic season as import CSV files plus a matching instance.
 * node -r ./tools/register-paths.js dist/tools/dataset/dataset.js --seed 1 --scale 1 --out /tmp/season
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  generateSeason,
  instanceJsonChunks,
  seasonCsvLines,
  seasonUniversityLimits,
  summarizeSeason,
  toMatchingInstance,
  type SeasonCsvFileName,
} from '@civic/catalogue';
import { USAGE, parseDatasetArgs } from './dataset-args';

/** Where the command writes its report and errors (the process streams, or a buffer in tests). */
export interface DatasetIo {
  out(line: string): void;
  err(line: string): void;
}

const FLUSH_BYTES = 1 << 20;

/** Writes the chunks to a file in ~1 MB batches, so a scale-100 season never sits in memory as one string. */
function writeChunks(file: string, chunks: Iterable<string>): number {
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  try {
    let buffer: string[] = [];
    let pending = 0;
    const flush = (): void => {
      const data = Buffer.from(buffer.join(''), 'utf8');
      fs.writeSync(fd, data);
      bytes += data.length;
      buffer = [];
      pending = 0;
    };
    for (const chunk of chunks) {
      buffer.push(chunk);
      pending += chunk.length;
      if (pending >= FLUSH_BYTES) flush();
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

/** Runs the command; returns the exit code (0 ok, 1 failure while writing, 2 bad arguments). */
export function runDataset(argv: readonly string[], io: DatasetIo): number {
  const parsed = parseDatasetArgs(argv);
  if (!parsed.ok) {
    if ('help' in parsed) {
      io.out(USAGE);
      return 0;
    }
    io.err(`dataset: ${parsed.error}`);
    io.err(USAGE);
    return 2;
  }
  const { seed, scale, out, quiet } = parsed.args;
  const started = process.hrtime.bigint();
  const season = generateSeason({ seed, scale });
  const generatedMs = Number(process.hrtime.bigint() - started) / 1e6;
  try {
    fs.mkdirSync(out, { recursive: true });
    const sizes: Record<string, number> = {};
    const csv = seasonCsvLines(season);
    for (const name of Object.keys(csv) as SeasonCsvFileName[]) {
      sizes[name] = writeChunks(path.join(out, name), csv[name]());
    }
    // The programme's way: one university's team per project, each university leading at most its share.
    const instance = toMatchingInstance(season, { teamPolicy: 'one-university', universityLimits: seasonUniversityLimits(season) });
    sizes['instance.json'] = writeChunks(path.join(out, 'instance.json'), instanceJsonChunks(instance));
    const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (!quiet) report(io, season, sizes, out, generatedMs, totalMs);
    return 0;
  } catch (error) {
    io.err(`dataset: cannot write to ${out}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function report(
  io: DatasetIo,
  season: ReturnType<typeof generateSeason>,
  sizes: Record<string, number>,
  out: string,
  generatedMs: number,
  totalMs: number,
): void {
  const s = summarizeSeason(season);
  io.out(`season seed=${season.seed} scale=${season.scale} (generator v${season.generatorVersion})`);
  io.out(`  projects ${s.projects}  teachers ${s.teachers}  students ${s.students}`);
  io.out(`  districts ${s.districts}  universities ${s.universities}  colleges ${s.colleges}  disciplines ${s.disciplines}`);
  io.out(
    `  primary issue types: ${Object.entries(s.byPrimaryIssueType)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  io.out(
    `  community types: ${Object.entries(s.byCommunityType)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  io.out(`  teacher slots: min sum ${s.teacherMinSum}, max sum ${s.teacherMaxSum}, capacity ${s.teacherCapacity}`);
  io.out(`  student slots: min sum ${s.studentMinSum}, max sum ${s.studentMaxSum}, capacity ${s.studentCapacity}`);
  io.out(`  minimums satisfiable: ${s.minimumsSatisfiable ? 'yes' : 'NO'}; experts with preferences ${s.expertsWithPreferences}`);
  const limits = seasonUniversityLimits(season);
  io.out(
    `  university limits (maxProjects, sum ${Object.values(limits).reduce((n, l) => n + l.maxProjects, 0)}): ${Object.entries(limits)
      .map(([u, l]) => `${u} ${l.maxProjects}`)
      .join(', ')}`,
  );
  for (const [name, bytes] of Object.entries(sizes)) io.out(`  wrote ${path.join(out, name)} (${bytes} bytes)`);
  io.out(`  generated in ${generatedMs.toFixed(0)} ms, written in ${totalMs.toFixed(0)} ms`);
}

if (require.main === module) {
  process.exitCode = runDataset(process.argv.slice(2), {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
  });
}
