/**
 * The team policy against its MIP oracle on larger random instances than `npm test` can afford (HiGHS needs
 * seconds to minutes from about 15 projects on): per instance the engine's answer, its certified bound and the
 * MIP optimum, and whether they agree.
 *   npm run oracle:teams [-- --runs N] [--projects MIN-MAX] [--experts MIN-MAX] [--limit SECONDS] [--seed S]
 * Exit 0 when every finished MIP equals the engine's answer and no bound is below a MIP optimum, 1 otherwise.
 */
import type { MatchingResultV1 } from '@civic/contracts';
import { solve } from '@civic/matching-engine';
import { generateRandomInstance, highsTeamOptimum, mulberry32 } from '@civic/matching-engine/testing';
import { readToolArgs, type ToolArgs } from '../cli/cli-args';

const USAGE = 'usage: npm run oracle:teams [-- --runs N] [--projects MIN-MAX] [--experts MIN-MAX] [--limit SECONDS] [--seed S]';

/** A MIN-MAX (or N) option: positive integers, MIN <= MAX. */
const range = (args: ToolArgs, name: string, fallback: string): [number, number] => {
  const text = args.text(name, fallback);
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  const [a, b] = m ? [Number(m[1]), Number(m[2] ?? m[1])] : [NaN, NaN];
  if (!(a >= 1 && b >= a)) {
    process.stderr.write(`--${name} must be MIN-MAX or N (positive integers, MIN <= MAX), got ${text}\n${USAGE}\n`);
    process.exit(2);
  }
  return [a, b];
};

async function main(argv: string[]): Promise<number> {
  const args = readToolArgs(argv, { values: ['runs', 'projects', 'experts', 'limit', 'seed'] }, USAGE);
  const runs = args.int('runs', 10, 1);
  const [pMin, pMax] = range(args, 'projects', '14-20');
  const [eMin, eMax] = range(args, 'experts', '80-140');
  const limit = args.number('limit', 300, 1);
  const rnd = mulberry32(args.int('seed', 1, 0, 2 ** 32 - 1));
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  let failures = 0;
  process.stdout.write('| run | projects | experts | engine (coverage, weight) | bound | gap % | proven | engine s | MIP | MIP s | agrees |\n|---|---|---|---|---|---|---|---|---|---|---|\n');
  for (let run = 1; run <= runs; run++) {
    const { instance, affinity } = generateRandomInstance({
      seed: int(1, 2 ** 31 - 1),
      projects: int(pMin, pMax),
      experts: int(eMin, eMax),
      universities: int(3, 5),
      disciplines: int(3, 8),
      campuses: int(3, 6),
      pins: int(0, 8),
      forbidden: int(0, 15),
      maxProjectsUpTo: rnd() < 0.5 ? int(3, 8) : undefined,
      teamPolicy: 'one-university',
    });
    const t0 = performance.now();
    const result: MatchingResultV1 = solve(instance, { emitEdges: true, scoring: { affinity } });
    const engineS = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const mip = await highsTeamOptimum(instance, result.edges ?? [], { time_limit: limit });
    const mipS = (performance.now() - t1) / 1000;
    const bound = result.stats.bound!;
    const finished = mip.status === 'Optimal';
    const agrees = finished ? mip.coverage === result.objective.coverage && mip.weight === result.objective.weight : null;
    const boundHolds = !finished || bound.coverage > mip.coverage || (bound.coverage === mip.coverage && bound.weight >= mip.weight);
    if (agrees === false || !boundHolds) failures++;
    process.stdout.write(
      `| ${run} | ${instance.projects.length} | ${instance.experts.length} | (${result.objective.coverage}, ${result.objective.weight}) | ` +
        `(${bound.coverage}, ${bound.weight}) | ${result.stats.gapPct ?? '-'} | ${result.stats.teamSearch?.proven ? 'yes' : 'no'} | ${engineS.toFixed(2)} | ` +
        `${finished ? `(${mip.coverage}, ${mip.weight})` : mip.status} | ${mipS.toFixed(1)} | ${agrees === null ? '-' : agrees ? 'yes' : 'NO'}${boundHolds ? '' : ' (bound below optimum!)'} |\n`,
    );
  }
  process.stdout.write(`${failures === 0 ? 'all agree' : `${failures} disagreement(s)`}\n`);
  return failures === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`oracle failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
