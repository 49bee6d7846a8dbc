/**
 * Turns chosen pairs into a contract v1 result: assignments with explanations, objective, under-filled slots and
 * unassigned experts with reasons, stats, and optionally every eligible edge. Everything sorted by id.
 */
import type {
  MatchingResultV1,
  MatchingObjective,
  ResultTeam,
  TeamSearchStats,
  MatchingStrategy,
  ResultAssignment,
  UnassignedExpert,
  UnderfilledSlot,
} from '@civic/contracts';
import type { EngineContext } from '../model/engine-context';
import { StandaloneTeams, explainTeams, teamUnderfilledReason } from '../teams/team-explanations';
import type { TeamRules } from '../teams/team-rules';
import { KINDS } from '../model/prepared-instance';
import { pairsByProject, unassignedReason, underfilledReason, type AssignmentCounts } from './explanations';

export interface ResultInput {
  strategy: MatchingStrategy;
  /** Non-pinned chosen pairs as indices into ctx.pairs. */
  chosen: Int32Array;
  startedAt: number;
  emitEdges?: boolean;
  changedAssignments?: number;
  /** A proven upper bound of big * coverage + weight (default: the objective itself, i.e. proven optimal). */
  certificate?: { bound: number; big: number; search?: TeamSearchStats };
  /** Under the one-university policy: the rules and each project's lead (-1: none), for the explanations. */
  oneUniversity?: { rules: TeamRules; leads: Int32Array };
}

/** Builds the result of a solve; `stats.solveMs` runs from `startedAt` to the end of this call. */
export function buildResult(ctx: EngineContext, input: ResultInput): MatchingResultV1 {
  const { prep, scorer, pairs } = ctx;
  const P = prep.projectCount;
  const nD = prep.disciplines.length;

  // (expert, project, weight, pinned) sorted by expert then project: both index orders follow ids.
  const keys: number[] = [];
  const weightOf = new Map<number, number>();
  const pinnedKeys = new Set<number>();
  for (let i = 0; i < prep.pinExpert.length; i++) {
    const key = prep.pinExpert[i] * P + prep.pinProject[i];
    pinnedKeys.add(key);
    keys.push(key);
  }
  const expertOfPair = (i: number): number => {
    let lo = 0;
    let hi = prep.expertCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pairs.start[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const i of input.chosen) {
    const key = expertOfPair(i) * P + pairs.project[i];
    keys.push(key);
    weightOf.set(key, pairs.weight[i]);
  }
  keys.sort((a, b) => a - b);

  const counts: AssignmentCounts = {
    expertUsed: new Int32Array(prep.expertCount),
    kindCount: new Int32Array(2 * P),
    groupCount: new Map(),
    assignedKeys: new Set(keys),
    expertsOfKind: [0, 1].map((k) => Int32Array.from(prep.expertIds.keys()).filter((e) => prep.expertKind[e] === k)) as [Int32Array, Int32Array],
  };
  const assignments: ResultAssignment[] = [];
  let totalWeight = 0;
  for (const key of keys) {
    const e = Math.floor(key / P);
    const p = key - e * P;
    const score = scorer.score(e, p);
    const weight = weightOf.get(key) ?? score.weight;
    totalWeight += weight;
    const k = prep.expertKind[e];
    counts.expertUsed[e]++;
    counts.kindCount[p * 2 + k]++;
    const g = (p * 2 + k) * nD + prep.expertDisciplines[e * 3];
    counts.groupCount.set(g, (counts.groupCount.get(g) ?? 0) + 1);
    assignments.push({
      expertId: prep.expertIds[e],
      projectId: prep.projectIds[p],
      weight,
      pinned: pinnedKeys.has(key),
      explanation: { parts: score.parts, issueType: score.issueType, discipline: score.discipline },
    });
  }

  let coverage = 0;
  const underfilled: UnderfilledSlot[] = [];
  let byProject: ReturnType<typeof pairsByProject> | null = null;
  const one = input.oneUniversity;
  const standalone = one ? new StandaloneTeams(ctx) : null;
  const leadCount = new Int32Array(prep.universityIds.length);
  if (one) for (const u of one.leads) if (u >= 0) leadCount[u]++;
  for (let p = 0; p < P; p++) {
    for (let k = 0; k < 2; k++) {
      const filled = counts.kindCount[p * 2 + k];
      const min = prep.slotMin[p * 2 + k];
      coverage += Math.min(filled, min);
      if (filled < min) {
        let reason: string;
        if (one) reason = teamUnderfilledReason(ctx, one.rules, standalone!, one.leads, leadCount, p);
        else {
          byProject ??= pairsByProject(ctx);
          reason = underfilledReason(ctx, counts, byProject, p, k);
        }
        underfilled.push({ projectId: prep.projectIds[p], kind: KINDS[k], filled, min, reason });
      }
    }
  }

  const unassigned: UnassignedExpert[] = [];
  for (let e = 0; e < prep.expertCount; e++) {
    if (counts.expertUsed[e] === 0) unassigned.push({ expertId: prep.expertIds[e], reason: unassignedReason(ctx, counts, e) });
  }

  const result: MatchingResultV1 = {
    version: 1,
    strategy: input.strategy,
    assignments,
    objective: { coverage, weight: totalWeight },
    underfilled,
    unassigned,
    stats: {
      eligiblePairs: pairs.count,
      solveMs: 0,
      changedAssignments: input.changedAssignments ?? 0,
      bound: null,
      gapPct: null,
    },
    teams: buildTeams(ctx, assignments),
  };
  if (input.strategy === 'optimal') {
    const certified = certify({ coverage, weight: totalWeight }, input.certificate);
    result.stats.bound = certified.bound;
    result.stats.gapPct = certified.gapPct;
    if (input.certificate?.search) result.stats.teamSearch = input.certificate.search;
  }
  if (one) explainTeams(ctx, result.teams, one.rules, standalone!);
  if (input.emitEdges) {
    const edges: NonNullable<MatchingResultV1['edges']> = new Array(pairs.count);
    let n = 0;
    for (let e = 0; e < prep.expertCount; e++) {
      // Within an expert, pairs are by weight; edges are listed by project id.
      const idx = Array.from({ length: pairs.start[e + 1] - pairs.start[e] }, (_, j) => pairs.start[e] + j).sort(
        (a, b) => pairs.project[a] - pairs.project[b],
      );
      for (const i of idx) edges[n++] = { expertId: prep.expertIds[e], projectId: prep.projectIds[pairs.project[i]], weight: pairs.weight[i] };
    }
    result.edges = edges;
  }
  result.stats.solveMs = Math.round((performance.now() - input.startedAt) * 1000) / 1000;
  return result;
}

/** The teams of the assignments (sorted by expert then project), by project id; under mixed, `reason` is `mixed`. */
export function buildTeams(ctx: EngineContext, assignments: readonly ResultAssignment[]): ResultTeam[] {
  const { prep } = ctx;
  const byProject = new Map<string, ResultAssignment[]>();
  for (const a of assignments) {
    let list = byProject.get(a.projectId);
    if (!list) byProject.set(a.projectId, (list = []));
    list.push(a);
  }
  const teams: ResultTeam[] = [];
  for (const projectId of [...byProject.keys()].sort()) {
    const members = byProject.get(projectId)!;
    const perUniversity = new Map<string, number>();
    const team: ResultTeam = { projectId, universityId: '', universities: [], teachers: [], students: [], weight: 0, reason: 'mixed', runnerUp: null };
    for (const a of members) {
      const e = prep.expertIndex.get(a.expertId)!;
      const u = prep.universityIds[prep.expertUniversity[e]];
      perUniversity.set(u, (perUniversity.get(u) ?? 0) + 1);
      (prep.expertKind[e] === 0 ? team.teachers : team.students).push(a.expertId);
      team.weight += a.weight;
    }
    team.universities = [...perUniversity.keys()].sort();
    team.universityId = team.universities.reduce((best, u) => (perUniversity.get(u)! > perUniversity.get(best)! ? u : best));
    teams.push(team);
  }
  return teams;
}

/**
 * Splits a bound of big * coverage + weight into the contract's bound (coverage, then weight at the result's
 * coverage) and the gap. Without a certificate the result is proven optimal: the bound is the objective.
 */
export function certify(objective: MatchingObjective, certificate?: { bound: number; big: number }): { bound: MatchingObjective; gapPct: number | null } {
  if (!certificate) return { bound: { ...objective }, gapPct: 0 };
  const { big } = certificate;
  const bound = Math.max(certificate.bound, big * objective.coverage + objective.weight);
  const coverage = Math.floor(bound / big);
  // At the result's coverage no solution weighs more than the bound's remainder, nor more than big - 1.
  const weight = Math.min(bound - big * objective.coverage, big - 1);
  if (coverage > objective.coverage) return { bound: { coverage, weight }, gapPct: null };
  const gapPct = weight === 0 ? 0 : Math.round((100_000 * (weight - objective.weight)) / weight) / 1000;
  return { bound: { coverage, weight }, gapPct };
}
