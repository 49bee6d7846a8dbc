/**
 * The optimal strategy's min-cost flow: successive shortest paths with potentials, inserting one slot unit at a
 * time. Network (see matching-network.ts):
 *
 *   S -> e (cap = capacity left, cost 0)      e -> q (cap 1, cost -w(e,p))      q -> r (cap = discipline cap)
 *   r -> T: A (cap = min left, cost -BIG) and B (cap = max - min, cost 0)        T -> S (unbounded, cost 0)
 *
 * A min-cost circulation of this network maximises BIG * coverage + weight (flow may stop: T -> S is free).
 * Slot capacity (r -> T) starts at 0 and is added one unit at a time; each unit is re-optimised with the cheapest
 * cycle through it, if that cycle has negative cost. The cycle is found by Dijkstra on reduced costs run
 * *backwards* from r towards T: backwards, an expert has only a handful of incoming residual arcs (from S while it
 * has capacity left, and from the projects it holds), so the searches stay small even when experts outnumber
 * slots. The search is bounded by the unit's reduced cost (no longer path can close a negative cycle).
 *
 * Invariant: every residual arc has a non-negative reduced cost c(u,v) + pi(u) - pi(v); pi(S) = pi(T).
 * When every unit is inserted the circulation is optimal (the potentials are the certificate). Costs are
 * integers in float64: exact while |BIG * coverage| stays below 2^53 (about 9e15).
 */
import type { CandidatePairs } from '../eligibility/candidate-pairs';
import type { PreparedInstance } from '../model/prepared-instance';
import type { MatchingNetwork } from './matching-network';

export interface SlotInsertionStats {
  searches: number;
  augmentations: number;
  settled: number;
  relaxed: number;
}

const S = 0;
const T = 1;
// Path arcs, as recorded by the backward search (the arc from a node towards r0).
const ARC_T_S = 1;
const ARC_T_R_A = 2; // reverse of r -> T (A)
const ARC_T_R_B = 3; // reverse of r -> T (B)
const ARC_S_E = 4;
const ARC_E_Q = 5;
const ARC_Q_R = 6;
const ARC_Q_E = 7; // reverse of e -> q
const ARC_R_Q = 8; // reverse of q -> r

/** Solves the optimal strategy's flow; returns the chosen pair indices (ascending) and counters. */
export function solveBySlotInsertion(
  prep: PreparedInstance,
  pairs: CandidatePairs,
  net: MatchingNetwork,
): { pairIndices: Int32Array; stats: SlotInsertionStats } {
  const solver = new SlotInsertionSolver(prep, pairs, net);
  const R = 2 * prep.projectCount;
  // Coverage units first (their value dominates), then the remaining slots. When a unit finds no profitable
  // cycle, neither will the next unit of the same arc: those join the residual capacity directly.
  for (let r = 0; r < R; r++) {
    for (let u = 0; u < net.minLeft[r]; u++) {
      if (!solver.insertUnit(r, true)) {
        solver.capA[r] += net.minLeft[r] - u - 1;
        break;
      }
    }
  }
  for (let r = 0; r < R; r++) {
    const extra = net.kindLeft[r] - net.minLeft[r];
    for (let u = 0; u < extra; u++) {
      if (!solver.insertUnit(r, false)) {
        solver.capB[r] += extra - u - 1;
        break;
      }
    }
  }
  const chosen: number[] = [];
  for (let i = 0; i < pairs.count; i++) if (solver.pairFlow[i]) chosen.push(i);
  return { pairIndices: Int32Array.from(chosen), stats: solver.stats };
}

class SlotInsertionSolver {
  readonly stats: SlotInsertionStats = { searches: 0, augmentations: 0, settled: 0, relaxed: 0 };
  readonly capA: Int32Array;
  readonly capB: Int32Array;
  readonly pairFlow: Uint8Array;
  private readonly flowA: Int32Array;
  private readonly flowB: Int32Array;
  private readonly eBase = 2;
  private readonly rBase: number;
  private readonly qBase: number;
  private readonly big: number;
  private readonly weight: Int32Array;
  private readonly pairQ: Int32Array;
  private readonly pairExpert: Int32Array;
  private readonly capLeft: Int32Array;
  private readonly qR: Int32Array;
  private readonly qCap: Int32Array;
  private readonly qInStart: Int32Array;
  private readonly qInPair: Int32Array;
  private readonly rQStart: Int32Array;
  private readonly rQ: Int32Array;
  private readonly used: Int32Array;
  private readonly flowStart: Int32Array;
  private readonly flowCount: Int32Array;
  private readonly flowPairs: Int32Array;
  private readonly qFlow: Int32Array;
  private readonly pi: Float64Array;
  private readonly dist: Float64Array;
  private readonly seen: Int32Array;
  private readonly done: Int32Array;
  private readonly succKind: Uint8Array;
  private readonly succIdx: Int32Array;
  private readonly settled: Int32Array;
  private heapKey = new Float64Array(1024);
  private heapNode = new Int32Array(1024);
  private size = 0;
  private stamp = 0;
  /** Distances at or above this cannot improve the search (the bound, or the best path to S or T found). */
  private limit = 0;

  constructor(prep: PreparedInstance, pairs: CandidatePairs, net: MatchingNetwork) {
    const E = prep.expertCount;
    const R = 2 * prep.projectCount;
    const Q = net.qCount;
    this.rBase = this.eBase + E;
    this.qBase = this.rBase + R;
    const nodeCount = this.qBase + Q;
    this.big = net.big;
    this.weight = pairs.weight;
    this.pairQ = net.pairQ;
    this.pairExpert = net.pairExpert;
    this.capLeft = net.capLeft;
    this.qR = net.qR;
    this.qCap = net.qCap;

    // q -> usable pairs into it (experts ascending), r -> its q nodes.
    const qInStart = new Int32Array(Q + 1);
    for (let i = 0; i < pairs.count; i++) if (net.pairQ[i] >= 0) qInStart[net.pairQ[i] + 1]++;
    for (let q = 0; q < Q; q++) qInStart[q + 1] += qInStart[q];
    const qInPair = new Int32Array(qInStart[Q]);
    const qFill = qInStart.slice(0, Q);
    for (let i = 0; i < pairs.count; i++) if (net.pairQ[i] >= 0) qInPair[qFill[net.pairQ[i]]++] = i;
    const rQStart = new Int32Array(R + 1);
    for (let q = 0; q < Q; q++) rQStart[net.qR[q] + 1]++;
    for (let r = 0; r < R; r++) rQStart[r + 1] += rQStart[r];
    const rQ = new Int32Array(Q);
    const rFill = rQStart.slice(0, R);
    for (let q = 0; q < Q; q++) rQ[rFill[net.qR[q]]++] = q;
    this.qInStart = qInStart;
    this.qInPair = qInPair;
    this.rQStart = rQStart;
    this.rQ = rQ;

    this.used = new Int32Array(E);
    this.flowStart = new Int32Array(E + 1);
    for (let e = 0; e < E; e++) this.flowStart[e + 1] = this.flowStart[e] + Math.max(0, net.capLeft[e]);
    this.flowCount = new Int32Array(E);
    this.flowPairs = new Int32Array(this.flowStart[E]);
    this.pairFlow = new Uint8Array(pairs.count);
    this.qFlow = new Int32Array(Q);
    this.capA = new Int32Array(R);
    this.capB = new Int32Array(R);
    this.flowA = new Int32Array(R);
    this.flowB = new Int32Array(R);

    // Potentials valid for the zero flow with no slot capacity: pi(q) = -max weight into q, pi(r) = min pi(q),
    // 0 elsewhere.
    const pi = new Float64Array(nodeCount);
    for (let q = 0; q < Q; q++) {
      let best = 0;
      for (let k = qInStart[q]; k < qInStart[q + 1]; k++) if (pairs.weight[qInPair[k]] > best) best = pairs.weight[qInPair[k]];
      pi[this.qBase + q] = -best;
      if (-best < pi[this.rBase + net.qR[q]]) pi[this.rBase + net.qR[q]] = -best;
    }
    this.pi = pi;
    this.dist = new Float64Array(nodeCount);
    this.seen = new Int32Array(nodeCount);
    this.done = new Int32Array(nodeCount);
    this.succKind = new Uint8Array(nodeCount);
    this.succIdx = new Int32Array(nodeCount);
    this.settled = new Int32Array(nodeCount);
  }

  /** Relaxes arc x -> (settled node) giving x the tentative distance nd. */
  private relax(x: number, nd: number, kind: number, idx: number): void {
    if (nd >= this.limit) return;
    const st = this.stamp;
    if (this.done[x] === st) return;
    if (this.seen[x] === st && nd >= this.dist[x]) return;
    if (x <= T) this.limit = nd;
    this.stats.relaxed++;
    this.dist[x] = nd;
    this.seen[x] = st;
    this.succKind[x] = kind;
    this.succIdx[x] = idx;
    let heapKey = this.heapKey;
    let heapNode = this.heapNode;
    if (this.size === heapKey.length) {
      const k2 = new Float64Array(this.size * 2);
      k2.set(heapKey);
      heapKey = this.heapKey = k2;
      const n2 = new Int32Array(this.size * 2);
      n2.set(heapNode);
      heapNode = this.heapNode = n2;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapKey[parent] <= nd) break;
      heapKey[i] = heapKey[parent];
      heapNode[i] = heapNode[parent];
      i = parent;
    }
    heapKey[i] = nd;
    heapNode[i] = x;
  }

  /** Inserts one unit of r0 -> T (A when it counts for coverage) and re-optimises; returns whether flow moved. */
  insertUnit(r0: number, coverage: boolean): boolean {
    const { pi, dist, done, settled, weight, pairQ, pairExpert, qR, rBase, qBase, eBase } = this;
    const BIG = this.big;
    const rNode = rBase + r0;
    const reduced = (coverage ? -BIG : 0) + pi[rNode] - pi[T];
    if (reduced >= 0) {
      if (coverage) this.capA[r0]++;
      else this.capB[r0]++;
      return false;
    }
    const bound = -reduced;
    this.stats.searches++;
    const st = ++this.stamp;
    this.limit = bound;
    this.size = 1;
    this.heapKey[0] = 0;
    this.heapNode[0] = rNode;
    dist[rNode] = 0;
    this.seen[rNode] = st;
    let settledCount = 0;
    let reached = false;
    while (this.size > 0) {
      const heapKey = this.heapKey;
      const heapNode = this.heapNode;
      const d = heapKey[0];
      const y = heapNode[0];
      const size = --this.size;
      if (size > 0) {
        const k = heapKey[size];
        const n = heapNode[size];
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= size) break;
          const r = l + 1;
          const c = r < size && heapKey[r] < heapKey[l] ? r : l;
          if (heapKey[c] >= k) break;
          heapKey[i] = heapKey[c];
          heapNode[i] = heapNode[c];
          i = c;
        }
        heapKey[i] = k;
        heapNode[i] = n;
      }
      if (done[y] === st || d > dist[y]) continue;
      if (d >= bound) break;
      done[y] = st;
      settled[settledCount++] = y;
      if (y <= T && y === T) {
        reached = true;
        break;
      }
      if (y === S) {
        // T -> S is free and pi(T) = pi(S): T is at the same distance.
        dist[T] = d;
        this.seen[T] = st;
        done[T] = st;
        this.succKind[T] = ARC_T_S;
        settled[settledCount++] = T;
        reached = true;
        break;
      }
      const py = pi[y];
      if (y >= qBase) {
        const q = y - qBase;
        const inEnd = this.qInStart[q + 1];
        for (let k = this.qInStart[q]; k < inEnd; k++) {
          const i = this.qInPair[k];
          if (this.pairFlow[i]) continue;
          const x = eBase + pairExpert[i];
          this.relax(x, d - weight[i] + pi[x] - py, ARC_E_Q, i);
        }
        if (this.qFlow[q] > 0) {
          const x = rBase + qR[q];
          this.relax(x, d + pi[x] - py, ARC_R_Q, q);
        }
      } else if (y >= rBase) {
        const r = y - rBase;
        for (let k = this.rQStart[r]; k < this.rQStart[r + 1]; k++) {
          const q = this.rQ[k];
          if (this.qFlow[q] >= this.qCap[q]) continue;
          const x = qBase + q;
          this.relax(x, d + pi[x] - py, ARC_Q_R, q);
        }
        if (this.flowA[r] > 0) this.relax(T, d + BIG + pi[T] - py, ARC_T_R_A, r);
        if (this.flowB[r] > 0) this.relax(T, d + pi[T] - py, ARC_T_R_B, r);
      } else {
        const e = y - eBase;
        if (this.used[e] < this.capLeft[e]) this.relax(S, d + pi[S] - py, ARC_S_E, e);
        const fs = this.flowStart[e];
        const fe = fs + this.flowCount[e];
        for (let k = fs; k < fe; k++) {
          const i = this.flowPairs[k];
          const x = qBase + pairQ[i];
          this.relax(x, d + weight[i] + pi[x] - py, ARC_Q_E, i);
        }
      }
    }
    this.stats.settled += settledCount;

    // Settled nodes lie on paths shorter than D: shifting them by D - dist keeps every reduced cost >= 0 and
    // gives the new unit the reduced cost reduced + D (negative exactly when the cycle is profitable).
    const D = reached ? dist[T] : bound;
    for (let k = 0; k < settledCount; k++) {
      const x = settled[k];
      pi[x] += D - dist[x];
    }
    if (!reached) {
      if (coverage) this.capA[r0]++;
      else this.capB[r0]++;
      return false;
    }
    // Send one unit from T along the path to r0, then over the new r0 -> T unit.
    let x = T;
    while (x !== rNode) {
      const idx = this.succIdx[x];
      switch (this.succKind[x]) {
        case ARC_T_S:
          x = S;
          break;
        case ARC_T_R_A:
          this.flowA[idx]--;
          x = rBase + idx;
          break;
        case ARC_T_R_B:
          this.flowB[idx]--;
          x = rBase + idx;
          break;
        case ARC_S_E:
          this.used[idx]++;
          x = eBase + idx;
          break;
        case ARC_E_Q: {
          const e = pairExpert[idx];
          this.pairFlow[idx] = 1;
          this.flowPairs[this.flowStart[e] + this.flowCount[e]++] = idx;
          x = qBase + pairQ[idx];
          break;
        }
        case ARC_Q_R:
          this.qFlow[idx]++;
          x = rBase + qR[idx];
          break;
        case ARC_Q_E: {
          const e = pairExpert[idx];
          this.pairFlow[idx] = 0;
          const fs = this.flowStart[e];
          const last = fs + --this.flowCount[e];
          for (let k = fs; k <= last; k++) {
            if (this.flowPairs[k] === idx) {
              this.flowPairs[k] = this.flowPairs[last];
              break;
            }
          }
          x = eBase + e;
          break;
        }
        case ARC_R_Q:
          this.qFlow[idx]--;
          x = qBase + idx;
          break;
        default:
          throw new Error('slot insertion: broken path');
      }
    }
    if (coverage) {
      this.capA[r0]++;
      this.flowA[r0]++;
    } else {
      this.capB[r0]++;
      this.flowB[r0]++;
    }
    this.stats.augmentations++;
    return true;
  }
}
