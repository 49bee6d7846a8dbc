/**
 * Command-line arguments of the offline matcher (tools/match/match.ts).
 */
import type { MatchingStrategy } from '@civic/contracts';
import { readCli } from '../cli/cli-args';

export interface MatchArgs {
  instance: string;
  out: string;
  strategy?: MatchingStrategy;
  emitEdges: boolean;
  /** Solves the instance this many more times after the first and reports their median (warm code). */
  repeat: number;
}

export const MATCH_USAGE =
  'usage: npm run match -- --instance FILE --out FILE [--strategy optimal|stable] [--emit-edges] [--repeat N]';

/** Parses argv (without node and script); returns the arguments, a usage error message, or a request for the usage. */
export function parseMatchArgs(argv: readonly string[]): MatchArgs | { error: string } | { help: true } {
  const read = readCli(argv, { values: ['instance', 'out', 'strategy', 'repeat'], flags: ['emit-edges'] });
  if (!read.ok) return { error: read.error };
  if (read.help) return { help: true };
  const { instance, out, strategy } = read.values;
  const emitEdges = read.flags.has('emit-edges');
  const repeat = read.values.repeat === undefined ? 0 : Number(read.values.repeat);
  if (!Number.isInteger(repeat) || repeat < 0 || repeat > 1000) return { error: `--repeat must be an integer 0..1000, got ${read.values.repeat}` };
  if (strategy !== undefined && strategy !== 'optimal' && strategy !== 'stable') return { error: `--strategy must be optimal or stable, got ${strategy}` };
  if (!instance || !out) return { error: '--instance and --out are required' };
  return { instance, out, strategy, emitEdges, repeat };
}
