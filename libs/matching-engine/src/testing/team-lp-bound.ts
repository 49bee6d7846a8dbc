/**
 * The LP relaxation of the one-university problem with one column per (project, university) team, solved by
 * column generation with HiGHS: the best bound any prices of the engine's Lagrangian bound (teams/lead-bound.ts)
 * can give, since that bound's minimum over the prices equals this LP. Used to tell how much of a certified gap
 * is the bound's and how much the incumbent's (`npm run oracle:team-lp`); too slow for the engine itself.
 *
 * Master LP: maximise sum over teams of (BIG * coverage + weight) x_T / BIG subject to, per project, at most one
 * team; per expert, at most its capacity; per limited university, at most maxProjects teams. Pricing: at the
 * master's duals every (project, university) best team comes from the engine's own TeamEvaluator. The duals are
 * smoothed towards the best prices found (Wentges), which keeps the columns added useful. The result's `bound` is
 * L evaluated exactly by LeadBound at those prices rounded to its grid: a proof, whatever HiGHS's tolerances.
 */
import type { MatchingInstanceV1 } from '@civic/contracts';
import { createEngineContext } from '../model/engine-context';
import type { ScoringOptions } from '../model/engine-options';
import { LeadBound } from '../teams/lead-bound';
import { buildTeamRules } from '../teams/team-rules';
import { buildTeamGroups, TeamEvaluator } from '../teams/university-teams';
import { loadHighs } from './lp-oracle';

export interface TeamLpBound {
  /** The master LP's last value and the best Lagrangian value found, in BIG * coverage + weight (floats). */
  lpValue: number;
  lagrangianValue: number;
  /** L at the best prices rounded to the engine's grid, exact, split as the contract splits `stats.bound`. */
  bound: { coverage: number; weight: number };
  big: number;
  rounds: number;
  columns: number;
  /** Whether pricing found no column left to add (the LP is solved) rather than the round limit ending it. */
  converged: boolean;
}

interface Column {
  p: number;
  u: number;
  value: number;
  members: number[];
}

interface HighsModelLike {
  addCol(cost: number, lower: number, upper: number, entries: { indices: Int32Array; values: Float64Array }): unknown;
  run(): unknown;
  getObjectiveValue(): number;
  getSolution(): { rowDual: Float64Array };
  options: { set(values: Record<string, unknown>): unknown };
  dispose(): void;
}

interface HighsLike {
  infinity: number;
  constants: { objectiveSense: { maximize: unknown } };
  createModel(data: unknown): HighsModelLike;
}

/** Share of the best prices in the prices priced at (Wentges smoothing). */
const SMOOTHING = 0.7;

/**
 * Solves the team LP of `instance` (under `one-university`). `known` (a solution's coverage and weight, e.g. the
 * engine's) is the target of the subgradient that provides the first prices and columns.
 */
export async function teamLpBound(
  instance: MatchingInstanceV1,
  known: { coverage: number; weight: number },
  maxRounds = 200,
  scoring: ScoringOptions = {},
): Promise<TeamLpBound> {
  const highs = (await loadHighs()) as unknown as HighsLike;
  const { prep, pairs } = createEngineContext(instance, scoring);
  const rules = buildTeamRules(prep);
  const groups = buildTeamGroups(prep, pairs);
  const big = groups.big;
  const targetValue = big * known.coverage + known.weight;
  const P = prep.projectCount;
  const U = rules.U;
  const E = prep.expertCount;
  const evaluator = new TeamEvaluator(prep, groups);
  const limited: number[] = [];
  for (let u = 0; u < U; u++) if (rules.maxProjects[u] >= 0) limited.push(u);
  // Rows: projects, then experts, then limited universities.
  const universityRow = new Int32Array(U).fill(-1);
  limited.forEach((u, i) => (universityRow[u] = P + E + i));
  const rows = P + E + limited.length;
  const rowUpper = new Float64Array(rows);
  rowUpper.fill(1, 0, P);
  for (let e = 0; e < E; e++) rowUpper[P + e] = prep.expertCapacity[e];
  for (const u of limited) rowUpper[universityRow[u]] = rules.maxProjects[u];
  const model = highs.createModel({
    numCols: 0,
    numRows: rows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: [],
    colLower: [],
    colUpper: [],
    rowLower: new Float64Array(rows).fill(-highs.infinity),
    rowUpper,
    matrix: { format: 'csc', numRows: rows, numCols: 0, starts: [0], indices: [], values: [] },
  });
  try {
    model.options.set({ output_flag: false });
    const seen = new Set<string>();
    let columns = 0;
    const members = new Int32Array(64);
    const tv = { coverage: 0, weight: 0, value: 0 };
    /** The best team of u for p at prices mu (weight units), its value less the prices. */
    const bestTeam = (p: number, u: number, mu: Float64Array, ev = evaluator, scale = 1): Column => {
      const column: Column = { p, u, value: 0, members: [] };
      for (let k = 0; k < 2; k++) {
        const g = (p * U + u) * 2 + k;
        if (groups.start[g] === groups.start[g + 1]) continue;
        const n = ev.bestTeam(g, mu, tv, members);
        column.value += tv.value / scale;
        for (let j = 0; j < n; j++) column.members.push(groups.expert[members[j]]);
      }
      return column;
    };
    const add = (c: Column, mu: Float64Array): boolean => {
      if (c.members.length === 0) return false;
      const key = `${c.p}:${c.u}:${[...c.members].sort((a, b) => a - b).join(',')}`;
      if (seen.has(key)) return false;
      seen.add(key);
      let value = c.value;
      for (const e of c.members) value += mu[e]; // the team's own BIG * coverage + weight
      const indices = [c.p, ...c.members.map((e) => P + e)];
      if (universityRow[c.u] >= 0) indices.push(universityRow[c.u]);
      model.addCol(value / big, 0, highs.infinity, { indices: Int32Array.from(indices), values: new Float64Array(indices.length).fill(1) });
      columns++;
      return true;
    };

    // First prices and columns: the engine's root subgradient (its rule), every step's chosen teams.
    const lb = new LeadBound(prep, groups, rules);
    lb.deflection = 0.9;
    const S = lb.scale;
    let bestScaled = Infinity;
    const bestMu = new Float64Array(E);
    const bestNu = new Float64Array(U);
    let theta = 1;
    let stale = 0;
    for (let it = 0; it < 600 && theta >= 1e-2; it++) {
      const at = lb.evaluate(rules.allowed);
      if (at.scaledBound < bestScaled) {
        bestScaled = at.scaledBound;
        bestMu.set(lb.mu);
        bestNu.set(lb.nu);
        stale = 0;
      } else if (++stale >= 20) {
        theta /= 2;
        stale = 0;
      }
      const muWeight = Float64Array.from(lb.mu, (x) => x / S);
      for (let p = 0; p < P; p++) if (at.choice[p] >= 0) add(bestTeam(p, at.choice[p], lb.mu, lb.evaluator, S), muWeight);
      if (!lb.step(at, targetValue * S, theta)) break;
    }

    /** L at prices (mu, nu) in weight units; adds each project's best team as a column when `grow`. */
    const lagrangian = (mu: Float64Array, nu: Float64Array): { value: number; added: number } => {
      let value = 0;
      let added = 0;
      for (let p = 0; p < P; p++) {
        let best = 0;
        let bestColumn: Column | null = null;
        for (let u = 0; u < U; u++) {
          if (rules.allowed[p * U + u] === 0) continue;
          const c = bestTeam(p, u, mu);
          const net = c.value - (universityRow[u] >= 0 ? nu[u] : 0);
          if (net > best) {
            best = net;
            bestColumn = c;
          }
        }
        value += best;
        if (bestColumn && add(bestColumn, mu)) added++;
      }
      for (let e = 0; e < E; e++) value += mu[e] * prep.expertCapacity[e];
      for (const u of limited) value += nu[u] * rules.maxProjects[u];
      return { value, added };
    };

    const center = { mu: Float64Array.from(bestMu, (x) => x / S), nu: Float64Array.from(bestNu, (x) => x / S), value: bestScaled / S };
    let lpValue = 0;
    let rounds = 0;
    let converged = false;
    while (rounds < maxRounds) {
      rounds++;
      model.run();
      lpValue = model.getObjectiveValue() * big;
      const dual = model.getSolution().rowDual;
      const muLp = new Float64Array(E);
      const nuLp = new Float64Array(U);
      for (let e = 0; e < E; e++) muLp[e] = Math.max(0, dual[P + e]) * big;
      for (const u of limited) nuLp[u] = Math.max(0, dual[universityRow[u]]) * big;
      const mu = Float64Array.from(muLp, (x, e) => SMOOTHING * center.mu[e] + (1 - SMOOTHING) * x);
      const nu = Float64Array.from(nuLp, (x, u) => SMOOTHING * center.nu[u] + (1 - SMOOTHING) * x);
      const smoothed = lagrangian(mu, nu);
      if (smoothed.value < center.value) Object.assign(center, { mu, nu, value: smoothed.value });
      // Nothing new at the smoothed prices: price at the LP's own duals (no column there proves the LP solved).
      const plain = smoothed.added === 0 ? lagrangian(muLp, nuLp) : { value: Infinity, added: 0 };
      if (plain.value < center.value) Object.assign(center, { mu: muLp, nu: nuLp, value: plain.value });
      if (smoothed.added === 0 && plain.added === 0) {
        converged = true;
        break;
      }
      if (center.value - lpValue < 0.5) break; // L meets the LP: both are optimal to within half a weight unit
    }

    // The proof: L at the best prices on the engine's grid, computed exactly.
    lb.setPrices(
      Float64Array.from(center.mu, (x) => Math.round(x * S)),
      Float64Array.from(center.nu, (x) => Math.round(x * S)),
    );
    const scaled = lb.evaluate(rules.allowed, rules.pinnedUniversity, true).scaledBound;
    const value = Math.floor(scaled / S);
    const coverage = Math.floor(value / big);
    return { lpValue, lagrangianValue: center.value, bound: { coverage, weight: value - coverage * big }, big, rounds, columns, converged: converged || center.value - lpValue < 0.5 };
  } finally {
    model.dispose();
  }
}
