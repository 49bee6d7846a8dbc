/**
 * Interchangeable experts: experts with the same capacity left and the same usable pairs (same discipline groups q,
 * in the same order, with the same weights) are one node of the optimal strategy's flow. A season has many of them
 * (students of one campus and discipline, no stated preference): at scale 1, 1,371 experts make 1,019 classes.
 * Late in a round they form plateaus of zero reduced cost that every search would otherwise sweep member by member.
 *
 * A class of k members with capacity c each is one node with capacity k * c whose arc to each q carries up to k
 * units. Any such flow splits back over the members (`spreadOverMembers`): list the class's units by arc and deal
 * them to the members in turn, smallest id first; an arc's units (at most k) land on distinct members, and no member
 * gets more than ceil(units / k) <= c. So the classes change which optimum is found, never its value.
 */
import type { MatchingNetwork } from './matching-network';

export interface ExpertClasses {
  /** Per expert: members of the class it represents (1 for a loner, 0 for a member represented by another). */
  size: Int32Array;
  /** Per expert: capacity left of the class it represents (the sum of its members'), 0 for a represented member. */
  capLeft: Int32Array;
  /** Members by representative (CSR over expert ids, ascending within a class). */
  memberStart: Int32Array;
  members: Int32Array;
  /** Per expert: where its usable pairs start in the network's usable arrays (length E + 1). */
  usableStart: Int32Array;
  /** How many experts are represented by another. */
  merged: number;
}

/** A class holds at most this many members: the per-arc flow is kept in 16 bits. */
export const MAX_CLASS_SIZE = 0xffff;

/** Groups the experts whose usable pairs and capacity left are identical. */
export function groupInterchangeableExperts(net: MatchingNetwork, weights: Int32Array, expertCount: number): ExpertClasses {
  const E = expertCount;
  const { usablePair, usableQ, usableExpert, usableCount, capLeft } = net;
  const usableStart = new Int32Array(E + 1);
  for (let u = 0; u < usableCount; u++) usableStart[usableExpert[u] + 1]++;
  for (let e = 0; e < E; e++) usableStart[e + 1] += usableStart[e];

  const rep = new Int32Array(E);
  const size = new Int32Array(E);
  const classCap = new Int32Array(E);
  const byHash = new Map<number, number[]>();
  let merged = 0;
  for (let e = 0; e < E; e++) {
    rep[e] = e;
    size[e] = 1;
    classCap[e] = Math.max(0, capLeft[e]);
    const lo = usableStart[e];
    const hi = usableStart[e + 1];
    if (hi === lo || capLeft[e] <= 0) continue;
    // The loops over pairs are small functions of their own: optimised early in a fresh process.
    const h = hashPairs(capLeft[e], usableQ, usablePair, weights, lo, hi);
    const candidates = byHash.get(h);
    let found = -1;
    if (candidates) {
      for (const r of candidates) {
        if (size[r] >= MAX_CLASS_SIZE || capLeft[r] !== capLeft[e] || usableStart[r + 1] - usableStart[r] !== hi - lo) continue;
        if (samePairs(usableQ, usablePair, weights, usableStart[r], lo, hi)) {
          found = r;
          break;
        }
      }
    }
    if (found < 0) {
      if (candidates) candidates.push(e);
      else byHash.set(h, [e]);
      continue;
    }
    rep[e] = found;
    size[e] = 0;
    size[found]++;
    classCap[e] = 0;
    classCap[found] += capLeft[e];
    merged++;
  }

  const memberStart = new Int32Array(E + 1);
  for (let e = 0; e < E; e++) memberStart[rep[e] + 1]++;
  for (let e = 0; e < E; e++) memberStart[e + 1] += memberStart[e];
  const members = new Int32Array(E);
  const fill = memberStart.slice(0, E);
  for (let e = 0; e < E; e++) members[fill[rep[e]]++] = e;
  return { size, capLeft: classCap, memberStart, members, usableStart, merged };
}

/** FNV-style hash of (capacity left, length, q and weight of each usable pair in lo..hi). */
function hashPairs(cap: number, usableQ: Int32Array, usablePair: Int32Array, weights: Int32Array, lo: number, hi: number): number {
  let h = Math.imul(cap + 0x9e3779b9, 0x01000193) ^ (hi - lo);
  for (let u = lo; u < hi; u++) {
    h = Math.imul(h ^ usableQ[u], 0x01000193);
    h = Math.imul(h ^ weights[usablePair[u]], 0x01000193);
  }
  return h;
}

/** Whether the usable pairs from `a` have the same q and weight as those of lo..hi. */
function samePairs(usableQ: Int32Array, usablePair: Int32Array, weights: Int32Array, a: number, lo: number, hi: number): boolean {
  for (let b = lo; b < hi; a++, b++) if (usableQ[a] !== usableQ[b] || weights[usablePair[a]] !== weights[usablePair[b]]) return false;
  return true;
}

/**
 * Splits a class flow back over the members: `flows` lists, per representative, its arcs with flow as (usable index
 * of the representative's pair, units). Returns the chosen pair indices of every member (unsorted).
 */
export function spreadOverMembers(
  classes: ExpertClasses,
  net: MatchingNetwork,
  flowUsable: Int32Array,
  flowUnits: Int32Array,
  count: number,
): number[] {
  const { size, memberStart, members, usableStart } = classes;
  const usableExpert = net.usableExpert;
  // Group the arcs by class, in usable order (the class's pairs in order), then deal.
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => flowUsable[a] - flowUsable[b]);
  const chosen: number[] = [];
  let turn = 0;
  let current = -1;
  for (const i of order) {
    const u = flowUsable[i];
    const r = usableExpert[u];
    if (r !== current) {
      current = r;
      turn = 0;
    }
    if (size[r] === 0) throw new Error('interchangeable experts: flow on a represented member');
    const mLo = memberStart[r];
    const k = memberStart[r + 1] - mLo;
    const offset = u - usableStart[r];
    for (let unit = 0; unit < flowUnits[i]; unit++) {
      const m = members[mLo + turn];
      chosen.push(net.usablePair[usableStart[m] + offset]);
      turn = turn + 1 === k ? 0 : turn + 1;
    }
  }
  return chosen;
}
