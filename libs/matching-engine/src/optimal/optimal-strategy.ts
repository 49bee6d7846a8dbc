/**
 * Strategy `optimal`: lexicographic max (coverage, weight) as a min-cost circulation (network in
 * matching-network.ts). The default algorithm is slot insertion (slot-insertion.ts), chosen by measurement
 * (docs/benchmarks.md). Two alternatives stay available for comparison and tests:
 *  - 'expert-insertion': successive shortest paths inserting expert capacity units, with forward Dijkstra from the
 *    expert, on a sparse network (each expert's best arcs) grown by pricing against the dual potentials;
 *  - 'cost-scaling': Goldberg-Tarjan push-relabel cost scaling on the full network.
 * All three are exact.
 */
import type { CandidatePairs } from '../eligibility/candidate-pairs';
import { ResidualNetwork, type ArcList, type FlowCounters } from '../flow/residual-network';
import { costScalingCirculation } from '../flow/cost-scaling';
import { buildMatchingNetwork, type FlowInstance } from './matching-network';
import { solveBySlotInsertion } from './slot-insertion';

export type OptimalAlgorithm = 'slot-insertion' | 'expert-insertion' | 'cost-scaling';

/** Tuning knobs of the optimal solver (defaults chosen by measurement, docs/benchmarks.md). */
export interface OptimalTuning {
  algorithm?: OptimalAlgorithm;
  /** expert-insertion: arcs per expert in the first network; the rest enter by pricing. */
  activePerExpert?: number;
  /** slot-insertion: switch to batch phases once single-unit searches settle this many nodes on average. */
  batchThreshold?: number;
  /** cost-scaling: the factor epsilon shrinks by per phase. */
  alpha?: number;
  /** slot-insertion: also return each expert's capacity price (the one-university search bounds moves by it). */
  expertPrices?: boolean;
}

/** The optimal assignment (pair indices into the candidate pairs, ascending; pinned pairs are not included). */
export interface OptimalOutcome {
  pairIndices: Int32Array;
  counters: Record<string, number>;
  /** Per expert, the dual price of its capacity (slot-insertion, when asked). */
  expertPrices?: Float64Array;
}

const S = 0;
const T = 1;

/** Solves the optimal strategy on the candidate pairs with the instance's pins fixed. */
export function solveOptimal(prep: FlowInstance, pairs: CandidatePairs, tuning: OptimalTuning = {}): OptimalOutcome {
  const net = buildMatchingNetwork(prep, pairs);
  const algorithm = tuning.algorithm ?? 'slot-insertion';
  if (algorithm === 'slot-insertion') {
    const { pairIndices, stats, expertPrices } = solveBySlotInsertion(prep, pairs, net, {
      batchThreshold: tuning.batchThreshold,
      expertPrices: tuning.expertPrices,
    });
    return { pairIndices, counters: { ...stats }, expertPrices };
  }
  return solveWithResidualNetwork(prep, pairs, net, tuning);
}

/** The two alternative algorithms on the generic residual network. */
function solveWithResidualNetwork(
  prep: FlowInstance,
  pairs: CandidatePairs,
  matching: ReturnType<typeof buildMatchingNetwork>,
  tuning: OptimalTuning,
): OptimalOutcome {
  const costScaling = tuning.algorithm === 'cost-scaling';
  const L = costScaling ? Infinity : (tuning.activePerExpert ?? 8);
  const P = prep.projectCount;
  const E = prep.expertCount;
  const { capLeft, kindLeft } = matching;
  const minLeft = matching.minLeft;
  const rBase = 2 + E;
  const qBase = rBase + 2 * P;
  const pairQ = new Int32Array(pairs.count).fill(-1);
  for (let u = 0; u < matching.usableCount; u++) pairQ[matching.usablePair[u]] = qBase + matching.usableQ[u];
  const usableStart = new Int32Array(E + 1);
  for (let e = 0; e < E; e++) {
    let n = 0;
    for (let i = pairs.start[e]; i < pairs.start[e + 1]; i++) if (pairQ[i] >= 0) n++;
    usableStart[e + 1] = usableStart[e] + n;
  }
  const usableCount = usableStart[E];
  const nodeCount = qBase + matching.qCount;
  const BIG = matching.big;
  const pi = new Float64Array(nodeCount);
  for (let i = 0; i < pairs.count; i++) if (pairQ[i] >= 0 && -pairs.weight[i] < pi[pairQ[i]]) pi[pairQ[i]] = -pairs.weight[i];
  for (let q = 0; q < matching.qCount; q++) {
    const r = rBase + matching.qR[q];
    if (pi[qBase + q] < pi[r]) pi[r] = pi[qBase + q];
  }
  let piT = 0;
  for (let pk = 0; pk < 2 * P; pk++) {
    const pr = pi[rBase + pk];
    if (minLeft[pk] > 0 && pr - BIG < piT) piT = pr - BIG;
    if (kindLeft[pk] > minLeft[pk] && pr < piT) piT = pr;
  }
  pi[T] = piT;
  pi[S] = piT;

  // Fixed arcs: T->S, S->e, r->T (two), q->r. Then expert arcs.
  const arcs = new ArcBuffer(16 + E + 4 * P + matching.qCount + Math.min(usableCount, E * Math.min(L, P)));
  let totalCap = 1;
  for (let e = 0; e < E; e++) totalCap += Math.max(0, capLeft[e]);
  arcs.push(T, S, totalCap, 0, 0);
  const sourceArc = new Int32Array(E).fill(-1);
  for (let e = 0; e < E; e++) {
    if (usableStart[e + 1] > usableStart[e]) sourceArc[e] = arcs.push(S, 2 + e, costScaling ? capLeft[e] : 0, 0, 0);
  }
  for (let pk = 0; pk < 2 * P; pk++) {
    if (kindLeft[pk] <= 0) continue;
    const min = minLeft[pk];
    if (min > 0) arcs.push(rBase + pk, T, min, -BIG, 0);
    if (kindLeft[pk] > min) arcs.push(rBase + pk, T, kindLeft[pk] - min, 0, 0);
  }
  for (let q = 0; q < matching.qCount; q++) arcs.push(qBase + q, rBase + matching.qR[q], matching.qCap[q], 0, 0);
  const fixedArcs = arcs.count;
  const active = new Uint8Array(pairs.count);
  const arcPair: number[] = [];
  for (let e = 0; e < E; e++) {
    let taken = 0;
    for (let i = pairs.start[e]; i < pairs.start[e + 1] && taken < L; i++) {
      const q = pairQ[i];
      if (q < 0) continue;
      arcs.push(2 + e, q, 1, -pairs.weight[i], 0);
      arcPair.push(i);
      active[i] = 1;
      taken++;
    }
  }

  let net = new ResidualNetwork(nodeCount, arcs.view(), pi);
  net.shortcut = { source: S, sink: T, slot: net.arcSlot[0] };
  if (costScaling) {
    const st = costScalingCirculation(net, tuning.alpha ?? 8);
    const chosenCs: number[] = [];
    for (let a = fixedArcs; a < arcs.count; a++) if (net.flow(net.arcSlot[a]) > 0) chosenCs.push(arcPair[a - fixedArcs]);
    chosenCs.sort((x, y) => x - y);
    return { pairIndices: Int32Array.from(chosenCs), counters: { ...st, activeArcs: arcs.count - fixedArcs } };
  }
  for (let e = 0; e < E; e++) {
    const a = sourceArc[e];
    if (a < 0) continue;
    const slot = net.arcSlot[a];
    // Nothing enters the expert yet: start it at the lowest potential its arcs allow (a tight search bound).
    net.fitToOutArcs(2 + e);
    for (let unit = 0; unit < capLeft[e]; unit++) {
      // When a unit finds no profitable cycle, further units of the same expert will not either: they join
      // the residual capacity at once (the arc's reduced cost is now >= 0).
      if (!net.addUnit(slot)) {
        net.res[slot] += capLeft[e] - unit - 1;
        break;
      }
    }
  }

  // Pricing: every usable pair outside the network must have a non-negative reduced cost.
  let pricingRounds = 0;
  let arcsAdded = 0;
  const counters: FlowCounters = { searches: 0, augmentations: 0, settled: 0, scanned: 0 };
  const absorb = (c: FlowCounters): void => {
    counters.searches += c.searches;
    counters.augmentations += c.augmentations;
    counters.settled += c.settled;
    counters.scanned += c.scanned;
  };
  const bestViolator = new Int32Array(E);
  for (;;) {
    pricingRounds++;
    // Certificate potentials: as low as possible everywhere, then each expert as high as its in-arcs allow.
    net.tightenPotentials(S);
    for (let e = 0; e < E; e++) if (sourceArc[e] >= 0) net.liftPotential(2 + e);
    const piNow = net.pi;
    const violating: number[] = [];
    for (let e = 0; e < E; e++) {
      if (sourceArc[e] < 0) continue;
      const pe = piNow[2 + e];
      let best = -1;
      let bestRc = 0;
      for (let i = pairs.start[e]; i < pairs.start[e + 1]; i++) {
        const q = pairQ[i];
        if (q < 0 || active[i]) continue;
        const rc = -pairs.weight[i] + pe - piNow[q];
        if (rc < bestRc) {
          bestRc = rc;
          best = i;
        }
      }
      if (best >= 0) {
        bestViolator[e] = best;
        violating.push(e);
      }
    }
    if (violating.length === 0) break;
    arcsAdded += violating.length;
    // Rebuild with the violators (capacity 0 for now), keeping flows and potentials.
    const next = new ArcBuffer(arcs.count + violating.length);
    for (let a = 0; a < arcs.count; a++) {
      const sl = net.arcSlot[a];
      next.push(arcs.tail[a], arcs.head[a], net.res[sl] + net.res[net.rev[sl]], arcs.cost[a], net.res[net.rev[sl]]);
    }
    const firstNew = next.count;
    for (const e of violating) {
      const i = bestViolator[e];
      next.push(2 + e, pairQ[i], 0, -pairs.weight[i], 0);
      arcPair.push(i);
      active[i] = 1;
    }
    arcs.replace(next);
    absorb(net.counters);
    net = new ResidualNetwork(nodeCount, arcs.view(), net.pi);
    net.shortcut = { source: S, sink: T, slot: net.arcSlot[0] };
    violating.forEach((e, k) => {
      const slot = net.arcSlot[firstNew + k];
      const src = net.arcSlot[sourceArc[e]];
      if (net.flow(src) === 0) {
        // An idle expert: withdraw its spare units, open the new arc, and insert the units again (local searches).
        const spare = net.res[src];
        net.res[src] = 0;
        net.res[slot] = 1;
        net.fitToOutArcs(2 + e);
        for (let unit = 0; unit < spare; unit++) {
          if (!net.addUnit(src)) {
            net.res[src] += spare - unit - 1;
            break;
          }
        }
      } else if (net.reducedCost(slot) < 0) net.addUnit(slot);
      else net.res[slot]++;
    });
  }
  absorb(net.counters);

  const chosen: number[] = [];
  for (let a = fixedArcs; a < arcs.count; a++) {
    if (net.flow(net.arcSlot[a]) > 0) chosen.push(arcPair[a - fixedArcs]);
  }
  chosen.sort((x, y) => x - y);
  return {
    pairIndices: Int32Array.from(chosen),
    counters: { ...counters, pricingRounds, arcsAdded, activeArcs: arcs.count - fixedArcs },
  };
}

/** Growable parallel arc arrays. */
class ArcBuffer {
  count = 0;
  tail: Int32Array;
  head: Int32Array;
  cap: Int32Array;
  cost: Float64Array;
  flow: Int32Array;

  constructor(initial: number) {
    const n = Math.max(16, initial);
    this.tail = new Int32Array(n);
    this.head = new Int32Array(n);
    this.cap = new Int32Array(n);
    this.cost = new Float64Array(n);
    this.flow = new Int32Array(n);
  }

  push(tail: number, head: number, cap: number, cost: number, flow: number): number {
    if (this.count === this.tail.length) this.grow(this.count * 2);
    const a = this.count++;
    this.tail[a] = tail;
    this.head[a] = head;
    this.cap[a] = cap;
    this.cost[a] = cost;
    this.flow[a] = flow;
    return a;
  }

  replace(other: ArcBuffer): void {
    this.count = other.count;
    this.tail = other.tail;
    this.head = other.head;
    this.cap = other.cap;
    this.cost = other.cost;
    this.flow = other.flow;
  }

  view(): ArcList {
    return { count: this.count, tail: this.tail, head: this.head, cap: this.cap, cost: this.cost, flow: this.flow };
  }

  private grow(n: number): void {
    const t = new Int32Array(n);
    t.set(this.tail);
    this.tail = t;
    const h = new Int32Array(n);
    h.set(this.head);
    this.head = h;
    const c = new Int32Array(n);
    c.set(this.cap);
    this.cap = c;
    const k = new Float64Array(n);
    k.set(this.cost);
    this.cost = k;
    const f = new Int32Array(n);
    f.set(this.flow);
    this.flow = f;
  }
}
