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

/**
 * Regroups the candidate pairs by project, university and kind. Within a group, experts come by weight
 * descending, then expert ascending: the best team at zero prices is a prefix scan, and price changes start from
 * a nearly sorted order. Universities marked `frozen` (a re-match's untouched ones) keep only their pinned pairs.
 */
export function buildTeamGroups(prep: PreparedInstance, pairs: CandidatePairs, frozen?: Uint8Array): TeamGroups {
  const P = prep.projectCount;
  const E = prep.expertCount;
  const U = prep.universityIds.length;
  const G = P * U * 2;
  const n = pairs.count;
  const start = new Int32Array(G + 1);
  const expertOf = new Int32Array(n);
  let weightBound = 0;
  let maxWeight = 0;
  for (let e = 0; e < E; e++) {
    const base = prep.expertUniversity[e] * 2 + prep.expertKind[e];
    let best = 0;
    for (let i = pairs.start[e]; i < pairs.start[e + 1]; i++) {
      expertOf[i] = e;
      start[pairs.project[i] * U * 2 + base + 1]++;
      if (pairs.weight[i] > best) best = pairs.weight[i];
    }
    weightBound += best * prep.expertCapacity[e];
    if (best > maxWeight) maxWeight = best;
  }
  for (let g = 0; g < G; g++) start[g + 1] += start[g];
  // Pairs by weight descending, experts ascending within a weight (a counting sort: weights are small integers).
  const byWeight = new Int32Array(maxWeight + 2);
  for (let i = 0; i < n; i++) byWeight[maxWeight - pairs.weight[i] + 1]++;
  for (let w = 0; w <= maxWeight; w++) byWeight[w + 1] += byWeight[w];
  const sorted = new Int32Array(n);
  for (let i = 0; i < n; i++) sorted[byWeight[maxWeight - pairs.weight[i]]++] = i;
  const pinnedPair = new Uint8Array(n);
  for (let j = 0; j < prep.pinExpert.length; j++) {
    const e = prep.pinExpert[j];
    for (let i = pairs.start[e]; i < pairs.start[e + 1]; i++) if (pairs.project[i] === prep.pinProject[j]) pinnedPair[i] = 1;
  }
  if (frozen) {
    // Drop the unpinned pairs of frozen universities: recount the groups.
    start.fill(0);
    for (let i = 0; i < n; i++) {
      const e = expertOf[i];
      if (frozen[prep.expertUniversity[e]] === 1 && pinnedPair[i] === 0) continue;
      start[pairs.project[i] * U * 2 + prep.expertUniversity[e] * 2 + prep.expertKind[e] + 1]++;
    }
    for (let g = 0; g < G; g++) start[g + 1] += start[g];
  }
  const kept = start[G];
  const fill = start.slice(0, G);
  const expert = new Int32Array(kept);
  const weight = new Int32Array(kept);
  const pair = new Int32Array(kept);
  const pinned = new Uint8Array(kept);
  for (let k = 0; k < n; k++) {
    const i = sorted[k];
    const e = expertOf[i];
    if (frozen && frozen[prep.expertUniversity[e]] === 1 && pinnedPair[i] === 0) continue;
    const at = fill[pairs.project[i] * U * 2 + prep.expertUniversity[e] * 2 + prep.expertKind[e]]++;
    expert[at] = e;
    weight[at] = pairs.weight[i];
    pair[at] = i;
    pinned[at] = pinnedPair[i];
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
 * Evaluates the best team of a group at expert prices `mu`. Only a team's few members matter, so a group is not
 * sorted: its experts are scanned in weight order (the order at zero prices) into a small buffer of the greedy's
 * members by reduced weight, and the scan stops once no later expert's weight (its reduced weight at price 0)
 * beats the buffer's last member. The team is the one of a full sort by reduced weight, then expert id.
 */
export class TeamEvaluator {
  /** The buffer: group positions, reduced weights, experts and disciplines of the greedy's members so far. */
  private readonly bufferAt: Int32Array;
  private readonly bufferReduced: Float64Array;
  private readonly bufferExpert: Int32Array;
  private readonly bufferDiscipline: Int32Array;
  /** Per group: 1 when it holds pinned pairs (they are always members). */
  private readonly hasPins: Uint8Array;

  constructor(
    private readonly prep: PreparedInstance,
    readonly groups: TeamGroups,
    /** Weights are multiplied by this (prices are in 1/scale weight units). */
    private readonly scale = 1,
  ) {
    let maxTeam = 1;
    for (let pk = 0; pk < prep.slotMax.length; pk++) maxTeam = Math.max(maxTeam, prep.slotMax[pk]);
    this.bufferAt = new Int32Array(maxTeam + 1);
    this.bufferReduced = new Float64Array(maxTeam + 1);
    this.bufferExpert = new Int32Array(maxTeam + 1);
    this.bufferDiscipline = new Int32Array(maxTeam + 1);
    const G = groups.start.length - 1;
    this.hasPins = new Uint8Array(G);
    for (let g = 0; g < G; g++) {
      for (let i = groups.start[g]; i < groups.start[g + 1]; i++) if (groups.pinned[i] === 1) this.hasPins[g] = 1;
    }
  }

  /**
   * The best team of group g at prices mu (the greedy of the laminar matroid: pinned members first, then experts by
   * reduced weight, skipping full disciplines, while a member adds value). Writes the chosen positions into
   * `members` (from `offset`) when given and returns how many; the value goes to `out`.
   */
  bestTeam(g: number, mu: Float64Array, out: TeamValue, members?: Int32Array, offset = 0): number {
    const prep = this.prep;
    const { bufferAt, bufferReduced, bufferExpert, bufferDiscipline } = this;
    const { start, expert, weight, pinned, big, U } = this.groups;
    const disciplines = prep.expertDisciplines;
    const pk = Math.floor(g / (2 * U)) * 2 + (g & 1);
    const min = prep.slotMin[pk];
    const max = prep.slotMax[pk];
    const cap = prep.maxPerDiscipline;
    const S = this.scale;
    const bigS = big * S;
    const a = start[g];
    const b = start[g + 1];
    const withPins = this.hasPins[g] === 1;
    let n = 0;
    if (withPins) {
      for (let i = a; i < b; i++) {
        if (pinned[i] === 0) continue;
        const e = expert[i];
        bufferAt[n] = i;
        bufferReduced[n] = weight[i] * S - mu[e];
        bufferExpert[n] = e;
        bufferDiscipline[n] = disciplines[e * 3];
        n++;
      }
    }
    const fixed = n;
    // Invariant: the buffer holds, by reduced weight descending (then expert ascending), the greedy's members among
    // the experts scanned so far, at most `max`. A member never moves up (an expert entering above it can only push
    // it down or out), so one beyond `max` can be dropped for good.
    if (fixed < max) {
      for (let i = a; i < b; i++) {
        const w = weight[i] * S;
        // Prices are >= 0 and weights only fall from here: nobody left can beat the last member.
        if (n === max && w < bufferReduced[n - 1]) break;
        if (withPins && pinned[i] === 1) continue;
        const e = expert[i];
        const r = w - mu[e];
        if (n === max && (r < bufferReduced[n - 1] || (r === bufferReduced[n - 1] && e > bufferExpert[n - 1]))) continue;
        let at = n;
        while (at > fixed && (bufferReduced[at - 1] < r || (bufferReduced[at - 1] === r && bufferExpert[at - 1] > e))) at--;
        const d = disciplines[e * 3];
        let same = 0;
        for (let j = 0; j < at; j++) if (bufferDiscipline[j] === d) same++;
        if (same >= cap) continue;
        // The member of d that the newcomer pushes over the discipline's cap leaves; else the last one beyond max.
        let out = n === max ? n - 1 : n;
        for (let j = at; j < n; j++) {
          if (bufferDiscipline[j] === d && ++same >= cap) {
            out = j;
            break;
          }
        }
        if (out === n) n++;
        for (let j = out; j > at; j--) {
          bufferAt[j] = bufferAt[j - 1];
          bufferReduced[j] = bufferReduced[j - 1];
          bufferExpert[j] = bufferExpert[j - 1];
          bufferDiscipline[j] = bufferDiscipline[j - 1];
        }
        bufferAt[at] = i;
        bufferReduced[at] = r;
        bufferExpert[at] = e;
        bufferDiscipline[at] = d;
      }
    }
    let count = 0;
    let weightSum = 0;
    let reducedSum = 0;
    for (let j = 0; j < n; j++) {
      const r = bufferReduced[j];
      // A member must add value (the first `min` also earn BIG); pinned members always stay.
      if (j >= fixed && r + (count < min ? bigS : 0) <= 0) break;
      weightSum += weight[bufferAt[j]];
      reducedSum += r;
      if (members) members[offset + count] = bufferAt[j];
      count++;
    }
    const coverage = Math.min(count, min);
    out.coverage = coverage;
    out.weight = weightSum;
    out.value = bigS * coverage + reducedSum;
    return count;
  }
}
