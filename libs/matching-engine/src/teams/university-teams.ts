/**
 * The best team one university can field for one project on its own, at given expert prices. The eligible pairs
 * are regrouped by (project, university, kind); within a group a team is a set of at most max(p, k) experts
 * with at most maxPerDiscipline per primary discipline (a laminar matroid), so taking experts in order of price-
 * reduced weight, skipping full disciplines, gives the best team of every size; the first min(p, k) members also
 * earn BIG each (coverage before weight). Pinned members are always in the team.
 */
import type { CandidatePairs } from '../eligibility/candidate-pairs';
import type { PreparedInstance } from '../model/prepared-instance';

/** Eligible pairs grouped by g = (p * U + u) * 2 + kind, in CSR form. */
export interface TeamGroups {
  readonly U: number;
  readonly start: Int32Array;
  readonly expert: Int32Array;
  readonly weight: Int32Array;
  /** Index of the pair in the candidate pairs. */
  readonly pair: Int32Array;
  readonly pinned: Uint8Array;
  /** One coverage unit outweighs every achievable total weight. */
  readonly big: number;
}

/** Regroups the candidate pairs by project, university and kind (experts ascending within a group). */
export function buildTeamGroups(prep: PreparedInstance, pairs: CandidatePairs): TeamGroups {
  const P = prep.projectCount;
  const E = prep.expertCount;
  const U = prep.universityIds.length;
  const G = P * U * 2;
  const start = new Int32Array(G + 1);
  let weightBound = 0;
  for (let e = 0; e < E; e++) {
    const base = prep.expertUniversity[e] * 2 + prep.expertKind[e];
    let best = 0;
    for (let i = pairs.start[e]; i < pairs.start[e + 1]; i++) {
      start[pairs.project[i] * U * 2 + base + 1]++;
      if (pairs.weight[i] > best) best = pairs.weight[i];
    }
    weightBound += best * prep.expertCapacity[e];
  }
  for (let g = 0; g < G; g++) start[g + 1] += start[g];
  const fill = start.slice(0, G);
  const n = pairs.count;
  const expert = new Int32Array(n);
  const weight = new Int32Array(n);
  const pair = new Int32Array(n);
  const pinned = new Uint8Array(n);
  const pinKeys = new Set<number>();
  for (let i = 0; i < prep.pinExpert.length; i++) pinKeys.add(prep.pinExpert[i] * P + prep.pinProject[i]);
  for (let e = 0; e < E; e++) {
    const base = prep.expertUniversity[e] * 2 + prep.expertKind[e];
    for (let i = pairs.start[e]; i < pairs.start[e + 1]; i++) {
      const p = pairs.project[i];
      const at = fill[p * U * 2 + base]++;
      expert[at] = e;
      weight[at] = pairs.weight[i];
      pair[at] = i;
      if (pinKeys.size > 0 && pinKeys.has(e * P + p)) pinned[at] = 1;
    }
  }
  return { U, start, expert, weight, pair, pinned, big: weightBound + 1 };
}

/** Value of a team: coverage units, weight, and the combined (BIG * coverage + weight) * scale less the prices. */
export interface TeamValue {
  coverage: number;
  weight: number;
  value: number;
}

/**
 * Evaluates the best team of every group at expert prices `mu`; keeps each group's experts ordered by reduced
 * weight (insertion sort: prices move a little between calls, so the order is nearly right already).
 */
export class TeamEvaluator {
  /** Positions into the groups' arrays, ordered within each group by reduced weight descending. */
  private readonly order: Int32Array;
  private readonly disciplineCount: Int32Array;
  private readonly touched: Int32Array;
  private readonly reduced: Float64Array;

  constructor(
    private readonly prep: PreparedInstance,
    readonly groups: TeamGroups,
    /** Weights are multiplied by this (prices are in 1/scale weight units). */
    private readonly scale = 1,
  ) {
    this.order = Int32Array.from({ length: groups.expert.length }, (_, i) => i);
    this.disciplineCount = new Int32Array(prep.disciplines.length);
    this.touched = new Int32Array(Math.max(1, prep.disciplines.length));
    this.reduced = new Float64Array(groups.expert.length);
  }

  /** Re-sorts group g under prices mu. */
  sortGroup(g: number, mu: Float64Array): void {
    const { order, reduced } = this;
    const { start, expert, weight } = this.groups;
    const a = start[g];
    const b = start[g + 1];
    const S = this.scale;
    for (let i = a; i < b; i++) reduced[i] = weight[i] * S - mu[expert[i]];
    for (let i = a + 1; i < b; i++) {
      const x = order[i];
      const rx = reduced[x];
      const ex = expert[x];
      let j = i - 1;
      while (j >= a) {
        const y = order[j];
        const ry = reduced[y];
        if (ry > rx || (ry === rx && expert[y] < ex)) break;
        order[j + 1] = y;
        j--;
      }
      order[j + 1] = x;
    }
  }

  /**
   * The best team of group g at prices mu (call sortGroup first). Writes the chosen positions into `members`
   * when given and returns how many; the value goes to `out`.
   */
  bestTeam(g: number, mu: Float64Array, out: TeamValue, members?: Int32Array): number {
    const prep = this.prep;
    const { order, disciplineCount, touched } = this;
    const { start, expert, weight, pinned, big, U } = this.groups;
    const pk = Math.floor(g / (2 * U)) * 2 + (g & 1);
    const min = prep.slotMin[pk];
    const max = prep.slotMax[pk];
    const cap = prep.maxPerDiscipline;
    const S = this.scale;
    const bigS = big * S;
    let count = 0;
    let nTouched = 0;
    let weightSum = 0;
    let reducedSum = 0;
    const a = start[g];
    const b = start[g + 1];
    for (let i = a; i < b; i++) {
      if (pinned[i] === 0) continue;
      const e = expert[i];
      const d = prep.expertDisciplines[e * 3];
      if (disciplineCount[d]++ === 0) touched[nTouched++] = d;
      weightSum += weight[i];
      reducedSum += weight[i] * S - mu[e];
      if (members) members[count] = i;
      count++;
    }
    for (let j = a; j < b && count < max; j++) {
      const i = order[j];
      if (pinned[i] === 1) continue;
      const e = expert[i];
      const d = prep.expertDisciplines[e * 3];
      if (disciplineCount[d] >= cap) continue;
      const r = weight[i] * S - mu[e];
      if (r + (count < min ? bigS : 0) <= 0) break;
      if (disciplineCount[d]++ === 0) touched[nTouched++] = d;
      weightSum += weight[i];
      reducedSum += r;
      if (members) members[count] = i;
      count++;
    }
    for (let t = 0; t < nTouched; t++) disciplineCount[touched[t]] = 0;
    const coverage = Math.min(count, min);
    out.coverage = coverage;
    out.weight = weightSum;
    out.value = bigS * coverage + reducedSum;
    return count;
  }
}
