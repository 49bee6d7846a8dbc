/**
 * What a round's snapshot costs matching's event loop, in CPU ms of this thread (median of --repeats), at the
 * season's size and with --extra projects added (what the load script's imports add while rounds run):
 *
 * - on the loop (before 2026-12-06): every read-model row parsed on its own (as pg parses a jsonb column), the
 *   instance built, serialised for round_input and structured-cloned to the engine's worker;
 * - through the worker (now): the two JSON texts PostgreSQL aggregates sent to the worker, its built snapshot
 *   received, and the instance parsed once for the storing phase. What the worker itself spends is printed beside.
 *
 *   node -r ./tools/register-paths.js dist/tools/load/round-loop-cost.js [--extra 5000] [--repeats 7]
 */
import { generateSeason, type SeasonExpert, type SeasonProject } from '@civic/catalogue';
import type { ExpertSnapshotV1, ProjectSnapshotV1, RoundOptionsV1 } from '@civic/contracts';
import { serialize, deserialize } from 'node:v8';
import { buildRoundSnapshot, buildSnapshotFromJson, type SnapshotSource } from '../../services/matching/src/shared/domain/round-snapshot';
import { roundScope } from '../../services/matching/src/shared/domain/round-scope';
import { readToolArgs } from '../cli/cli-args';

const USAGE = 'usage: node -r ./tools/register-paths.js dist/tools/load/round-loop-cost.js [--extra 5000] [--repeats 7]';

const OPTIONS: RoundOptionsV1 = { maxPerDiscipline: 2, maxDistanceKm: null, candidateLimitPerExpert: 40, responseWindowSeconds: 86_400 };

function projectSnapshot(p: SeasonProject, id = p.id): ProjectSnapshotV1 {
  const { nameZh, nameEn, partnerStreetCodes: _partners, ...rest } = p;
  return { ...rest, projectId: id, externalKey: id, name: nameZh, nameEn, status: 'active', revision: 1 };
}

function expertSnapshot(e: SeasonExpert): ExpertSnapshotV1 {
  const { id, nameZh, nameEn, availability: _availability, ...rest } = e;
  return { ...rest, expertId: id, externalKey: id, name: nameZh, nameEn, available: true, revision: 1 };
}

/** CPU ms of this thread for `work`, the median of `repeats` runs after one warm-up. */
function cpuMs(work: () => unknown, repeats: number): number {
  work();
  const runs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const before = process.cpuUsage();
    work();
    const used = process.cpuUsage(before);
    runs.push((used.user + used.system) / 1000);
  }
  return Math.round(runs.sort((a, b) => a - b)[Math.floor(repeats / 2)] * 10) / 10;
}

function main(): void {
  const argv = process.argv.slice(2);
  const args = readToolArgs(argv, { values: ['extra', 'repeats'] }, USAGE);
  const extra = args.int('extra', 5000, 0);
  const repeats = args.int('repeats', 7, 1);
  const season = generateSeason({ seed: 1, scale: 1 });
  const more = generateSeason({ seed: 5, scale: 1 }).projects;
  const experts = [...season.teachers, ...season.students].map(expertSnapshot);
  console.log('| projects + experts | on the loop: rows parsed, instance built, stored and cloned (ms) | through the worker: texts sent, snapshot received, instance parsed once (ms) | in the worker (ms) |');
  console.log('|---|---:|---:|---:|');
  for (const added of [0, extra]) {
    const projects = [...season.projects.map((p) => projectSnapshot(p)), ...Array.from({ length: added }, (_, i) => projectSnapshot(more[i % more.length], `X${i}`))];
    // What pg hands to JSON.parse, one text per row, and what json_agg returns, one text per table.
    const projectRows = projects.map((p) => JSON.stringify(p));
    const expertRows = experts.map((e) => JSON.stringify(e));
    const source: SnapshotSource = { projectsJson: `[${projectRows.join(',')}]`, expertsJson: `[${expertRows.join(',')}]`, scope: roundScope(null), strategy: 'stable', options: OPTIONS, held: [] };
    const onLoop = cpuMs(() => {
      const snap = buildRoundSnapshot(projectRows.map((r) => JSON.parse(r)), expertRows.map((r) => JSON.parse(r)), source.scope, source.strategy, source.options);
      JSON.stringify(snap.instance);
      JSON.stringify(snap.expertGroups);
      serialize({ id: 1, job: { kind: 'solve', instance: snap.instance } });
    }, repeats);
    const built = buildSnapshotFromJson(source);
    const reply = serialize({ id: 1, message: { type: 'snapshot', snapshot: built } });
    const throughWorker = cpuMs(() => {
      serialize({ id: 1, job: { kind: 'snapshot', source } });
      deserialize(reply);
      JSON.parse(built.instanceJson);
      JSON.stringify(built.expertGroups);
      serialize({ id: 2, job: { kind: 'solve', instance: built.instanceJson } });
    }, repeats);
    const inWorker = cpuMs(() => buildSnapshotFromJson(source), repeats);
    console.log(`| ${projects.length} + ${experts.length} | ${onLoop} | ${throughWorker} | ${inWorker} |`);
  }
}

if (require.main === module) main();
