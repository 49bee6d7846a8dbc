/**
 * Command-line arguments of the data set generator: `--seed N --scale K --out DIR`.
 */
import { MAX_SCALE } from '@civic/catalogue';
import { readCli } from '../cli/cli-args';

export interface DatasetArgs {
  seed: number;
  scale: number;
  out: string;
  quiet: boolean;
}

export type ParsedArgs = { ok: true; args: DatasetArgs } | { ok: false; help: true } | { ok: false; error: string };

export const USAGE = `Usage: dataset --seed N --scale K --out DIR [--quiet]

Writes DIR/projects.csv, DIR/teachers.csv, DIR/students.csv and DIR/instance.json (matching contract v1)
for a synthetic 美好社区 先锋行动 season: scale 1 = 175 projects, 541 teachers, 830 students.

  --seed N     integer 0..4294967295; the same seed and scale always give the same bytes
  --scale K    integer 1..${MAX_SCALE}; multiplies every count (default 1)
  --out DIR    output directory (created when missing; existing files are overwritten)
  --quiet      print nothing but errors
  --help       show this text`;

const INTEGER = /^\d+$/;

/** Parses argv (without node and script); reports the first problem as a message. */
export function parseDatasetArgs(argv: readonly string[]): ParsedArgs {
  const read = readCli(argv, { values: ['seed', 'scale', 'out'], flags: ['quiet'] });
  if (!read.ok) return read;
  if (read.help) return { ok: false, help: true };
  const { values } = read;
  const quiet = read.flags.has('quiet');
  if (values.seed === undefined) return { ok: false, error: '--seed is required' };
  if (values.out === undefined) return { ok: false, error: '--out is required' };
  const seed = INTEGER.test(values.seed) ? Number(values.seed) : NaN;
  if (!(seed >= 0 && seed <= 0xffffffff)) {
    return { ok: false, error: `--seed must be an integer 0..4294967295, got ${values.seed}` };
  }
  const scaleText = values.scale ?? '1';
  const scale = INTEGER.test(scaleText) ? Number(scaleText) : NaN;
  if (!(scale >= 1 && scale <= MAX_SCALE)) {
    return { ok: false, error: `--scale must be an integer 1..${MAX_SCALE}, got ${scaleText}` };
  }
  return { ok: true, args: { seed, scale, out: values.out, quiet } };
}
