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
  private readonly members: Int32Array;
  private readonly tv: TeamValue = { coverage: 0, weight: 0, value: 0 };
  private readonly muFloat: Float64Array;
  private readonly nuFloat: Float64Array;
  /** The previous step's direction (deflected subgradient: d = g + deflection * d_prev). */
  private readonly muDir: Float64Array;
  private readonly nuDir: Float64Array;
  deflection = 0;
  iterations = 0;

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
    this.members = new Int32Array(maxTeam + 1);
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
  evaluate(allowed: Uint8Array, forcedLead: Int32Array = this.rules.pinnedUniversity): LeadChoice {
    const { prep, groups, rules, evaluator, mu, nu, tv, members } = this;
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
      for (let u = 0; u < U; u++) {
        if (allowed[p * U + u] === 0) continue;
        const g0 = (p * U + u) * 2;
        let v = 0;
        let any = false;
        for (let k = 0; k < 2; k++) {
          const g = g0 + k;
          if (groups.start[g] === groups.start[g + 1]) continue;
          any = true;
          evaluator.sortGroup(g, mu);
          evaluator.bestTeam(g, mu, tv);
          v += tv.value;
        }
        if (!any && u !== forced) continue;
        const net = rules.maxProjects[u] >= 0 ? v - nu[u] : v;
        value[p * U + u] = v;
        if (net > best) {
          best = net;
          bestU = u;
        }
      }
      total += best === -Infinity ? 0 : best;
      choice[p] = bestU;
      if (bestU < 0) continue;
      leadCount[bestU]++;
      for (let k = 0; k < 2; k++) {
        const n = evaluator.bestTeam((p * U + bestU) * 2 + k, mu, tv, members);
        for (let j = 0; j < n; j++) usage[groups.expert[members[j]]]++;
      }
    }
    for (let e = 0; e < prep.expertCount; e++) total += mu[e] * prep.expertCapacity[e];
    for (let u = 0; u < U; u++) if (rules.maxProjects[u] >= 0) total += nu[u] * rules.maxProjects[u];
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
