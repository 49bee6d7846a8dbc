/**
 * Offline matcher: reads a contract v1 instance, solves it with the matching engine and writes the result. The
 * instance's options (strategy, team policy, university limits, ...) apply; the summary shows the teams and the
 * certified bound and gap.
 *   npm run match -- --instance FILE --out FILE [--strategy optimal|stable] [--emit-edges] [--repeat N]
 * It reports its first solve (the one a user waits for: this fresh process's code is cold) and, with --repeat N,
 * the median of N more solves of the same instance (warm code), to compare.
 * Exit codes: 0 solved, 2 usage error or invalid instance (every problem printed), 1 anything else.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { MatchingInstanceV1, MatchingResultV1 } from '@civic/contracts';
import { InstanceValidationError, solve } from '@civic/matching-engine';
import { MATCH_USAGE, parseMatchArgs } from './match-args';

/** Writes a result as JSON; edges go out in chunks so very large results never become one string. */
export function writeResult(file: string, result: MatchingResultV1): void {
  const { edges, ...rest } = result;
  const head = JSON.stringify(rest, null, 1);
  const fd = openSync(file, 'w');
  try {
    if (!edges) {
      writeSync(fd, `${head}\n`);
      return;
    }
    writeSync(fd, `${head.slice(0, -2)},\n "edges": [`);
    const chunk = 10_000;
    for (let i = 0; i < edges.length; i += chunk) {
      const part = edges
        .slice(i, i + chunk)
        .map((e) => JSON.stringify(e))
        .join(',\n  ');
      writeSync(fd, `${i === 0 ? '\n  ' : ',\n  '}${part}`);
    }
    writeSync(fd, '\n ]\n}\n');
  } finally {
    closeSync(fd);
  }
}

function main(argv: readonly string[]): number {
  const args = parseMatchArgs(argv);
  if ('help' in args) {
    process.stdout.write(`${MATCH_USAGE}\n`);
    return 0;
  }
  if ('error' in args) {
    process.stderr.write(`${args.error}\n${MATCH_USAGE}\n`);
    return 2;
  }
  let instance: MatchingInstanceV1;
  try {
    instance = JSON.parse(readFileSync(args.instance, 'utf8')) as MatchingInstanceV1;
  } catch (e) {
    process.stderr.write(`cannot read instance ${args.instance}: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.strategy && instance && typeof instance === 'object') {
    instance = { ...instance, options: { ...instance.options, strategy: args.strategy } };
  }
  let result: MatchingResultV1;
  let firstMs: number;
  try {
    const t0 = performance.now();
    result = solve(instance, { emitEdges: args.emitEdges });
    firstMs = performance.now() - t0;
  } catch (e) {
    if (e instanceof InstanceValidationError) {
      process.stderr.write(`invalid instance ${args.instance}: ${e.issues.length} problem(s)\n`);
      for (const issue of e.issues) process.stderr.write(`  ${issue.element}: ${issue.message}\n`);
      return 2;
    }
    throw e;
  }
  // performance.now() counts from the process's start: module loading and reading the instance included.
  const answeredAt = performance.now();
  writeResult(args.out, result);
  const { objective, stats } = result;
  process.stdout.write(
    `${result.strategy}: coverage ${objective.coverage}, weight ${objective.weight}, ` +
      `${result.assignments.length} assignments, ${result.underfilled.length} under-filled slots, ` +
      `${result.unassigned.length} unassigned experts, ${stats.eligiblePairs} eligible pairs, ` +
      `${stats.solveMs.toFixed(1)} ms -> ${args.out}\n`,
  );
  let timing = `first solve ${firstMs.toFixed(1)} ms (cold code, answered ${answeredAt.toFixed(0)} ms after the process started)`;
  if (args.repeat > 0) {
    const warm: number[] = [];
    for (let i = 0; i < args.repeat; i++) {
      const t = performance.now();
      solve(instance, { emitEdges: args.emitEdges });
      warm.push(performance.now() - t);
    }
    warm.sort((a, b) => a - b);
    const median = warm.length % 2 ? warm[warm.length >> 1] : (warm[warm.length / 2 - 1] + warm[warm.length / 2]) / 2;
    timing += `; ${args.repeat} more solves: median ${median.toFixed(1)} ms (warm), first / warm ${(firstMs / median).toFixed(2)}`;
  }
  process.stdout.write(`${timing}\n`);
  const policy = instance.options?.teamPolicy ?? 'mixed';
  const bound = stats.bound ? `bound (${stats.bound.coverage}, ${stats.bound.weight}), gap ${stats.gapPct === null ? 'in coverage' : `${stats.gapPct}%`}` : 'no bound (stable)';
  const search = stats.teamSearch ? `, ${stats.teamSearch.proven ? 'proven optimal' : 'certified, not proven'}` : '';
  process.stdout.write(`${policy} teams: ${result.teams.length} projects with a team; ${bound}${search}\n`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`match failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  }
}
