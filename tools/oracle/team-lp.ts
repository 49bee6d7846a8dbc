/**
 * How far the engine's one-university answer on the generated Shanghai season (seed 1, scale 1, all pairs) is from
 * the best bound its method can give: the team LP (column generation with HiGHS, testing/team-lp-bound.ts) beside
 * the engine's incumbent and certified bound, without and with the season's university limits. The LP splits the
 * engine's gap into the bound's share (engine bound - LP) and what is left between the LP and the incumbent
 * (integrality gap plus what the incumbent misses). Takes minutes (HiGHS re-solves a master of thousands of columns).
 *   npm run oracle:team-lp [-- --scale 1] [--rounds N]
 */
import type { MatchingInstanceV1 } from '@civic/contracts';
import { generateSeason, seasonUniversityLimits, toMatchingInstance } from '@civic/catalogue';
import { solve } from '@civic/matching-engine';
import { teamLpBound } from '@civic/matching-engine/testing';
import { readToolArgs } from '../cli/cli-args';

const USAGE = 'usage: npm run oracle:team-lp [-- --scale 1] [--rounds N]';

async function main(argv: string[]): Promise<void> {
  const args = readToolArgs(argv, { values: ['scale', 'rounds'] }, USAGE);
  const scale = args.int('scale', 1, 1);
  const rounds = args.int('rounds', 200, 1);
  const season = generateSeason({ seed: 1, scale });
  const base = toMatchingInstance(season, scale === 1 ? {} : { candidateLimitPerExpert: 50 });
  const cases: Array<[string, MatchingInstanceV1]> = [
    ['no limits', { ...base, options: { ...base.options, teamPolicy: 'one-university' } }],
    ["the season's limits", { ...base, options: { ...base.options, teamPolicy: 'one-university', universityLimits: seasonUniversityLimits(season) } }],
  ];
  const pct = (a: number, b: number): string => ((100 * (a - b)) / a).toFixed(3);
  process.stdout.write(
    `season seed 1, scale ${scale}\n| case | engine (coverage, weight) | engine bound | engine gap % | LP (HiGHS) | LP bound, exact | rounds, columns | bound's share % | LP - incumbent % | seconds |\n|---|---|---|---|---|---|---|---|---|---|\n`,
  );
  for (const [name, instance] of cases) {
    const result = solve(instance);
    const t0 = performance.now();
    const lp = await teamLpBound(instance, result.objective, rounds);
    const seconds = (performance.now() - t0) / 1000;
    const { coverage, weight } = result.objective;
    const bound = result.stats.bound!;
    const sameCoverage = bound.coverage === coverage && lp.bound.coverage === coverage;
    const lpWeight = lp.lpValue - lp.big * coverage;
    process.stdout.write(
      `| ${name} | ${coverage}, ${weight} | ${bound.coverage}, ${bound.weight} | ${result.stats.gapPct ?? '-'} | ${lpWeight.toFixed(1)}${lp.converged ? '' : ' (not converged)'} | ` +
        `${lp.bound.coverage}, ${lp.bound.weight} | ${lp.rounds}, ${lp.columns} | ${sameCoverage ? pct(bound.weight, lp.bound.weight) : '-'} | ` +
        `${sameCoverage ? pct(lp.bound.weight, weight) : '-'} | ${seconds.toFixed(0)} |\n`,
    );
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
