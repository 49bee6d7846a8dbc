/**
 * The Lagrangian bound of the one-university problem. Relaxing the experts' capacities (prices mu >= 0) and the
 * universities' project limits (prices nu >= 0) leaves one small problem per project: pick the university whose
 * best team, at those prices, is worth most (teams.ts computes it exactly). For any prices,
 *   L = sum over projects of that best value + sum_e mu_e cap_e + sum_u nu_u maxProjects_u
 * bounds every feasible solution's BIG * coverage + weight from above. The prices are integers in units of
 * 1/SCALE weight, so L is computed exactly; subgradient steps (Polyak's rule) lower it.
 */
import type { PreparedInstance } from '../model/prepared-instance';
import type { TeamRules } from './team-rules';
import { TeamEvaluator, type TeamGroups, type TeamValue } from './university-teams';

/** One evaluation of L at the current prices: per project the chosen lead (-1: none) and its value. */
export interface LeadChoice {
  /** L in scaled units (exact integer). */
  scaledBound: number;
  choice: Int32Array;
  /** Value (scaled) of each (p, u) team at these prices; -Infinity when u may not lead p. */
  value: Float64Array;
  /** How many chosen teams each expert is in, and how many projects each university leads. */
  usage: Int32Array;
  leadCount: Int32Array;
}

export class LeadBound {
  /** Weight units are multiplied by this inside (prices finer than one weight unit, still exact integers). */
  readonly scale: number;
  readonly mu: Float64Array;
  readonly nu: Float64Array;
  readonly evaluator: TeamEvaluator;
  /** The members of the team being evaluated and of the project's best so far (both kinds, swapped on a new best). */
  private members: Int32Array;
  private bestMembers: Int32Array;
  private readonly tv: TeamValue = { coverage: 0, weight: 0, value: 0 };
  private readonly muFloat: Float64Array;
  private readonly nuFloat: Float64Array;
  /** The previous step's direction (deflected subgradient: d = g + deflection * d_prev). */
  private readonly muDir: Float64Array;
  private readonly nuDir: Float64Array;
  deflection = 0;
  iterations = 0;
  /** Teams evaluated in all (a figure of the search). */
  teamEvaluations = 0;

  constructor(
    private readonly prep: PreparedInstance,
    readonly groups: TeamGroups,
    private readonly rules: TeamRules,
  ) {
    let maxCoverage = 0;
    for (let pk = 0; pk < prep.slotMin.length; pk++) maxCoverage += prep.slotMin[pk];
    // Largest power of two <= 64 that keeps every scaled value below 2^50 (exact in float64).
    let scale = 64;
    while (scale > 1 && groups.big * scale * (maxCoverage + 2) > 2 ** 50) scale /= 2;
    this.scale = scale;
    this.evaluator = new TeamEvaluator(prep, groups, scale);
    this.mu = new Float64Array(prep.expertCount);
    this.nu = new Float64Array(rules.U);
    this.muFloat = new Float64Array(prep.expertCount);
    this.nuFloat = new Float64Array(rules.U);
    this.muDir = new Float64Array(prep.expertCount);
    this.nuDir = new Float64Array(rules.U);
    let maxTeam = 1;
    for (let pk = 0; pk < prep.slotMax.length; pk++) maxTeam = Math.max(maxTeam, prep.slotMax[pk]);
    this.members = new Int32Array(2 * maxTeam + 2);
    this.bestMembers = new Int32Array(2 * maxTeam + 2);
    // Each team's value at zero prices (the groups start in that order) bounds its value at any prices >= 0:
    // universities are tried best first and the rest skipped once they cannot beat the best found.
    const P = prep.projectCount;
    const U = rules.U;
    const zero = new Float64Array(prep.expertCount);
    this.ceiling = new Float64Array(P * U).fill(-Infinity);
    for (let p = 0; p < P; p++) {
      for (let u = 0; u < U; u++) {
        const g0 = (p * U + u) * 2;
        if (groups.start[g0] === groups.start[g0 + 2]) continue;
        let v = 0;
        for (let k = 0; k < 2; k++) {
          if (groups.start[g0 + k] === groups.start[g0 + k + 1]) continue;
          this.evaluator.bestTeam(g0 + k, zero, this.tv);
          v += this.tv.value;
        }
        this.ceiling[p * U + u] = v;
      }
    }
    this.tryOrder = new Int32Array(P * U);
    const order = Array.from({ length: U }, (_, u) => u);
    for (let p = 0; p < P; p++) {
      order.sort((a, b) => this.ceiling[p * U + b] - this.ceiling[p * U + a] || a - b);
      this.tryOrder.set(order, p * U);
    }
    this.tryPosition = new Int32Array(P * U);
    for (let p = 0; p < P; p++) for (let j = 0; j < U; j++) this.tryPosition[p * U + this.tryOrder[p * U + j]] = j;
    this.lastChoice = new Int32Array(P).fill(-1);
    this.upper = Float64Array.from(this.ceiling);
    this.pricedAt = new Float64Array(prep.expertCount);
    this.rise = new Float64Array(U * 2);
    this.topRises = new Float64Array(maxTeam);
    // A team of kind k has at most the largest max(p, k) members (teachers 4, students 6 in a season).
    this.kindMax = new Int32Array(2);
    for (let pk = 0; pk < prep.slotMax.length; pk++) this.kindMax[pk & 1] = Math.max(this.kindMax[pk & 1], prep.slotMax[pk]);
    this.expertsOf = Array.from({ length: U * 2 }, () => [] as number[]);
    for (let e = 0; e < prep.expertCount; e++) this.expertsOf[prep.expertUniversity[e] * 2 + prep.expertKind[e]].push(e);
  }

  /** Per (p, u): the team's value at zero prices, an upper bound at any prices. */
  private readonly ceiling: Float64Array;
  /** Per project, the universities by ceiling, best first; per (p, u) the position of u there. */
  private readonly tryOrder: Int32Array;
  private readonly tryPosition: Int32Array;
  /** The choice of the last evaluation. */
  private readonly lastChoice: Int32Array;
  /**
   * Per (p, u): an upper bound of the team's value at the current prices. A team has at most maxTeam members per
   * kind, so when prices move its value rises by at most the sum of its (university, kind)'s maxTeam largest
   * price drops: the bound of a team not evaluated grows by that much and a university whose bound cannot beat
   * the project's best is skipped (the bound L stays exact).
   */
  private readonly upper: Float64Array;
  /** The prices the bounds in `upper` hold for. */
  private readonly pricedAt: Float64Array;
  /** Per (university, kind): the largest rise of a team's value since `pricedAt`. */
  private readonly rise: Float64Array;
  private readonly topRises: Float64Array;
  private readonly kindMax: Int32Array;
  private readonly expertsOf: number[][];

  /** Moves the bounds in `upper` from the prices `pricedAt` to the current ones. */
  private raiseUpperBounds(): void {
    const { mu, pricedAt, rise, topRises, upper, ceiling } = this;
    let any = false;
    for (let uk = 0; uk < rise.length; uk++) {
      const m = Math.max(1, this.kindMax[uk & 1]);
      // The m largest drops, kept in a small descending array (m is a team's size).
      topRises.fill(0);
      for (const e of this.expertsOf[uk]) {
        const drop = pricedAt[e] - mu[e];
        if (drop <= topRises[m - 1]) continue;
        let j = m - 1;
        while (j > 0 && topRises[j - 1] < drop) {
          topRises[j] = topRises[j - 1];
          j--;
        }
        topRises[j] = drop;
      }
      let sum = 0;
      for (let j = 0; j < m; j++) sum += topRises[j];
      rise[uk] = sum;
      if (sum > 0) any = true;
    }
    pricedAt.set(mu);
    if (!any) return;
    const U = this.rules.U;
    for (let pu = 0; pu < upper.length; pu++) {
      const u = pu % U;
      const r = rise[u * 2] + rise[u * 2 + 1];
      if (r > 0) upper[pu] = Math.min(upper[pu] + r, ceiling[pu]);
    }
  }

  /** Sets the prices (e.g. a parent node's). */
  setPrices(mu: Float64Array, nu: Float64Array): void {
    this.mu.set(mu);
    this.muFloat.set(mu);
    this.nu.set(nu);
    this.nuFloat.set(nu);
    this.muDir.fill(0);
    this.nuDir.fill(0);
  }

  /**
   * L and the per-project choices at the current prices, for projects allowed by `allowed` (p * U + u); a
   * project with a `forcedLead` (pins, or a branch) takes that university even at a loss.
   */
  evaluate(allowed: Uint8Array, forcedLead: Int32Array = this.rules.pinnedUniversity, allValues = false): LeadChoice {
    const { prep, groups, rules, evaluator, mu, nu, tv, upper } = this;
    this.raiseUpperBounds();
    const P = prep.projectCount;
    const U = rules.U;
    const choice = new Int32Array(P).fill(-1);
    const value = new Float64Array(P * U).fill(-Infinity);
    const usage = new Int32Array(prep.expertCount);
    const leadCount = new Int32Array(U);
    let total = 0;
    for (let p = 0; p < P; p++) {
      const forced = forcedLead[p];
      let best = forced >= 0 ? -Infinity : 0;
      let bestU = -1;
      let bestSize = 0;
      // The position in tryOrder of the best so far (-1: no team): a tie goes to the earlier position, so the
      // choice is the same in whatever order the teams are looked at.
      let bestAt = -1;
      // The project's previous choice is looked at first (it usually wins again, and a high best lets the bounds
      // below skip more teams); not when every value is asked for, whose set of teams looked at must not change.
      const previous = !allValues && forced < 0 ? this.lastChoice[p] : -1;
      const first = previous >= 0 && allowed[p * U + previous] === 1 ? this.tryPosition[p * U + previous] : -1;
      for (let s = first >= 0 ? -1 : 0; s < U; s++) {
        const j = s < 0 ? first : s;
        if (s >= 0 && j === first) continue;
        const u = this.tryOrder[p * U + j];
        if (allowed[p * U + u] === 0) continue;
        if (s >= 0 && forced < 0) {
          // No university from here on can beat the best (prices only lower a team's value), nor tie before it.
          const ceiling = this.ceiling[p * U + u];
          if (ceiling < best || (ceiling === best && j > bestAt)) break;
          // Nor can this one (its bound, less its price, is no better); `allValues` asks for every team's value.
          const bound = upper[p * U + u] - (rules.maxProjects[u] >= 0 ? nu[u] : 0);
          if (!allValues && (bound < best || (bound === best && j > bestAt))) continue;
        }
        const g0 = (p * U + u) * 2;
        this.teamEvaluations++;
        let v = 0;
        let any = false;
        let size = 0;
        for (let k = 0; k < 2; k++) {
          const g = g0 + k;
          if (groups.start[g] === groups.start[g + 1]) continue;
          any = true;
          // Members go to the scratch after those of the other kind (kept for the usage if this team wins).
          size += evaluator.bestTeam(g, mu, tv, this.members, size);
          v += tv.value;
        }
        upper[p * U + u] = v;
        if (!any && u !== forced) continue;
        const net = rules.maxProjects[u] >= 0 ? v - nu[u] : v;
        value[p * U + u] = v;
        if (net > best || (net === best && bestAt >= 0 && j < bestAt)) {
          best = net;
          bestU = u;
          bestAt = j;
          bestSize = size;
          const swap = this.bestMembers;
          this.bestMembers = this.members;
          this.members = swap;
        }
      }
      total += best === -Infinity ? 0 : best;
      choice[p] = bestU;
      if (bestU < 0) continue;
      leadCount[bestU]++;
      const chosen = this.bestMembers;
      for (let j = 0; j < bestSize; j++) usage[groups.expert[chosen[j]]]++;
    }
    for (let e = 0; e < prep.expertCount; e++) total += mu[e] * prep.expertCapacity[e];
    for (let u = 0; u < U; u++) if (rules.maxProjects[u] >= 0) total += nu[u] * rules.maxProjects[u];
    this.lastChoice.set(choice);
    this.iterations++;
    return { scaledBound: total, choice, value, usage, leadCount };
  }

  /**
   * One subgradient step towards lower L (Polyak's rule with target `targetScaled`, factor theta). Returns false
   * when the subgradient is zero (the choice is feasible and no price can move).
   */
  step(at: LeadChoice, targetScaled: number, theta: number): boolean {
    const { prep, rules, mu, nu, muFloat, nuFloat, muDir, nuDir } = this;
    const beta = this.deflection;
    let norm = 0;
    let moving = 0;
    for (let e = 0; e < prep.expertCount; e++) {
      const g = prep.expertCapacity[e] - at.usage[e];
      const d = g + beta * muDir[e];
      muDir[e] = d > 0 && muFloat[e] <= 0 ? 0 : d;
      norm += muDir[e] * muDir[e];
      if (g !== 0 && !(g > 0 && muFloat[e] <= 0)) moving++;
    }
    for (let u = 0; u < rules.U; u++) {
      if (rules.maxProjects[u] < 0) continue;
      const g = rules.maxProjects[u] - at.leadCount[u];
      const d = g + beta * nuDir[u];
      nuDir[u] = d > 0 && nuFloat[u] <= 0 ? 0 : d;
      norm += nuDir[u] * nuDir[u];
      if (g !== 0 && !(g > 0 && nuFloat[u] <= 0)) moving++;
    }
    if (moving === 0 || norm === 0) return false;
    const t = (theta * Math.max(at.scaledBound - targetScaled, this.scale)) / norm;
    for (let e = 0; e < prep.expertCount; e++) {
      if (muDir[e] === 0) continue;
      const next = Math.max(0, muFloat[e] - t * muDir[e]);
      muFloat[e] = next;
      mu[e] = Math.round(next);
    }
    for (let u = 0; u < rules.U; u++) {
      if (rules.maxProjects[u] < 0 || nuDir[u] === 0) continue;
      const next = Math.max(0, nuFloat[u] - t * nuDir[u]);
      nuFloat[u] = next;
      nu[u] = Math.round(next);
    }
    return true;
  }
}
