/**
 * The team policy against its MIP oracle on larger random instances than `npm test` can afford (HiGHS needs
 * seconds to minutes from about 15 projects on): per instance the engine's answer, its certified bound and the
 * MIP optimum, and whether they agree.
 *   npm run oracle:teams [-- --runs N] [--projects MIN-MAX] [--experts MIN-MAX] [--limit SECONDS] [--seed S]
 * Exit 0 when every finished MIP equals the engine's answer and no bound is below a MIP optimum, 1 otherwise.
 */
import type { MatchingResultV1 } from '@civic/contracts';
import { generateRandomInstance, highsTeamOptimum, mulberry32, solve } from '@civic/matching-engine';

const range = (text: string): [number, number] => {
  const [a, b] = text.split('-').map(Number);
  return [a, b ?? a];
};

async function main(argv: string[]): Promise<number> {
  const get = (name: string, fallback: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
  };
  const runs = Number(get('--runs', '10'));
  const [pMin, pMax] = range(get('--projects', '14-20'));
  const [eMin, eMax] = range(get('--experts', '80-140'));
  const limit = Number(get('--limit', '300'));
  const rnd = mulberry32(Number(get('--seed', '1')));
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
