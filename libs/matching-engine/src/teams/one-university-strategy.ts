/**
 * Strategy `optimal` under the one-university team policy: choose each project's lead university, then the flow
 * for those leads is exact (lead-flow.ts). The choice is a branch and bound over leads:
 *  - bound: the Lagrangian bound of lead-bound.ts (expert capacities and university limits priced), and the mixed
 *    optimum (every one-university solution is a mixed one);
 *  - incumbents: the leads of the mixed optimum (each project's university of most weight), and at every node the
 *    leads the priced problem chose, repaired to respect the limits, each solved exactly by flow;
 *  - branching: on the project whose chosen team over-uses experts most: first "p led by u", then "not by u".
 * A node whose projects have at most one possible lead each is solved exactly. Every limit is a count (iterations,
 * nodes), never a clock, so the answer is deterministic. When the node limit stops the search, the bound is the
 * largest bound of the nodes left open: the result is certified with its gap instead of proven.
 */
import type { CandidatePairs } from '../eligibility/candidate-pairs';
import type { TeamSearchTuning } from '../model/engine-options';
import type { PreparedInstance } from '../model/prepared-instance';
import { solveOptimal } from '../optimal/optimal-strategy';
import { LeadBound, type LeadChoice } from './lead-bound';
import { LeadFlowSolver, type LeadSolution } from './lead-flow';
import type { TeamRules } from './team-rules';
import { buildTeamGroups, TeamEvaluator, type TeamGroups } from './university-teams';

export interface TeamSearchOutcome {
  solution: LeadSolution;
  /** Proven upper bound of big * coverage + weight. */
  bound: number;
  big: number;
  proven: boolean;
  counters: { nodes: number; iterations: number; flowSolves: number; openNodes: number; teamEvaluations: number };
  /** The pairs grouped by (project, university, kind), for the explanations. */
  groups: TeamGroups;
}

/**
 * How a descent steps: after `staleSteps` steps without a better bound the step factor halves, and the descent ends
 * once the factor is below `minStepFactor`; every `primalEvery` steps its choices become incumbents. The root
 * descends long and patiently (measured on the Shanghai season with its limits, docs/matching.md: halving after 8
 * stale steps stopped 0.1-0.2% above the team LP, after 20 within 0.01-0.03%); a branch-and-bound node re-prices
 * from its parent's prices in a few steps.
 */
interface DescentRule {
  staleSteps: number;
  minStepFactor: number;
  primalEvery: number;
}
const ROOT_DESCENT: DescentRule = { staleSteps: 20, minStepFactor: 1e-2, primalEvery: 50 };
const NODE_DESCENT: DescentRule = { staleSteps: 8, minStepFactor: 1e-3, primalEvery: 25 };
/** Deflection of the subgradient: the direction keeps this share of the previous one (measured). */
const DEFLECTION = 0.9;
/** Weight of the latest step in the averaged choice (the volume algorithm's 0.1). */
const AVERAGE_SHARE = 0.1;

interface SearchNode {
  decisions: Array<{ p: number; u: number; fix: boolean }>;
  mu: Float64Array;
  nu: Float64Array;
  bound: number;
}

/** Solves the one-university optimal strategy on the candidate pairs with the instance's pins fixed. */
export function solveOneUniversity(
  prep: PreparedInstance,
  pairs: CandidatePairs,
  rules: TeamRules,
  tuning: TeamSearchTuning = {},
): TeamSearchOutcome {
  const P = prep.projectCount;
  const U = rules.U;
  const groups = buildTeamGroups(prep, pairs, rules.frozen.includes(1) ? rules.frozen : undefined);
  const big = groups.big;
  const flows = new LeadFlowSolver(prep, pairs, groups, rules.frozen);
  const rootIterations = tuning.rootIterations ?? 600;
  const nodeIterations = tuning.nodeIterations ?? 40;
  const nodeLimit = tuning.nodeLimit ?? defaultNodeLimit(pairs.count);

  let incumbent: LeadSolution | null = null;
  const consider = (leads: Int32Array): void => {
    const solution = flows.solve(leads);
    if (incumbent === null || solution.value > incumbent.value) incumbent = solution;
  };
  const incumbentValue = (): number => (incumbent === null ? -1 : incumbent.value);

  // Few choices left (a re-match keeps every other lead): try them all, exactly.
  const few = fewLeadChoices(rules, P);
  if (few) {
    for (const leads of few) consider(leads);
    const value = incumbentValue();
    if (incumbent) {
      return {
        solution: incumbent,
        bound: value,
        big,
        proven: true,
        counters: { nodes: few.length, iterations: 0, flowSolves: flows.solves, openNodes: 0, teamEvaluations: 0 },
        groups,
      };
    }
  }
  const lb = new LeadBound(prep, groups, rules);
  lb.deflection = DEFLECTION;
  const S = lb.scale;

  // The mixed optimum: an upper bound, and its leads (university of most weight per project) a first incumbent.
  const mixed = solveOptimal(prep, pairs).pairIndices;
  const mixedObjective = flows.objectiveOf(mixed);
  const mixedBound = big * mixedObjective.coverage + mixedObjective.weight;
  const weightByLead = new Float64Array(P * U);
  for (const i of mixed) weightByLead[pairs.project[i] * U + prep.expertUniversity[flows.expertOfPair(i)]] += pairs.weight[i];
  const mixedLeads = new Int32Array(P).fill(-1);
  for (let p = 0; p < P; p++) {
    let best = 0;
    for (let u = 0; u < U; u++) {
      if (rules.allowed[p * U + u] === 1 && weightByLead[p * U + u] > best) {
        best = weightByLead[p * U + u];
        mixedLeads[p] = u;
      }
    }
    if (rules.pinnedUniversity[p] >= 0) mixedLeads[p] = rules.pinnedUniversity[p];
  }
  consider(respectLimits(mixedLeads, weightByLead, rules, P));

  /** Subgradient descent from the current prices; returns the best (lowest) bound and its prices. */
  const descend = (allowed: Uint8Array, iterations: number, cap: number, forcedLead: Int32Array, rule: DescentRule) => {
    let bestScaled = Infinity;
    const bestMu = Float64Array.from(lb.mu);
    const bestNu = Float64Array.from(lb.nu);
    let theta = 1;
    let stale = 0;
    let last: LeadChoice | null = null;
    // The choices averaged over the steps (as the volume algorithm does): where the priced choice flips between
    // universities, the average says which one the steps preferred most of the time.
    const averaged = new Float64Array(P * U);
    for (let it = 0; it < iterations; it++) {
      const primal = it % rule.primalEvery === rule.primalEvery - 1;
      const at = lb.evaluate(allowed, forcedLead, primal);
      last = at;
      if (at.scaledBound < bestScaled) {
        bestScaled = at.scaledBound;
        bestMu.set(lb.mu);
        bestNu.set(lb.nu);
        stale = 0;
      } else if (++stale >= rule.staleSteps) {
        theta /= 2;
        stale = 0;
      }
      for (let j = 0; j < averaged.length; j++) averaged[j] *= 1 - AVERAGE_SHARE;
      for (let p = 0; p < P; p++) if (at.choice[p] >= 0) averaged[p * U + at.choice[p]] += AVERAGE_SHARE;
      if (primal) consider(respectLimits(at.choice, at.value, rules, P));
      if (Math.min(Math.floor(bestScaled / S), cap) <= incumbentValue()) break;
      if (theta < rule.minStepFactor) break;
      if (!lb.step(at, incumbentValue() * S, theta)) {
        // Nothing to price: the choice is feasible and complementary, so it is this node's optimum.
        consider(respectLimits(at.choice, at.value, rules, P));
        break;
      }
    }
    // Once per descent: tried at every primal step it found about the same leads for about 120 more part solves.
    consider(respectLimits(averagedLeads(averaged, allowed, forcedLead, U, P), averaged, rules, P));
    lb.setPrices(bestMu, bestNu);
    return { bound: Math.min(Math.floor(bestScaled / S), cap), bestMu, bestNu, last: last! };
  };

  const root = descend(rules.allowed, rootIterations, mixedBound, rules.pinnedUniversity, ROOT_DESCENT);
  const rootChoice = lb.evaluate(rules.allowed, rules.pinnedUniversity, true);
  consider(respectLimits(rootChoice.choice, rootChoice.value, rules, P));
  improveByMoves(rootChoice);

  const stack: SearchNode[] = [];
  if (root.bound > incumbentValue()) pushChildren(stack, rootChoice, root, []);
  let nodes = 0;
  const allowed = new Uint8Array(P * U);
  const forced = new Int32Array(P);
  while (stack.length > 0 && nodes < nodeLimit) {
    const node = stack.pop()!;
    if (node.bound <= incumbentValue()) continue;
    nodes++;
    allowed.set(rules.allowed);
    forced.set(rules.pinnedUniversity);
    for (const d of node.decisions) {
      if (d.fix) {
        for (let u = 0; u < U; u++) allowed[d.p * U + u] = u === d.u ? 1 : 0;
        forced[d.p] = d.u;
      } else allowed[d.p * U + d.u] = 0;
    }
    const leaf = leafLeads(allowed, forced, rules, P);
    if (leaf) {
      consider(leaf);
      continue;
    }
    lb.setPrices(node.mu, node.nu);
    const run = descend(allowed, nodeIterations, node.bound, forced, NODE_DESCENT);
    if (run.bound <= incumbentValue()) continue;
    const at = lb.evaluate(allowed, forced, true);
    pushChildren(stack, at, run, node.decisions, allowed, forced);
  }
  let bound = incumbentValue();
  for (const node of stack) if (node.bound > bound) bound = node.bound;
  return {
    solution: incumbent!,
    bound,
    big,
    proven: bound === incumbentValue(),
    counters: {
      nodes,
      iterations: lb.iterations,
      flowSolves: flows.solves,
      openNodes: stack.filter((n) => n.bound > incumbentValue()).length,
      teamEvaluations: lb.teamEvaluations,
    },
    groups,
  };

  /**
   * Local search on the incumbent: move one project to another university when the two universities' exact
   * parts gain by it. Each project tries the university the priced problem chose for it and its next best by
   * price; projects are taken in the order of the priced gain. Passes repeat while a move was made, within a
   * budget of exact part solves (a count of solves, and of the pairs they handle). Then swaps of two projects
   * between their universities, within the same budget.
   */
  function improveByMoves(at: LeadChoice): void {
    const leads = Int32Array.from(incumbent!.leads);
    const led: number[][] = Array.from({ length: U }, () => []);
    for (let p = 0; p < P; p++) if (leads[p] >= 0) led[leads[p]].push(p);
    const partValue = led.map((projects, u) => flows.partValue(u, projects));
    // Each university's capacity prices from its current part's flow: with them, the part's value is the sum of
    // its projects' best teams at those prices plus the priced capacity (LP duality, the flow is integral), and
    // the same sum over another set of projects bounds that set's value. A move whose bound cannot gain is
    // rejected without solving its parts (the answer is the same; only flow solves are saved).
    const duals = led.map(() => new Float64Array(prep.expertCount));
    const pricedCapacity = new Float64Array(U);
    const setDuals = (u: number): void => {
      const y = duals[u];
      y.fill(0);
      pricedCapacity[u] = 0;
      const priced = flows.partPrices(u, led[u]);
      if (!priced) return;
      for (let j = 0; j < priced.experts.length; j++) {
        const e = priced.experts[j];
        y[e] = priced.prices[j];
        pricedCapacity[u] += priced.prices[j] * prep.expertCapacity[e];
      }
    };
    for (let u = 0; u < U; u++) setDuals(u);
    const teams = new TeamEvaluator(prep, groups);
    const tv = { coverage: 0, weight: 0, value: 0 };
    /** The best team u can field for q at u's capacity prices: its value (both kinds). */
    const teamValueAtDuals = (q: number, u: number): number => {
      let v = 0;
      for (let k = 0; k < 2; k++) {
        const g = (q * U + u) * 2 + k;
        if (groups.start[g] === groups.start[g + 1]) continue;
        teams.bestTeam(g, duals[u], tv);
        v += tv.value;
      }
      return v;
    };
    const dualBound = (u: number, projects: readonly number[]): number => {
      let total = pricedCapacity[u];
      for (const q of projects) total += teamValueAtDuals(q, u);
      return total;
    };
    const budget = flows.solves + (tuning.moveCandidates ?? defaultMoves(P));
    // Large parts cost more than small ones: the search also stops once its part solves have handled this many pairs.
    const pairBudget = flows.pairsSolved + (tuning.movePairsPerPair ?? 24) * pairs.count;
    const spent = (): boolean => flows.solves >= budget || flows.pairsSolved >= pairBudget;
    const gainAt = (p: number, u: number): number => at.value[p * U + u] - (leads[p] >= 0 ? at.value[p * U + leads[p]] : 0);
    const patience = tuning.movePatience ?? defaultPatience(P);
    const swapPatience = tuning.swapPatience ?? SWAP_PATIENCE;
    let moved = true;
    while (moved && !spent()) {
      moved = false;
      let failed = 0;
      const order = Array.from({ length: P }, (_, p) => p).filter((p) => rules.fixed[p] === -1);
      const bestGain = order.map((p) => {
        let g = -Infinity;
        for (let u = 0; u < U; u++) if (u !== leads[p] && rules.allowed[p * U + u] === 1) g = Math.max(g, gainAt(p, u));
        return g;
      });
      const rank = order.map((p, i) => ({ p, g: bestGain[i] })).sort((a, b) => b.g - a.g || a.p - b.p);
      for (const { p } of rank) {
        if (spent() || failed >= patience) break;
        failed++;
        const from = leads[p];
        const targets = Array.from({ length: U }, (_, u) => u)
          .filter((u) => u !== from && rules.allowed[p * U + u] === 1 && at.value[p * U + u] > -Infinity)
          .sort((a, b) => gainAt(p, b) - gainAt(p, a) || a - b)
          .slice(0, 2);
        for (const to of targets) {
          // A university at its limit takes p only by handing over one of its projects: the one it is worth least
          // to at these prices, against that project's best other university with room (a swap when that is p's).
          const full = rules.maxProjects[to] >= 0 && led[to].length >= rules.maxProjects[to];
          const handover = full ? handOver(to, from) : null;
          if (full && !handover) continue;
          const change = new Map<number, number[]>();
          change.set(to, [...led[to].filter((q) => q !== handover?.q), p].sort((a, b) => a - b));
          if (from >= 0) change.set(from, led[from].filter((q) => q !== p));
          if (handover) change.set(handover.u, [...(change.get(handover.u) ?? led[handover.u]), handover.q].sort((a, b) => a - b));
          let before = 0;
          const ceilings = new Map<number, number>();
          let ceiling = 0;
          for (const [u, projects] of change) {
            before += partValue[u];
            const c = dualBound(u, projects);
            ceilings.set(u, c);
            ceiling += c;
          }
          // Parts are solved one by one, each exact value replacing its bound, until the move cannot gain.
          const values = new Map<number, number>();
          for (const [u, projects] of change) {
            const v = flows.knownPartValue(u, projects);
            if (v === undefined) continue;
            values.set(u, v);
            ceiling += v - ceilings.get(u)!;
          }
          for (const [u, projects] of change) {
            if (ceiling <= before) break;
            if (values.has(u)) continue;
            const v = flows.partValue(u, projects);
            values.set(u, v);
            ceiling += v - ceilings.get(u)!;
          }
          if (ceiling <= before) continue;
          for (const [u, projects] of change) {
            led[u] = projects;
            partValue[u] = values.get(u)!;
            setDuals(u);
          }
          leads[p] = to;
          if (handover) leads[handover.q] = handover.u;
          moved = true;
          failed = 0;
          break;
        }
      }
    }
    // Then swaps of two projects (moves after them were tried: a few more solves for little; docs/matching.md).
    swapProjects();
    consider(leads);

    /**
     * Swaps of two projects between their two universities (each keeps its number of projects, so limits hold):
     * candidates in the order of their priced gain at the root's prices, each bounded first by the two parts'
     * capacity prices like a move; a pass ends after `patience` swaps in a row without a gain.
     */
    function swapProjects(): void {
      // Each (project, university) team's value at that university's current capacity prices.
      const teamAt = new Float64Array(P * U);
      const price = (u: number): void => {
        for (let x = 0; x < P; x++) teamAt[x * U + u] = teamValueAtDuals(x, u);
      };
      for (let u = 0; u < U; u++) price(u);
      // The change of the two parts' bounds when p (led by u1) and q (led by u2) swap.
      const boundGain = (p: number, q: number, u1: number, u2: number): number =>
        teamAt[q * U + u1] - teamAt[p * U + u1] + teamAt[p * U + u2] - teamAt[q * U + u2];
      for (let pass = swapPatience > 0; pass && !spent(); ) {
        pass = false;
        // Per project its SWAP_PARTNERS best partners by priced gain (a list of every pair would grow with P^2).
        const candidates: Array<{ p: number; q: number; gain: number }> = [];
        const partners: Array<{ p: number; q: number; gain: number }> = [];
        for (let p = 0; p < P; p++) {
          const u1 = leads[p];
          if (rules.fixed[p] !== -1 || u1 < 0) continue;
          partners.length = 0;
          for (let q = p + 1; q < P; q++) {
            const u2 = leads[q];
            if (rules.fixed[q] !== -1 || u2 < 0 || u2 === u1) continue;
            if (rules.allowed[p * U + u2] === 0 || rules.allowed[q * U + u1] === 0 || boundGain(p, q, u1, u2) <= 0) continue;
            const gain = at.value[q * U + u1] - at.value[p * U + u1] + at.value[p * U + u2] - at.value[q * U + u2];
            if (!(gain > -Infinity)) continue;
            if (partners.length === SWAP_PARTNERS && gain <= partners[SWAP_PARTNERS - 1].gain) continue;
            let j = Math.min(partners.length, SWAP_PARTNERS - 1);
            while (j > 0 && partners[j - 1].gain < gain) {
              partners[j] = partners[j - 1];
              j--;
            }
            partners[j] = { p, q, gain };
          }
          candidates.push(...partners);
        }
        candidates.sort((a, b) => b.gain - a.gain || a.p - b.p || a.q - b.q);
        let failed = 0;
        for (const { p, q } of candidates) {
          if (spent() || failed >= swapPatience) break;
          const u1 = leads[p];
          const u2 = leads[q];
          if (u1 === u2 || rules.allowed[p * U + u2] === 0 || rules.allowed[q * U + u1] === 0) continue;
          const before = partValue[u1] + partValue[u2];
          let ceiling = before + boundGain(p, q, u1, u2);
          if (ceiling <= before) continue;
          failed++;
          const s1 = [...led[u1].filter((x) => x !== p), q].sort((a, b) => a - b);
          const s2 = [...led[u2].filter((x) => x !== q), p].sort((a, b) => a - b);
          const v1 = flows.partValue(u1, s1);
          ceiling += v1 - (partValue[u1] - teamAt[p * U + u1] + teamAt[q * U + u1]);
          if (ceiling <= before) continue;
          const v2 = flows.partValue(u2, s2);
          if (v1 + v2 <= before) continue;
          led[u1] = s1;
          led[u2] = s2;
          partValue[u1] = v1;
          partValue[u2] = v2;
          leads[p] = u2;
          leads[q] = u1;
          setDuals(u1);
          setDuals(u2);
          price(u1);
          price(u2);
          pass = true;
          failed = 0;
        }
      }
    }

    /** The project `to` hands over to take another, and where it goes (p leaves `from`, so `from` has room). */
    function handOver(to: number, from: number): { q: number; u: number } | null {
      let best: { q: number; u: number; loss: number } | null = null;
      for (const q of led[to]) {
        if (rules.fixed[q] !== -1) continue;
        for (let u = 0; u < U; u++) {
          if (u === to || rules.allowed[q * U + u] === 0 || at.value[q * U + u] === -Infinity) continue;
          if (u !== from && rules.maxProjects[u] >= 0 && led[u].length >= rules.maxProjects[u]) continue;
          const loss = at.value[q * U + to] - at.value[q * U + u];
          if (best === null || loss < best.loss || (loss === best.loss && (q < best.q || (q === best.q && u < best.u)))) best = { q, u, loss };
        }
      }
      return best && { q: best.q, u: best.u };
    }
  }

  function pushChildren(
    into: SearchNode[],
    at: LeadChoice,
    run: { bound: number; bestMu: Float64Array; bestNu: Float64Array },
    decisions: SearchNode['decisions'],
    allowedNow: Uint8Array = rules.allowed,
    forcedNow: Int32Array = rules.pinnedUniversity,
  ): void {
    const pick = branchOn(at, allowedNow, forcedNow, rules, prep, lb);
    if (!pick) return;
    const base = { mu: run.bestMu, nu: run.bestNu, bound: run.bound };
    into.push({ ...base, decisions: [...decisions, { p: pick.p, u: pick.u, fix: false }] });
    into.push({ ...base, decisions: [...decisions, { p: pick.p, u: pick.u, fix: true }] });
  }
}

/**
 * Projects tried in a row without a gain before a pass of the local search ends. The priced gain ranks the moves
 * well: at scale 1 every gain came within the first 30 tries of a pass, and the 700 tries after them found
 * nothing (measured, docs/matching.md).
 */
function defaultPatience(projectCount: number): number {
  return Math.max(30, Math.ceil(projectCount / 4));
}

/**
 * Swaps of two projects tried in a row without a gain before a pass of swaps ends: at scale 1, 20 and 30 tries gave
 * the same answers with and without the season's limits, 10 less (measured, docs/matching.md).
 */
const SWAP_PATIENCE = 20;
/** Partners per project in a pass of swaps, the best by priced gain (the tried ones come from the very top). */
const SWAP_PARTNERS = 8;

/** Exact part solves the local search may spend (measured, docs/matching.md). */
function defaultMoves(projectCount: number): number {
  return Math.max(40, 4 * projectCount);
}

/**
 * Node limit by instance size: small and medium instances search until proven (the tests' instances close within
 * tens of nodes); from about 50,000 eligible pairs a node costs more than it brings (measured at scale 1, where
 * 80 nodes moved neither the incumbent nor the bound), so the root's certificate stands.
 */
function defaultNodeLimit(pairCount: number): number {
  return pairCount > 50_000 ? 0 : 2000;
}

/**
 * The leads when the node leaves no choice (null otherwise): every project has at most one possible lead, and
 * no university is the only possible lead of more projects than its limit (else some must go without).
 */
function leafLeads(allowed: Uint8Array, forced: Int32Array, rules: TeamRules, P: number): Int32Array | null {
  const U = rules.U;
  const leads = new Int32Array(P).fill(-1);
  const count = new Int32Array(U);
  for (let p = 0; p < P; p++) {
    for (let u = 0; u < U; u++) {
      if (allowed[p * U + u] === 0) continue;
      if (leads[p] >= 0) return null;
      leads[p] = u;
    }
    if (leads[p] >= 0) count[leads[p]]++;
  }
  for (let u = 0; u < U; u++) if (rules.maxProjects[u] >= 0 && count[u] > rules.maxProjects[u]) return null;
  return leads;
}

/** Combinations of leads tried one by one when there are at most this many (a re-match's case). */
const ENUMERATE_AT_MOST = 64;

/**
 * Every lead combination within the limits when there are few (null when there are more than
 * ENUMERATE_AT_MOST): each project's possible universities, and no team for a project that is not forced to one
 * when a limit could make that better.
 */
function fewLeadChoices(rules: TeamRules, P: number): Int32Array[] | null {
  const U = rules.U;
  const limited = rules.maxProjects.some((m) => m >= 0);
  const options: number[][] = [];
  let product = 1;
  for (let p = 0; p < P; p++) {
    const list: number[] = [];
    for (let u = 0; u < U; u++) if (rules.allowed[p * U + u] === 1) list.push(u);
    if (list.length === 0 || (limited && rules.pinnedUniversity[p] < 0 && list.some((u) => rules.maxProjects[u] >= 0))) list.push(-1);
    options.push(list);
    product *= list.length;
    if (product > ENUMERATE_AT_MOST) return null;
  }
  const out: Int32Array[] = [];
  const leads = new Int32Array(P);
  const count = new Int32Array(U);
  const visit = (p: number): void => {
    if (p === P) {
      out.push(Int32Array.from(leads));
      return;
    }
    for (const u of options[p]) {
      if (u >= 0 && rules.maxProjects[u] >= 0 && count[u] >= rules.maxProjects[u]) continue;
      leads[p] = u;
      if (u >= 0) count[u]++;
      visit(p + 1);
      if (u >= 0) count[u]--;
    }
  };
  visit(0);
  return out;
}

/** Per project, the university chosen most in the averaged choice (none when none has half a step's share). */
function averagedLeads(averaged: Float64Array, allowed: Uint8Array, forced: Int32Array, U: number, P: number): Int32Array {
  const leads = new Int32Array(P).fill(-1);
  for (let p = 0; p < P; p++) {
    let best = 0.5 * AVERAGE_SHARE;
    for (let u = 0; u < U; u++) {
      if (allowed[p * U + u] === 1 && averaged[p * U + u] > best) {
        best = averaged[p * U + u];
        leads[p] = u;
      }
    }
    if (forced[p] >= 0) leads[p] = forced[p];
  }
  return leads;
}

/**
 * Leads that respect the universities' limits: a university chosen by too many projects keeps those where its
 * value is highest; the others move to their next best university with room, or go without a team.
 */
export function respectLimits(choice: Int32Array, value: Float64Array, rules: TeamRules, P: number): Int32Array {
  const U = rules.U;
  const leads = Int32Array.from(choice);
  const count = new Int32Array(U);
  for (let p = 0; p < P; p++) if (leads[p] >= 0) count[leads[p]]++;
  let over = false;
  for (let u = 0; u < U; u++) if (rules.maxProjects[u] >= 0 && count[u] > rules.maxProjects[u]) over = true;
  if (!over) return leads;
  // Pinned projects first (they cannot move), then by value, highest first; ties by project index.
  const order = Array.from({ length: P }, (_, p) => p)
    .filter((p) => leads[p] >= 0)
    .sort((a, b) => {
      const pa = rules.pinnedUniversity[a] >= 0 ? 1 : 0;
      const pb = rules.pinnedUniversity[b] >= 0 ? 1 : 0;
      if (pa !== pb) return pb - pa;
      const va = value[a * U + leads[a]];
      const vb = value[b * U + leads[b]];
      return va !== vb ? vb - va : a - b;
    });
  count.fill(0);
  const moved: number[] = [];
  for (const p of order) {
    const u = leads[p];
    if (rules.maxProjects[u] < 0 || count[u] < rules.maxProjects[u] || rules.pinnedUniversity[p] >= 0) count[u]++;
    else {
      leads[p] = -1;
      moved.push(p);
    }
  }
  for (const p of moved) {
    let best = -Infinity;
    for (let u = 0; u < U; u++) {
      if (rules.allowed[p * U + u] === 0 || (rules.maxProjects[u] >= 0 && count[u] >= rules.maxProjects[u])) continue;
      if (value[p * U + u] > best && value[p * U + u] > 0) {
        best = value[p * U + u];
        leads[p] = u;
      }
    }
    if (leads[p] >= 0) count[leads[p]]++;
  }
  return leads;
}

/**
 * The project to branch on: among projects with two or more possible leads, the one whose chosen team over-uses
 * experts most (or whose university is over its limit); ties by value, then project index. Its chosen
 * university (or, without a choice, its most valuable one) is the branch.
 */
function branchOn(
  at: LeadChoice,
  allowed: Uint8Array,
  forced: Int32Array,
  rules: TeamRules,
  prep: PreparedInstance,
  lb: LeadBound,
): { p: number; u: number } | null {
  const P = prep.projectCount;
  const U = rules.U;
  let maxSlot = 1;
  for (let pk = 0; pk < prep.slotMax.length; pk++) maxSlot = Math.max(maxSlot, prep.slotMax[pk]);
  const members = new Int32Array(maxSlot + 1);
  const tv = { coverage: 0, weight: 0, value: 0 };
  // Projects whose only possible lead is a university wanted as only lead by more projects than its limit.
  const onlyLead = new Int32Array(U);
  for (let p = 0; p < P; p++) {
    let n = 0;
    let last = -1;
    for (let u = 0; u < U; u++) {
      if (allowed[p * U + u] === 0) continue;
      n++;
      last = u;
    }
    if (n === 1) onlyLead[last]++;
  }
  let pick: { p: number; u: number } | null = null;
  let pickScore = -1;
  let pickValue = -Infinity;
  for (let p = 0; p < P; p++) {
    let options = 0;
    let bestU = -1;
    for (let u = 0; u < U; u++) {
      if (allowed[p * U + u] === 0) continue;
      options++;
      if (bestU < 0 || at.value[p * U + u] > at.value[p * U + bestU]) bestU = u;
    }
    const squeezed = options === 1 && forced[p] < 0 && rules.maxProjects[bestU] >= 0 && onlyLead[bestU] > rules.maxProjects[bestU];
    if (options < 2 && !squeezed) continue;
    const u = at.choice[p] >= 0 ? at.choice[p] : bestU;
    let score = 0;
    if (at.choice[p] >= 0) {
      for (let k = 0; k < 2; k++) {
        const g = (p * U + u) * 2 + k;
        const n = lb.evaluator.bestTeam(g, lb.mu, tv, members);
        for (let j = 0; j < n; j++) {
          const e = lb.groups.expert[members[j]];
          score += Math.max(0, at.usage[e] - prep.expertCapacity[e]);
        }
      }
      if (rules.maxProjects[u] >= 0 && at.leadCount[u] > rules.maxProjects[u]) score += 1;
    }
    const value = at.value[p * U + u];
    if (score > pickScore || (score === pickScore && value > pickValue)) {
      pick = { p, u };
      pickScore = score;
      pickValue = value;
    }
  }
  return pick;
}
