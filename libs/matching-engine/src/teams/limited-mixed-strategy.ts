/**
 * Strategy `optimal` under the mixed policy with university limits: a university may have experts in at most
 * maxProjects projects. The mixed optimum without limits is the bound; while a university is over its limit, it
 * keeps the projects where its experts weigh most and leaves the others (its pairs with them are dropped), and
 * the flow is solved again. Each round only drops pairs, so this ends; the answer is certified by the bound.
 */
import type { CandidatePairs } from '../eligibility/candidate-pairs';
import type { PreparedInstance } from '../model/prepared-instance';
import { solveOptimal } from '../optimal/optimal-strategy';
import { LeadFlowSolver, restrictPairs } from './lead-flow';
import type { TeamRules } from './team-rules';
import { buildTeamGroups } from './university-teams';

export interface LimitedMixedOutcome {
  chosen: Int32Array;
  bound: number;
  big: number;
  proven: boolean;
  rounds: number;
}

export function solveLimitedMixed(prep: PreparedInstance, pairs: CandidatePairs, rules: TeamRules): LimitedMixedOutcome {
  const P = prep.projectCount;
  const U = rules.U;
  const flows = new LeadFlowSolver(prep, pairs, buildTeamGroups(prep, pairs));
  const big = flows.big;
  const blocked = new Uint8Array(P * U);
  const pinnedHere = new Uint8Array(P * U);
  for (let i = 0; i < prep.pinExpert.length; i++) pinnedHere[prep.pinProject[i] * U + prep.expertUniversity[prep.pinExpert[i]]] = 1;
  let chosen = solveOptimal(prep, pairs).pairIndices;
  const first = flows.objectiveOf(chosen);
  const bound = big * first.coverage + first.weight;
  let rounds = 1;
  for (;;) {
    const weightHere = new Float64Array(P * U);
    const present = new Uint8Array(P * U);
    for (let i = 0; i < prep.pinExpert.length; i++) present[prep.pinProject[i] * U + prep.expertUniversity[prep.pinExpert[i]]] = 1;
    for (const i of chosen) {
      const key = pairs.project[i] * U + prep.expertUniversity[flows.expertOfPair(i)];
      present[key] = 1;
      weightHere[key] += pairs.weight[i];
    }
    let over = false;
    for (let u = 0; u < U; u++) {
      const max = rules.maxProjects[u];
      if (max < 0) continue;
      const projects: number[] = [];
      for (let p = 0; p < P; p++) if (present[p * U + u] === 1) projects.push(p);
      if (projects.length <= max) continue;
      over = true;
      // Pinned projects stay; then the projects where u's experts weigh most (ties: project index).
      projects.sort((a, b) => pinnedHere[b * U + u] - pinnedHere[a * U + u] || weightHere[b * U + u] - weightHere[a * U + u] || a - b);
      for (const p of projects.slice(max)) blocked[p * U + u] = 1;
    }
    if (!over) break;
    const restricted = restrictPairs(prep, pairs, (e, p) => blocked[p * U + prep.expertUniversity[e]] === 0);
    chosen = Int32Array.from(solveOptimal(prep, restricted.pairs).pairIndices, (j) => restricted.original[j]);
    rounds++;
  }
  const final = flows.objectiveOf(chosen);
  const value = big * final.coverage + final.weight;
  return { chosen, bound, big, proven: value === bound, rounds };
}
