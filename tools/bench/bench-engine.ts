/**
 * Benchmark of the matching engine on the generated Shanghai season (seed 1): scale 1 with all pairs, scales 10
 * and 100 with candidateLimitPerExpert 50. Per scale: eligible pairs, solve time (median), peak memory, the same
 * instance solved by HiGHS (lexicographic LPs, structured input, with a time limit), and at scale 1 the time to
 * re-match one decline. Each scale runs in its own child process so peak memory is its own.
 * Runs are back to back with no forced garbage collection between them: a forced full collection (`--gc-each-run`,
 * the behaviour of earlier versions) makes the next solve about 2.5x slower at scale 1, a state normal operation
 * does not produce. The first solves of the fresh child process are reported apart (cold: what a new process
 * pays), and at scale 1 the first job of matching's compiled engine worker, which warms up as the service starts it.
 * Then the same instance under the one-university team policy (and at scales 1 and 10 once more with the season's
 * university limits, as `npm start` runs it): time, coverage and weight with the certified bound
 * and gap, the price of the policy against mixed, and at scale 1 the time to re-match a member's decline and a
 * university's decline of a project (`--skip-teams` leaves this out).
 * The OR-tools peer (tools/ortools-peer, `--skip-ortools` leaves it out) solves the same network with OR-tools'
 * SimpleMinCostFlow in a JVM of its own, checks the objective, and its Solve() times sit beside the engine's.
 *   npm run bench:engine [-- --scales 1,10,100] [--highs-limit SECONDS] [--runs N] [--gc-each-run] [--skip-teams]
 *     [--skip-ortools]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MatchingInstanceV1, MatchingResultV1 } from '@civic/contracts';
import { generateSeason, seasonUniversityLimits, toMatchingInstance } from '@civic/catalogue';
import { createEngineContext, rematch, solve, solveContext, solveOptimal } from '@civic/matching-engine';
import { highsOptimumModel } from '@civic/matching-engine/testing';
import { readToolArgs } from '../cli/cli-args';
import { buildPeerNetwork, ensurePeerBuilt, runPeer, type PeerRun } from './ortools-peer';

/** What one scale's child process reports. */
export interface ScaleReport {
  scale: number;
  projects: number;
  experts: number;
  candidateLimit: number | null;
  eligiblePairs: number;
  runs: number;
  solveMsMedian: number;
  /** The first solve in the fresh process (no warm-up). */
  coldMs: number;
  /** The first solves of the fresh process, in order (how fast the code warms up). */
  firstSolvesMs: number[];
  /** Scale 1: the first job of the matching service's engine worker (compiled, warmed up as the service starts
   *  it): its own scoring + solving time, and from posting the job (while the warm-up ran) to its answer. */
  serviceWorker: { jobMs: number; answeredAfterMs: number } | { skipped: string } | null;
  gcEachRun: boolean;
  /** Process CPU time (user + system) of a solve, median: less sensitive to other processes' load. */
  solveCpuMsMedian: number;
  solveMsMin: number;
  solveMsMax: number;
  scoringMsMedian: number;
  flowMsMedian: number;
  flowCounters: Record<string, number>;
  coverage: number;
  weight: number;
  assignments: number;
  underfilled: number;
  unassigned: number;
  peakRssMb: number;
  baseRssMb: number;
  peakHeapMb: number;
  stableMsMedian: number | null;
  stableWeight: number | null;
  highs: {
    status: string;
    seconds: number;
    wallSeconds: number;
    cpuSeconds: number;
    coverage: number;
    weight: number;
    agrees: boolean | null;
  } | null;
  rematch: { runs: number; withContextMsMedian: number; coldMsMedian: number; changedAssignments: number; keptOthers: boolean } | null;
  /** OR-tools' SimpleMinCostFlow on the same network (its Solve() alone), or why it was skipped. */
  ortools: (PeerRun & { agrees: boolean; arcsWritten: number }) | { skipped: string } | null;
  /** The same season under the one-university team policy (null with --skip-teams). */
  teams: TeamPolicyReport | null;
  /** The same again with the season's university limits, as `npm start` runs it (scales 1 and 10; else null). */
  limitedTeams: TeamPolicyReport | null;
}

/** The one-university policy on one scale: time, the certified answer, and its price against mixed. */
export interface TeamPolicyReport {
  runs: number;
  solveMsMedian: number;
  solveCpuMsMedian: number;
  coldMs: number;
  coverage: number;
  weight: number;
  bound: { coverage: number; weight: number };
  gapPct: number | null;
  proven: boolean;
  search: Record<string, number | boolean>;
  teams: number;
  /** Coverage and weight lost against the mixed optimum of the same instance. */
  priceCoverage: number;
  priceWeight: number;
  pricePct: number;
  peakRssMb: number;
  /** Scale 1: re-matching one member's decline and one university's decline of a project. */
  rematch: { runs: number; memberMsMedian: number; universityMsMedian: number; otherProjectsChanged: number } | null;
}

/**
 * Solves the one-university policy `runs` times (after `warmups`) and re-matches at scale 1 (without limits: the
 * limited run measures the solve alone). The price is against `mixed`, the mixed optimum without limits.
 */
function teamPolicyReport(
  scale: number,
  instance: MatchingInstanceV1,
  mixed: MatchingResultV1,
  universityLimits?: Record<string, { maxProjects: number }>,
): TeamPolicyReport {
  const one: MatchingInstanceV1 = { ...instance, options: { ...instance.options, teamPolicy: 'one-university', ...(universityLimits ? { universityLimits } : {}) } };
  const runs = scale === 1 ? 5 : 1;
  const warmups = scale === 1 ? 2 : 0;
  const wall: number[] = [];
  const cpu: number[] = [];
  let coldMs = NaN;
  let result: MatchingResultV1 | null = null;
  for (let i = 0; i < warmups + runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = solve(one);
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    if (i === 0) coldMs = t1 - t0;
    if (i >= warmups) {
      wall.push(t1 - t0);
      cpu.push((c1.user + c1.system) / 1000);
    }
  }
  const r = result!;
  let rematchReport: TeamPolicyReport['rematch'] = null;
  if (scale === 1 && !universityLimits) {
    const ctx = createEngineContext(one);
    const first = solveContext(ctx, performance.now());
    const member: number[] = [];
    const university: number[] = [];
    let otherChanged = 0;
    const teamOf = (res: MatchingResultV1): Map<string, string> =>
      new Map(res.teams.map((t) => [t.projectId, `${t.universityId}:${[...t.teachers, ...t.students].join(',')}`]));
    const before = teamOf(first);
    const declines = 21;
    for (let k = 0; k < declines + 3; k++) {
      const a = first.assignments[(k * 61) % first.assignments.length];
      const t0 = performance.now();
      const byMember = rematch(one, first, [{ expertId: a.expertId, projectId: a.projectId }], { context: ctx });
      const t1 = performance.now();
      const team = first.teams[(k * 37) % first.teams.length];
      const byUniversity = rematch(one, first, [], { context: ctx, universityDeclines: [{ projectId: team.projectId, universityId: team.universityId }] });
      const t2 = performance.now();
      if (k < 3) continue; // warm-up
      member.push(t1 - t0);
      university.push(t2 - t1);
      for (const [res, moved] of [
        [byMember, a.projectId],
        [byUniversity, team.projectId],
      ] as const) {
        const after = teamOf(res);
        for (const [projectId, members] of before) if (projectId !== moved && after.get(projectId) !== members) otherChanged++;
      }
    }
    rematchReport = { runs: declines, memberMsMedian: median(member), universityMsMedian: median(university), otherProjectsChanged: otherChanged };
  }
  const big = 1e12;
  const lost = (mixed.objective.coverage - r.objective.coverage) * big + (mixed.objective.weight - r.objective.weight);
  return {
    runs,
    solveMsMedian: median(wall),
    solveCpuMsMedian: median(cpu),
    coldMs,
    coverage: r.objective.coverage,
    weight: r.objective.weight,
    bound: r.stats.bound!,
    gapPct: r.stats.gapPct,
    proven: r.stats.teamSearch?.proven ?? false,
    search: { ...(r.stats.teamSearch ?? {}) },
    teams: r.teams.length,
    priceCoverage: mixed.objective.coverage - r.objective.coverage,
    priceWeight: mixed.objective.weight - r.objective.weight,
    pricePct: lost >= big ? NaN : Math.round((10_000 * (mixed.objective.weight - r.objective.weight)) / mixed.objective.weight) / 100,
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    rematch: rematchReport,
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/**
 * The matching service's engine worker (compiled, from dist/services) started as the service starts it, with its
 * warm-up, and sent one solve job at once, as a round right after start-up would: the job's own time (scoring +
 * solving, as the worker reports it) and when its answer came after the post.
 */
async function serviceWorkerFirstJob(instance: MatchingInstanceV1): Promise<ScaleReport['serviceWorker']> {
  const entry = resolve(__dirname, '..', '..', 'services', 'matching', 'src', 'shared', 'engine', 'engine.worker.js');
  if (!existsSync(entry)) return { skipped: `no compiled worker at ${entry}` };
  const worker = new Worker(entry, { workerData: { warmUp: true } });
  try {
    const t0 = performance.now();
    const done = await new Promise<{ scoringMs: number; solvingMs: number }>((ok, fail) => {
      worker.on('message', ({ message }: { message: { type: string; scoringMs: number; solvingMs: number; message?: string } }) => {
        if (message.type === 'done') ok(message);
        else if (message.type === 'failed') fail(new Error(message.message));
      });
      worker.on('error', fail);
      worker.postMessage({ id: 1, job: { kind: 'solve', instance } });
    });
    return { jobMs: done.scoringMs + done.solvingMs, answeredAfterMs: performance.now() - t0 };
  } finally {
    await worker.terminate();
  }
}

function instanceFor(scale: number): MatchingInstanceV1 {
  return toMatchingInstance(generateSeason({ seed: 1, scale }), scale === 1 ? {} : { candidateLimitPerExpert: 50 });
}

async function child(
  scale: number,
  runsWanted: number | null,
  highsLimit: number,
  gcEachRun: boolean,
  withTeams: boolean,
  withPeer: boolean,
): Promise<ScaleReport> {
  const instance = instanceFor(scale);
  gc();
  const baseRss = process.memoryUsage().rss;
  const runs = runsWanted ?? (scale === 1 ? 11 : scale === 10 ? 5 : 3);
  // Enough warm-up solves for the JIT to settle (the first few solves at scale 1 run 1.3-3x slower).
  const warmups = scale === 1 ? 10 : scale === 10 ? 3 : 1;
  let peakHeap = 0;
  const total: number[] = [];
  const cpu: number[] = [];
  const scoring: number[] = [];
  const flow: number[] = [];
  let result: MatchingResultV1 | null = null;
  let counters: Record<string, number> = {};
  let coldMs = NaN;
  const firstSolves: number[] = [];
  for (let i = 0; i < warmups + runs; i++) {
    if (gcEachRun) gc();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const ctx = createEngineContext(instance);
    const t1 = performance.now();
    result = solveContext(ctx, t0);
    const t2 = performance.now();
    const c1 = process.cpuUsage(c0);
    if (i === 0) coldMs = t2 - t0;
    if (i < 4) firstSolves.push(t2 - t0);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    // The flow alone, on the same context (not part of the solve time).
    const t3 = performance.now();
    counters = solveOptimal(ctx.prep, ctx.pairs).counters;
    const t4 = performance.now();
    if (i >= warmups) {
      total.push(t2 - t0);
      cpu.push((c1.user + c1.system) / 1000);
      scoring.push(t1 - t0);
      flow.push(t4 - t3);
    }
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const r = result!;

  let stableMs: number | null = null;
  let stableWeight: number | null = null;
  if (scale <= 10) {
    const stable = { ...instance, options: { ...instance.options, strategy: 'stable' as const } };
    const times: number[] = [];
    for (let i = 0; i < (scale === 1 ? 5 : 3); i++) {
      const t = performance.now();
      stableWeight = solve(stable).objective.weight;
      times.push(performance.now() - t);
    }
    stableMs = median(times);
  }

  let rematchReport: ScaleReport['rematch'] = null;
  if (scale === 1) {
    const ctx = createEngineContext(instance);
    const first = solveContext(ctx, performance.now());
    const free = first.assignments.filter((a) => !a.pinned);
    const withContext: number[] = [];
    const cold: number[] = [];
    let changed = 0;
    let keptOthers = true;
    const declines = 21;
    for (let k = 0; k < declines + 3; k++) {
      const a = free[(k * 61) % free.length];
      const declined = [{ expertId: a.expertId, projectId: a.projectId }];
      const t0 = performance.now();
      const next = rematch(instance, first, declined, { context: ctx });
      const t1 = performance.now();
      rematch(instance, first, declined);
      const t2 = performance.now();
      if (k < 3) continue; // warm-up
      withContext.push(t1 - t0);
      cold.push(t2 - t1);
      changed += next.stats.changedAssignments;
      const now = new Set(next.assignments.map((x) => `${x.expertId}|${x.projectId}`));
      for (const x of first.assignments) {
        if (x !== a && !now.has(`${x.expertId}|${x.projectId}`)) keptOthers = false;
      }
    }
    rematchReport = { runs: declines, withContextMsMedian: median(withContext), coldMsMedian: median(cold), changedAssignments: changed, keptOthers };
  }

  const edges = highsLimit > 0 || withPeer ? solve(instance, { emitEdges: true }).edges! : [];
  let ortools: ScaleReport['ortools'] = null;
  if (withPeer) {
    const why = ensurePeerBuilt((line) => process.stderr.write(`${line}\n`));
    if (why) ortools = { skipped: why };
    else {
      const network = buildPeerNetwork(instance, edges);
      const peer = runPeer(network, scale === 1 ? 11 : scale === 10 ? 6 : 3);
      ortools = { ...peer, arcsWritten: network.tail.length, agrees: peer.status === 'OPTIMAL' && peer.coverage === r.objective.coverage && peer.weight === r.objective.weight };
    }
  }

  let highs: ScaleReport['highs'] = null;
  if (highsLimit > 0) {
    const t = performance.now();
    const c = process.cpuUsage();
    const cpuSeconds = (): number => {
      const d = process.cpuUsage(c);
      return (d.user + d.system) / 1e6;
    };
    try {
      const h = await highsOptimumModel(instance, edges, highsLimit);
      const wall = (performance.now() - t) / 1000;
      const agrees = h.status === 'optimal' ? h.coverage === r.objective.coverage && Math.abs(h.weight - r.objective.weight) < 1e-6 : null;
      highs = { status: h.status, seconds: h.runSeconds, wallSeconds: wall, cpuSeconds: h.runCpuSeconds, coverage: h.coverage, weight: h.weight, agrees };
    } catch (e) {
      highs = {
        status: `failed: ${(e as Error).message.slice(0, 80)}`,
        seconds: NaN,
        wallSeconds: (performance.now() - t) / 1000,
        cpuSeconds: cpuSeconds(),
        coverage: NaN,
        weight: NaN,
        agrees: null,
      };
    }
  }

  const teams = withTeams ? teamPolicyReport(scale, instance, r) : null;
  const limitedTeams = withTeams && scale <= 10 ? teamPolicyReport(scale, instance, r, seasonUniversityLimits(generateSeason({ seed: 1, scale }))) : null;
  const serviceWorker = scale === 1 ? await serviceWorkerFirstJob(instance) : null;

  return {
    scale,
    projects: instance.projects.length,
    experts: instance.experts.length,
    candidateLimit: instance.options?.candidateLimitPerExpert ?? null,
    eligiblePairs: r.stats.eligiblePairs,
    runs,
    solveMsMedian: median(total),
    coldMs,
    firstSolvesMs: firstSolves,
    serviceWorker,
    gcEachRun,
    solveCpuMsMedian: median(cpu),
    solveMsMin: Math.min(...total),
    solveMsMax: Math.max(...total),
    scoringMsMedian: median(scoring),
    flowMsMedian: median(flow),
    flowCounters: counters,
    coverage: r.objective.coverage,
    weight: r.objective.weight,
    assignments: r.assignments.length,
    underfilled: r.underfilled.length,
    unassigned: r.unassigned.length,
    peakRssMb: mb(peakRss),
    baseRssMb: mb(baseRss),
    peakHeapMb: mb(peakHeap),
    stableMsMedian: stableMs,
    stableWeight,
    highs,
    rematch: rematchReport,
    ortools,
    teams,
    limitedTeams,
  };
}

function table(reports: ScaleReport[]): string {
  const fmt = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : '-');
  const lines = [
    '| scale | projects | experts | K | eligible pairs | solve ms (median) | first solve ms | solve CPU ms | scoring ms | flow ms | peak RSS MB | peak heap MB | HiGHS s | HiGHS / engine | HiGHS CPU / engine CPU | coverage | weight |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of reports) {
    const h = r.highs;
    const highsText = h ? (h.status === 'optimal' ? fmt(h.seconds, 2) : `${h.status} (${fmt(h.wallSeconds, 0)} s)`) : 'not run';
    const ratio = h && h.status === 'optimal' ? `${fmt((h.seconds * 1000) / r.solveMsMedian, 0)}x` : h ? `> ${fmt((h.wallSeconds * 1000) / r.solveMsMedian, 0)}x` : '-';
    const cpuRatio = h && h.status === 'optimal' ? `${fmt((h.cpuSeconds * 1000) / r.solveCpuMsMedian, 0)}x` : '-';
    lines.push(
      `| ${r.scale} | ${r.projects} | ${r.experts} | ${r.candidateLimit ?? 'all'} | ${r.eligiblePairs} | ${fmt(r.solveMsMedian)} (${r.runs} runs, ${fmt(r.solveMsMin)}-${fmt(r.solveMsMax)}${r.gcEachRun ? ', full GC before each' : ''}) | ${fmt(r.coldMs)} | ${fmt(r.solveCpuMsMedian)} | ${fmt(r.scoringMsMedian)} | ${fmt(r.flowMsMedian)} | ${fmt(r.peakRssMb, 0)} | ${fmt(r.peakHeapMb, 0)} | ${highsText} | ${ratio} | ${cpuRatio} | ${r.coverage} | ${r.weight} |`,
    );
  }
  const extra: string[] = [];
  for (const r of reports) {
    if (r.highs?.agrees === false) extra.push(`scale ${r.scale}: HiGHS objective (${r.highs.coverage}, ${r.highs.weight}) DIFFERS from the engine`);
    if (r.highs?.agrees) extra.push(`scale ${r.scale}: HiGHS agrees on the objective (coverage ${r.highs.coverage}, weight ${r.highs.weight})`);
    if (r.stableMsMedian !== null) extra.push(`scale ${r.scale}: stable strategy ${fmt(r.stableMsMedian)} ms (median), weight ${r.stableWeight}`);
    if (r.rematch) {
      extra.push(
        `scale ${r.scale}: re-match one decline: ${fmt(r.rematch.withContextMsMedian)} ms median reusing the round's scoring, ` +
          `${fmt(r.rematch.coldMsMedian)} ms from scratch (${r.rematch.runs} declines; changed assignments ${r.rematch.changedAssignments}; ` +
          `all other assignments kept: ${r.rematch.keptOthers})`,
      );
    }
    extra.push(`scale ${r.scale}: ${r.assignments} assignments, ${r.underfilled} under-filled slots, ${r.unassigned} unassigned experts; flow ${JSON.stringify(r.flowCounters)}`);
  }
  for (const r of reports) {
    extra.push(`scale ${r.scale}: first solves of the fresh process ${r.firstSolvesMs.map((x) => fmt(x)).join(', ')} ms (warm median ${fmt(r.solveMsMedian)})`);
    const w = r.serviceWorker;
    if (w && 'skipped' in w) extra.push(`scale ${r.scale}: matching's engine worker not measured: ${w.skipped}`);
    else if (w) {
      extra.push(
        `scale ${r.scale}: matching's engine worker, first job right after its start (it warms up first): ${fmt(w.jobMs)} ms ` +
          `(${fmt(w.jobMs / r.solveMsMedian, 2)}x warm), answered ${fmt(w.answeredAfterMs, 0)} ms after the post`,
      );
    }
  }
  return [...lines, '', ...extra].join('\n');
}

/** The engine against OR-tools' min-cost flow on the same network, from the same run. */
function peerTable(reports: ScaleReport[]): string {
  const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : '-');
  const rows = [
    '| scale | engine warm ms (all in) | engine first solve ms (fresh process) | first / warm | OR-tools warm ms (Solve alone, median) | OR-tools first solve ms | OR-tools / engine (warm) | engine CPU ms | OR-tools CPU ms | OR-tools / engine (CPU) | same (coverage, weight) | network nodes, arcs |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const extra: string[] = [];
  for (const r of reports) {
    const o = r.ortools;
    if (!o) continue;
    if ('skipped' in o) {
      extra.push(`scale ${r.scale}: OR-tools peer skipped: ${o.skipped}`);
      continue;
    }
    rows.push(
      `| ${r.scale} | ${fmt(r.solveMsMedian)} | ${fmt(r.coldMs)} | ${fmt(r.coldMs / r.solveMsMedian, 2)} | ${fmt(o.warmMsMedian)} (${o.solveMs.length - 1} runs, ${fmt(Math.min(...o.solveMs.slice(1)))}-${fmt(Math.max(...o.solveMs.slice(1)))}) | ${fmt(o.coldMs)} | ${fmt(o.warmMsMedian / r.solveMsMedian, 2)}x | ${fmt(r.solveCpuMsMedian)} | ${fmt(o.warmCpuMsMedian)} | ${fmt(o.warmCpuMsMedian / r.solveCpuMsMedian, 2)}x | ${o.agrees ? 'yes' : `NO: ${o.status} (${o.coverage}, ${o.weight})`} | ${o.nodes}, ${o.arcs} |`,
    );
    extra.push(`scale ${r.scale}: OR-tools ${o.status}, coverage ${o.coverage}, weight ${o.weight}; Java ${o.java}, native library loaded in ${fmt(o.loadNativeMs, 0)} ms; solves ${o.solveMs.map((x) => fmt(x)).join(', ')} ms; arcs added in ${fmt(Math.min(...o.buildMs), 0)} ms (not counted)`);
  }
  return rows.length > 2 ? [...rows, '', ...extra].join('\n') : extra.join('\n');
}

/** The one-university figures beside the mixed ones, one row per scale. */
function teamTable(reports: ScaleReport[]): string {
  const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : '-');
  const rows = [
    '| scale | mixed ms | one-university ms (median) | CPU ms | first solve ms | coverage (bound) | weight | bound | gap % | proven | teams | price against mixed without limits: coverage, weight (%) | peak RSS MB | search |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const extra: string[] = [];
  for (const [r, t, limitsLabel] of reports.flatMap((r) => [[r, r.teams, ''] as const, [r, r.limitedTeams, ' (season limits)'] as const])) {
    if (!t) continue;
    rows.push(
      `| ${r.scale}${limitsLabel} | ${fmt(r.solveMsMedian)} | ${fmt(t.solveMsMedian)} (${t.runs} runs) | ${fmt(t.solveCpuMsMedian)} | ${fmt(t.coldMs)} | ${t.coverage} (${t.bound.coverage}) | ${t.weight} | ${t.bound.weight} | ${t.gapPct ?? 'coverage below bound'} | ${t.proven ? 'yes' : 'no'} | ${t.teams} | ${t.priceCoverage}, ${t.priceWeight} (${fmt(t.pricePct, 2)}%) | ${fmt(t.peakRssMb, 0)} | ${JSON.stringify(t.search)} |`,
    );
    if (t.rematch) {
      extra.push(
        `scale ${r.scale}: one-university re-match: a member's decline ${fmt(t.rematch.memberMsMedian)} ms median, a university's decline of a project ` +
          `${fmt(t.rematch.universityMsMedian)} ms median (${t.rematch.runs} each), other projects' teams changed: ${t.rematch.otherProjectsChanged}`,
      );
    }
  }
  return [...rows, '', ...extra].join('\n');
}

const USAGE =
  'usage: npm run bench:engine [-- --scales 1,10,100] [--highs-limit SECONDS] [--runs N] [--gc-each-run] [--skip-teams] [--skip-ortools]';

async function main(argv: string[]): Promise<void> {
  const args = readToolArgs(argv, { values: ['scales', 'highs-limit', 'runs', 'child'], flags: ['gc-each-run', 'skip-teams', 'skip-ortools'] }, USAGE);
  const runs = args.values.runs === undefined ? null : args.int('runs', 1, 1);
  const highsLimit = args.number('highs-limit', 600, 0);
  if (args.values.child !== undefined) {
    const { flags } = args;
    const report = await child(args.int('child', 1, 1), runs, highsLimit, flags.has('gc-each-run'), !flags.has('skip-teams'), !flags.has('skip-ortools'));
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const scales = args.text('scales', '1,10,100').split(',').map(Number);
  if (scales.some((k) => !Number.isInteger(k) || k < 1)) {
    process.stderr.write(`--scales must be positive integers separated by commas, got ${args.values.scales}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const reports: ScaleReport[] = [];
  for (const scale of scales) {
    process.stderr.write(`scale ${scale} ...\n`);
    const out = spawnSync(process.execPath, [...process.execArgv, __filename, ...argv, '--child', String(scale)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 26,
    });
    if (out.status !== 0) throw new Error(`scale ${scale} failed (exit ${out.status})`);
    const line = out.stdout.trim().split('\n').pop()!;
    reports.push(JSON.parse(line) as ScaleReport);
  }
  process.stdout.write(`node ${process.version}, ${new Date().toISOString()}\n${table(reports)}\n`);
  if (reports.some((r) => r.ortools)) process.stdout.write(`\nOR-tools SimpleMinCostFlow (same network, same run):\n${peerTable(reports)}\n`);
  if (reports.some((r) => r.teams)) process.stdout.write(`\none-university policy (same instances):\n${teamTable(reports)}\n`);
  process.stdout.write(`\nraw: ${JSON.stringify(reports)}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
