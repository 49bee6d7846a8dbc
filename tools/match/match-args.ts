/**
 * Command-line arguments of the offline matcher (tools/match/match.ts).
 */
import type { MatchingStrategy } from '@civic/contracts';

export interface MatchArgs {
  instance: string;
  out: string;
  strategy?: MatchingStrategy;
  emitEdges: boolean;
}

export const MATCH_USAGE =
  'usage: npm run match -- --instance FILE --out FILE [--strategy optimal|stable] [--emit-edges]';

/** Parses argv (without node and script); returns the arguments or a usage error message. */
export function parseMatchArgs(argv: readonly string[]): MatchArgs | { error: string } {
  let instance: string | undefined;
  let out: string | undefined;
  let strategy: MatchingStrategy | undefined;
  let emitEdges = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string | undefined => {
      const v = argv[i + 1];
      i++;
      return v === undefined || v.startsWith('--') ? undefined : v;
    };
    switch (arg) {
      case '--instance':
        instance = value();
        if (instance === undefined) return { error: '--instance needs a file' };
        break;
      case '--out':
        out = value();
        if (out === undefined) return { error: '--out needs a file' };
        break;
      case '--strategy': {
        const s = value();
        if (s !== 'optimal' && s !== 'stable') return { error: `--strategy must be optimal or stable, got ${s ?? 'nothing'}` };
        strategy = s;
        break;
      }
      case '--emit-edges':
        emitEdges = true;
        break;
      default:
        return { error: `unknown argument ${arg}` };
    }
  }
  if (!instance || !out) return { error: '--instance and --out are required' };
  return { instance, out, strategy, emitEdges };
}
