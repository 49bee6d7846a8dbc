/**
 * The optimal strategy's min-cost flow: successive shortest paths with potentials, adding slot capacity. Network
 * (see matching-network.ts):
 *
 *   S -> e (cap = capacity left, cost 0)      e -> q (cap 1, cost -w(e,p))      q -> r (cap = discipline cap)
 *   r -> T: A (cap = min left, cost -BIG) and B (cap = max - min, cost 0)        T -> S (unbounded, cost 0)
 *
 * An expert node may stand for a class of k interchangeable experts (interchangeable-experts.ts): its capacity is
 * theirs together and its arcs to q carry up to k units.
 *
 * A min-cost circulation of this network maximises BIG * coverage + weight (flow may stop: T -> S is free).
 * Slot capacity (r -> T) starts at 0 and grows one unit at a time; each unit is re-optimised with the cheapest
 * cycle through it, if that cycle has negative cost. The cycle is found by Dijkstra on reduced costs run
 * *backwards* from r towards T: backwards, an expert has only a handful of incoming residual arcs (from S while it
 * has capacity left, and from the projects it holds), so searches stay small even when experts outnumber slots.
 * A unit's search is bounded by its reduced cost (no longer path closes a negative cycle).
 *
 * Late in a round the residual network has large plateaus of zero reduced cost (many interchangeable experts),
 * which single-unit searches sweep again and again. With `batchThreshold`, once searches grow, the remaining
 * units are added all at once and resolved by primal-dual phases: one multi-source Dijkstra from every slot still
 * owed flow, then a blocking flow along the tight arcs (Dinic-style cursors), until nothing is owed; a unit not
 * worth filling is handed back over its own reverse arc. Measured slower on the Shanghai seasons, so it is off by
 * default (docs/matching.md).
 *
 * Invariant: every residual arc has a non-negative reduced cost c(u,v) + pi(u) - pi(v); pi(S) = pi(T). At the
 * end the circulation is optimal (the potentials are the certificate). Costs are integers held in float64:
 * exact while |BIG * coverage| stays below 2^53 (about 9e15).
 */
import type { CandidatePairs } from '../eligibility/candidate-pairs';
import { NodeHeap } from '../flow/node-heap';
import { groupInterchangeableExperts, spreadOverMembers, type ExpertClasses } from './interchangeable-experts';
import type { FlowInstance, MatchingNetwork } from './matching-network';

export interface SlotInsertionStats {
  /** Single-unit searches and batch phases. */
  searches: number;
  phases: number;
  augmentations: number;
  settled: number;
  relaxed: number;
  scanned: number;
  /** Experts represented by an interchangeable one (interchangeable-experts.ts). */
  mergedExperts: number;
}

/** Tuning of the hybrid: switch to batch phases once the recent single-unit searches settle this many nodes. */
export interface SlotInsertionTuning {
  batchThreshold?: number;
  /** Also return each expert's capacity price (the dual of its capacity, from the final potentials). */
  expertPrices?: boolean;
}

const S = 0;
const T = 1;
/** Searches bounded below this distance use a bucket queue. */
const BUCKETS = 1 << 15;
// Arcs on a path from T towards the slot, recorded per node: the arc from that node towards the slot.
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
  prep: FlowInstance,
  pairs: CandidatePairs,
  net: MatchingNetwork,
  tuning: SlotInsertionTuning = {},
): { pairIndices: Int32Array; stats: SlotInsertionStats; expertPrices?: Float64Array } {
  const classes = groupInterchangeableExperts(net, pairs.weight, prep.expertCount);
  const solver = new SlotInsertionSolver(prep, pairs, net, classes);
  const R = 2 * prep.projectCount;
  const threshold = tuning.batchThreshold ?? Infinity;
  // Coverage units first (their value dominates), then the remaining slots, in rounds (every slot's first unit,
  // then every second unit, ...). When a unit finds no profitable cycle, neither will the next unit of the same
  // arc: those join the residual capacity directly.
  for (const coverage of [true, false]) {
    const left = new Int32Array(R);
    let total = 0;
    for (let r = 0; r < R; r++) {
      left[r] = coverage ? net.minLeft[r] : net.kindLeft[r] - net.minLeft[r];
      total += left[r];
    }
    let recent = 0;
    while (total > 0 && recent < threshold) {
      for (let r = 0; r < R && recent < threshold; r++) {
        if (left[r] === 0) continue;
        left[r]--;
        total--;
        const before = solver.stats.settled;
        if (!solver.insertUnit(r, coverage)) {
          solver.addResidualCapacity(r, coverage, left[r]);
          total -= left[r];
          left[r] = 0;
        }
        // Exponential moving average of the nodes a search settles.
        recent = 0.9 * recent + 0.1 * (solver.stats.settled - before);
      }
    }
    if (total > 0) solver.insertBatch(left, coverage);
  }
  const { arcRes, arcUsable, arcExpert } = solver;
  const size = classes.size;
  let count = 0;
  for (let k = 0; k < arcRes.length; k++) if (arcRes[k] < size[arcExpert[k]]) count++;
  const flowUsable = new Int32Array(count);
  const flowUnits = new Int32Array(count);
  count = 0;
  for (let k = 0; k < arcRes.length; k++) {
    const units = size[arcExpert[k]] - arcRes[k];
    if (units === 0) continue;
    flowUsable[count] = arcUsable[k];
    flowUnits[count++] = units;
  }
  const chosen = spreadOverMembers(classes, net, flowUsable, flowUnits, count);
  chosen.sort((a, b) => a - b);
  const expertPrices = tuning.expertPrices ? solver.expertPrices(classes) : undefined;
  return { pairIndices: Int32Array.from(chosen), stats: solver.stats, expertPrices };
}

class SlotInsertionSolver {
  readonly stats: SlotInsertionStats;
  /** Expert arcs in q-major order (a q's incoming arcs are contiguous): residual capacity (the class size minus
   *  the flow), usable pair index, expert (a class representative), weight, q. */
  readonly arcRes: Uint16Array;
  readonly arcUsable: Int32Array;
  readonly arcExpert: Int32Array;
  private readonly arcWeight: Int32Array;
  private readonly arcQ: Int32Array;
  private readonly capA: Int32Array;
  private readonly capB: Int32Array;
  private readonly flowA: Int32Array;
  private readonly flowB: Int32Array;
  private readonly eBase = 2;
  private readonly rBase: number;
  private readonly qBase: number;
  private readonly nodeCount: number;
  private readonly big: number;
  private readonly capLeft: Int32Array;
  private readonly qR: Int32Array;
  private readonly qCap: Int32Array;
  private readonly qInStart: Int32Array;
  private readonly rQStart: Int32Array;
  private readonly rQ: Int32Array;
  private readonly used: Int32Array;
  private readonly flowStart: Int32Array;
  private readonly flowCount: Int32Array;
  /** The expert arcs (q-major indices) carrying flow, per expert. */
  private readonly flowArcs: Int32Array;
  private readonly qFlow: Int32Array;
  private readonly pi: Float64Array;
  /** Per q, min over its incoming expert arcs (with flow or not) of pi(e) - w, as last computed: a lower bound of
   *  the distance past q (minus that of its r), valid for ever because potentials only grow. */
  private readonly qReach: Float64Array;
  /** An r's q nodes kept sorted by a lower bound of pi(q) (its value as last seen there, valid because potentials
   *  only grow): a scan stops at the first q that cannot beat the search limit; the ones it saw are re-sorted. */
  private readonly qBound: Float64Array;
  private readonly dist: Float64Array;
  private readonly seen: Int32Array;
  private readonly done: Int32Array;
  private readonly succKind: Uint8Array;
  private readonly succIdx: Int32Array;
  private readonly settled: Int32Array;
  /** q nodes a search passed by without settling (none of their experts could beat the limit), with their
   *  distance in dist: their potentials are shifted like settled nodes' so q -> r keeps a reduced cost >= 0. */
  private readonly bypassed: Int32Array;
  private bypassedCount = 0;
  private readonly heap = new NodeHeap();
  /** Bounded searches (small integer keys) use buckets instead of the heap: LIFO within a bucket, so ties
   *  are explored depth first. */
  private useBuckets = false;
  private readonly bucketHead = new Int32Array(BUCKETS).fill(-1);
  private entryNode = new Int32Array(1024);
  private entryNext = new Int32Array(1024);
  private entryCount = 0;
  private cursor = 0;
  private maxKey = 0;
  /** Entries in the buckets (the heap counts its own). */
  private bucketed = 0;
  private stamp = 0;
  /** Distances at or above this cannot improve the search (the bound, or the best path to S or T found). */
  private limit = 0;
  /** Whether `limit` is a tentative distance of S or T (rather than the search bound). */
  private limitIsTarget = false;

  /** Members per class representative (an expert arc carries up to that many units). */
  private readonly classSize: Int32Array;

  constructor(prep: FlowInstance, pairs: CandidatePairs, net: MatchingNetwork, classes: ExpertClasses) {
    const E = prep.expertCount;
    const R = 2 * prep.projectCount;
    const Q = net.qCount;
    this.rBase = this.eBase + E;
    this.qBase = this.rBase + R;
    this.nodeCount = this.qBase + Q;
    this.big = net.big;
    this.stats = {
      searches: 0,
      phases: 0,
      augmentations: 0,
      settled: 0,
      relaxed: 0,
      scanned: 0,
      mergedExperts: classes.merged,
    };
    this.capLeft = classes.capLeft;
    this.classSize = classes.size;
    this.qR = net.qR;
    this.qCap = net.qCap;

    const arcs = layoutArcs(net, pairs.weight, classes);
    const qInStart = arcs.qInStart;
    this.arcUsable = arcs.usable;
    this.arcExpert = arcs.expert;
    this.arcWeight = arcs.weight;
    this.arcQ = arcs.q;
    const arcRes = new Uint16Array(arcs.usable.length);
    const arcExpert = arcs.expert;
    const size = classes.size;
    for (let k = 0; k < arcRes.length; k++) arcRes[k] = size[arcExpert[k]];
    this.arcRes = arcRes;
    this.qInStart = qInStart;
    const rQStart = new Int32Array(R + 1);
    for (let q = 0; q < Q; q++) rQStart[net.qR[q] + 1]++;
    for (let r = 0; r < R; r++) rQStart[r + 1] += rQStart[r];
    const rQ = new Int32Array(Q);
    const rFill = rQStart.slice(0, R);
    for (let q = 0; q < Q; q++) rQ[rFill[net.qR[q]]++] = q;
    this.rQStart = rQStart;
    this.rQ = rQ;

    this.used = new Int32Array(E);
    this.flowStart = new Int32Array(E + 1);
    for (let e = 0; e < E; e++) this.flowStart[e + 1] = this.flowStart[e] + classes.capLeft[e];
    this.flowCount = new Int32Array(E);
    this.flowArcs = new Int32Array(this.flowStart[E]);
    this.qFlow = new Int32Array(Q);
    this.capA = new Int32Array(R);
    this.capB = new Int32Array(R);
    this.flowA = new Int32Array(R);
    this.flowB = new Int32Array(R);

    // Potentials valid for the zero flow without slot capacity: pi(q) = -max weight into q, pi(r) = min pi(q),
    // 0 elsewhere.
    const pi = new Float64Array(this.nodeCount);
    for (let q = 0; q < Q; q++) {
      // Arcs come by weight descending: the first is the best.
      const best = qInStart[q + 1] > qInStart[q] ? arcs.weight[qInStart[q]] : 0;
      pi[this.qBase + q] = -best;
      if (-best < pi[this.rBase + net.qR[q]]) pi[this.rBase + net.qR[q]] = -best;
    }
    this.pi = pi;
    // With every pi(e) = 0, qReach is pi(q) = -max weight into q.
    this.qReach = Float64Array.from(pi.subarray(this.qBase));
    this.qBound = Float64Array.from(this.qReach);
    // Each r's q nodes by bound, then id: q ids ascend within an r already, so a stable insertion sort will do.
    for (let r = 0; r < R; r++) resortPrefix(rQ, this.qBound, rQStart[r], rQStart[r + 1], rQStart[r + 1]);
    const n = this.nodeCount;
    this.dist = new Float64Array(n);
    this.seen = new Int32Array(n);
    this.done = new Int32Array(n);
    this.succKind = new Uint8Array(n);
    this.succIdx = new Int32Array(n);
    this.settled = new Int32Array(n);
    this.bypassed = new Int32Array(Q);
  }

  /**
   * Each expert's capacity price, max(0, pi(e) - pi(S)): S -> e keeps a reduced cost >= 0 while e has capacity
   * left (price 0) and e -> S once it is full. The members of a class share its representative's price.
   */
  expertPrices(classes: ExpertClasses): Float64Array {
    const prices = new Float64Array(this.capLeft.length);
    const { memberStart, members } = classes;
    for (let r = 0; r < prices.length; r++) {
      const y = this.used[r] < this.capLeft[r] ? 0 : Math.max(0, this.pi[this.eBase + r] - this.pi[S]);
      for (let j = memberStart[r]; j < memberStart[r + 1]; j++) prices[members[j]] = y;
    }
    return prices;
  }

  /** Adds units of r -> T that will carry no flow (their reduced cost is known to be >= 0). */
  addResidualCapacity(r: number, coverage: boolean, units: number): void {
    if (coverage) this.capA[r] += units;
    else this.capB[r] += units;
  }

  /** Inserts one unit of r0 -> T (A when it counts for coverage) and re-optimises; returns whether flow moved. */
  insertUnit(r0: number, coverage: boolean): boolean {
    const rNode = this.rBase + r0;
    const reduced = (coverage ? -this.big : 0) + this.pi[rNode] - this.pi[T];
    if (reduced >= 0) {
      this.addResidualCapacity(r0, coverage, 1);
      return false;
    }
    this.stats.searches++;
    // Only paths shorter than -reduced close a negative cycle.
    this.beginSearch(-reduced);
    this.pushSource(rNode);
    const settledCount = this.search();
    const reached = this.done[T] === this.stamp;
    this.shiftPotentials(settledCount, reached ? this.dist[T] : -reduced);
    if (!reached) {
      this.addResidualCapacity(r0, coverage, 1);
      return false;
    }
    this.augment(rNode);
    if (coverage) {
      this.capA[r0]++;
      this.flowA[r0]++;
    } else {
      this.capB[r0]++;
      this.flowB[r0]++;
    }
    return true;
  }

  /**
   * Adds every remaining unit at once: profitable units are saturated (each leaves its slot owing one unit of
   * inflow), then primal-dual phases route flow from T to the owing slots until none owes anything.
   */
  insertBatch(left: Int32Array, coverage: boolean): void {
    const R = left.length;
    const owed = new Int32Array(R);
    const owing: number[] = [];
    for (let r = 0; r < R; r++) {
      if (left[r] === 0) continue;
      const reduced = (coverage ? -this.big : 0) + this.pi[this.rBase + r] - this.pi[T];
      this.addResidualCapacity(r, coverage, left[r]);
      if (reduced < 0) {
        if (coverage) this.flowA[r] += left[r];
        else this.flowB[r] += left[r];
        owed[r] = left[r];
        owing.push(r);
      }
      left[r] = 0;
    }
    let pending = owing;
    while (pending.length > 0) {
      this.stats.phases++;
      // Multi-source Dijkstra from every owing slot; T is always reachable (over the slot's own reverse arc).
      this.beginSearch(Infinity);
      for (const r of pending) this.pushSource(this.rBase + r);
      const settledCount = this.search();
      const D = this.dist[T];
      this.shiftPotentials(settledCount, D);
      // The search's own shortest path first (progress is guaranteed), then a blocking flow over tight arcs.
      let x = T;
      while (this.dist[x] > 0 || x < this.rBase || x >= this.qBase || owed[x - this.rBase] === 0) x = this.pathNext(x);
      this.augment(x);
      owed[x - this.rBase]--;
      this.blockingFlow(pending, owed);
      pending = pending.filter((r) => owed[r] > 0);
    }
  }

  private beginSearch(bound: number): void {
    ++this.stamp;
    this.bypassedCount = 0;
    this.limit = bound;
    this.limitIsTarget = false;
    this.bucketed = 0;
    this.heap.clear();
    if (this.useBuckets) this.bucketHead.fill(-1, 0, this.maxKey + 1);
    this.useBuckets = bound <= BUCKETS;
    this.entryCount = 0;
    this.cursor = 0;
    this.maxKey = 0;
  }

  private pushSource(node: number): void {
    this.dist[node] = 0;
    this.seen[node] = this.stamp;
    this.heapPush(node, 0);
  }

  /** Lifts settled nodes so reduced costs stay >= 0 and tight arcs mark shortest paths. */
  private shiftPotentials(settledCount: number, D: number): void {
    const { pi, dist, settled, bypassed, done } = this;
    for (let k = 0; k < settledCount; k++) {
      const x = settled[k];
      pi[x] += D - dist[x];
    }
    // A bypassed q settled later (reached from an expert) was shifted above. Otherwise its distance is its
    // distance from r, and every expert arc into it is at least D - dist longer: the shift keeps those >= 0.
    const st = this.stamp;
    for (let k = 0; k < this.bypassedCount; k++) {
      const x = this.qBase + bypassed[k];
      if (done[x] !== st && dist[x] < D) pi[x] += D - dist[x];
    }
    this.bypassedCount = 0;
  }

  private heapPush(x: number, key: number): void {
    if (this.useBuckets) {
      if (this.entryCount === this.entryNode.length) {
        const n2 = new Int32Array(this.entryCount * 2);
        n2.set(this.entryNode);
        this.entryNode = n2;
        const x2 = new Int32Array(this.entryCount * 2);
        x2.set(this.entryNext);
        this.entryNext = x2;
      }
      const entry = this.entryCount++;
      this.entryNode[entry] = x;
      this.entryNext[entry] = this.bucketHead[key];
      this.bucketHead[key] = entry;
      if (key > this.maxKey) this.maxKey = key;
      this.bucketed++;
      return;
    }
    this.heap.push(x, key);
  }

  /** Relaxes arc x -> (the node being settled), giving x the tentative distance nd. */
  private relax(x: number, nd: number, kind: number, idx: number): void {
    if (nd >= this.limit) return;
    const st = this.stamp;
    if (this.done[x] === st) return;
    if (this.seen[x] === st && nd >= this.dist[x]) return;
    if (x <= T) {
      this.limit = nd;
      this.limitIsTarget = true;
    }
    this.stats.relaxed++;
    this.dist[x] = nd;
    this.seen[x] = st;
    this.succKind[x] = kind;
    this.succIdx[x] = idx;
    this.heapPush(x, nd);
  }

  /** Backward Dijkstra on reduced costs until T is settled (or the limit is reached); returns settled count. */
  private search(): number {
    const { dist, done, settled, rBase, qBase, eBase } = this;
    const st = this.stamp;
    let settledCount = 0;
    const buckets = this.useBuckets;
    const bucketHead = this.bucketHead;
    const heap = this.heap;
    while (buckets ? this.bucketed > 0 : heap.size > 0) {
      let d: number;
      let y: number;
      if (buckets) {
        // Keys never drop below the current one (reduced costs are >= 0): the cursor only moves up.
        let c = this.cursor;
        while (bucketHead[c] < 0) c++;
        this.cursor = c;
        const entry = bucketHead[c];
        bucketHead[c] = this.entryNext[entry];
        this.bucketed--;
        d = c;
        y = this.entryNode[entry];
      } else {
        d = heap.topKey();
        y = heap.pop();
      }
      if (done[y] === st || d > dist[y]) continue;
      if (y > T && d >= this.limit) {
        // Nothing at this distance can shorten the way to S or T; with a target in the heap at `limit`,
        // it pops next, else the bound is reached.
        if (!this.limitIsTarget) break;
        continue;
      }
      done[y] = st;
      settled[settledCount++] = y;
      if (y === T) break;
      if (y === S) {
        // T -> S is free and pi(T) = pi(S): T is at the same distance.
        dist[T] = d;
        this.seen[T] = st;
        done[T] = st;
        this.succKind[T] = ARC_T_S;
        settled[settledCount++] = T;
        break;
      }
      // One small method per kind of node: small methods are optimised sooner than this loop would be, so a fresh
      // process's first solve runs less unoptimised code (docs/matching.md: the first solve in a fresh process).
      if (y >= qBase) this.settleQ(y - qBase, d);
      else if (y >= rBase) this.settleR(y - rBase, d);
      else this.settleE(y - eBase, d);
    }
    this.stats.settled += settledCount;
    return settledCount;
  }

  /** Settles q at distance d: relaxes its experts' arcs (backwards: e -> q) and, with flow, r -> q. */
  private settleQ(q: number, d: number): void {
    const { pi, dist, done, arcWeight, arcExpert, arcRes, qR, rBase, qBase, eBase } = this;
    const st = this.stamp;
    const py = pi[qBase + q];
    const lo = this.qInStart[q];
    const hi = this.qInStart[q + 1];
    // A q has few incoming arcs (its kind's experts of one primary discipline), laid out by weight descending.
    // Expert potentials start at 0 and only grow, so once d - w - pi(q) reaches the limit no later arc can
    // beat it; nor can any arc when qReach (a lower bound of min pi(e) - w) says so. Keeping the arcs sorted by
    // their current pi(e) - w instead cost more than it saved (measured at scales 1 and 10).
    let limit = this.limit;
    if (d + this.qReach[q] - py < limit) {
      const { seen, used, capLeft } = this;
      // Relaxing an expert leaves the limit alone; relaxing S may lower it (read back below).
      const base = d - py;
      let reach = Infinity;
      let k = lo;
      for (; k < hi; k++) {
        const w = arcWeight[k];
        if (base - w >= limit) break;
        const e = arcExpert[k];
        const x = eBase + e;
        const offset = pi[x] - w;
        if (offset < reach) reach = offset;
        if (arcRes[k] === 0) continue;
        const nd = base + offset;
        if (nd < limit && done[x] !== st && (seen[x] !== st || nd < dist[x])) {
          this.relax(x, nd, ARC_E_Q, k);
          // Look ahead: an expert with capacity left reaches S in one arc; knowing that distance early lets
          // every longer relaxation be skipped.
          if (used[e] < capLeft[e]) {
            this.relax(S, nd + pi[S] - pi[x], ARC_S_E, e);
            limit = this.limit;
          }
        }
      }
      // Arcs not scanned have pi(e) - w >= -w >= limit - d + pi(q).
      if (k < hi && limit - base < reach) reach = limit - base;
      if (reach > this.qReach[q]) this.qReach[q] = reach;
      this.stats.scanned += k - lo;
    }
    if (this.qFlow[q] > 0) {
      const x = rBase + qR[q];
      this.relax(x, d + pi[x] - py, ARC_R_Q, q);
    }
  }

  /** Settles r at distance d: relaxes its open q nodes (q -> r) in bound order, and T over r -> T with flow. */
  private settleR(r: number, d: number): void {
    const { pi, dist, rBase, qBase } = this;
    const st = this.stamp;
    const py = pi[rBase + r];
    const lo = this.rQStart[r];
    const hi = this.rQStart[r + 1];
    const { rQ, qBound, qReach, qFlow, qCap, seen } = this;
    // Relaxing a q leaves the limit alone.
    const limit = this.limit;
    const base = d - py;
    let idx = lo;
    for (; idx < hi; idx++) {
      const q = rQ[idx];
      if (base + qBound[q] >= limit) break;
      const x = qBase + q;
      const pq = pi[x];
      qBound[q] = pq;
      if (qFlow[q] >= qCap[q]) continue;
      const nd = base + pq;
      // q leads back only to r (settled): it is worth settling only if one of its experts can beat the limit.
      if (base + qReach[q] >= limit && seen[x] !== st) {
        if (nd < limit) {
          seen[x] = st;
          dist[x] = nd;
          this.bypassed[this.bypassedCount++] = q;
        }
        continue;
      }
      this.relax(x, nd, ARC_Q_R, q);
    }
    resortPrefix(rQ, qBound, lo, idx, hi);
    if (this.flowA[r] > 0) this.relax(T, d + this.big + pi[T] - py, ARC_T_R_A, r);
    if (this.flowB[r] > 0) this.relax(T, d + pi[T] - py, ARC_T_R_B, r);
  }

  /** Settles expert e at distance d: S over S -> e while it has capacity left, and the q nodes it holds. */
  private settleE(e: number, d: number): void {
    const { pi, arcQ, arcWeight, qBase, eBase } = this;
    const py = pi[eBase + e];
    if (this.used[e] < this.capLeft[e]) this.relax(S, d + pi[S] - py, ARC_S_E, e);
    const fs = this.flowStart[e];
    const fe = fs + this.flowCount[e];
    for (let k = fs; k < fe; k++) {
      const a = this.flowArcs[k];
      const x = qBase + arcQ[a];
      this.relax(x, d + arcWeight[a] + pi[x] - py, ARC_Q_E, a);
    }
  }

  /** The node after x on the recorded path from T towards the slot. */
  private pathNext(x: number): number {
    const idx = this.succIdx[x];
    switch (this.succKind[x]) {
      case ARC_T_S:
        return S;
      case ARC_T_R_A:
      case ARC_T_R_B:
        return this.rBase + idx;
      case ARC_S_E:
        return this.eBase + idx;
      case ARC_E_Q:
        return this.qBase + this.arcQ[idx];
      case ARC_Q_R:
        return this.rBase + this.qR[idx];
      case ARC_Q_E:
        return this.eBase + this.arcExpert[idx];
      case ARC_R_Q:
        return this.qBase + idx;
      default:
        throw new Error('slot insertion: broken path');
    }
  }

  /** Sends one unit from T along the recorded arcs down to `target`. */
  private augment(target: number): void {
    const { arcExpert, arcRes, arcQ, qR, rBase, qBase, eBase, classSize } = this;
    let x = T;
    while (x !== target) {
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
          const e = arcExpert[idx];
          // flowArcs lists the arcs carrying flow once each, however many units.
          if (arcRes[idx]-- === classSize[e]) this.flowArcs[this.flowStart[e] + this.flowCount[e]++] = idx;
          x = qBase + arcQ[idx];
          break;
        }
        case ARC_Q_R:
          this.qFlow[idx]++;
          x = rBase + qR[idx];
          break;
        case ARC_Q_E: {
          const e = arcExpert[idx];
          if (++arcRes[idx] === classSize[e]) {
            const fs = this.flowStart[e];
            const last = fs + --this.flowCount[e];
            for (let k = fs; k <= last; k++) {
              if (this.flowArcs[k] === idx) {
                this.flowArcs[k] = this.flowArcs[last];
                break;
              }
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
    this.stats.augmentations++;
  }

  /**
   * Routes as many owed units as possible along tight arcs (reduced cost 0) between nodes settled by the last
   * search: a depth-first search backwards from each owing slot to T, with a cursor per node so every arc is
   * tried once per phase, and dead ends remembered.
   */
  private blockingFlow(pending: readonly number[], owed: Int32Array): void {
    const { pi, arcWeight, arcQ, arcExpert, arcRes, qR, rBase, qBase, eBase } = this;
    const BIG = this.big;
    const n = this.nodeCount;
    const cursor = new Int32Array(n);
    const dead = new Uint8Array(n);
    const onStack = new Uint8Array(n);
    const stack: number[] = [];
    // Tries the arc x -> y: usable when x was settled, is alive, and the arc is tight.
    // Any arc with reduced cost 0 lies on a shortest path now (potentials were just shifted), wherever it is.
    const tight = (x: number, rc: number): boolean => rc === 0 && !dead[x] && !onStack[x];
    for (const r0 of pending) {
      const start = rBase + r0;
      while (owed[r0] > 0 && !dead[start]) {
        for (const x of stack) onStack[x] = 0;
        stack.length = 0;
        stack.push(start);
        onStack[start] = 1;
        let found = false;
        while (stack.length > 0) {
          const y = stack[stack.length - 1];
          if (y === T || y === S) {
            if (y === S) this.succKind[T] = ARC_T_S;
            found = true;
            break;
          }
          const py = pi[y];
          let next = -1;
          if (y >= qBase) {
            const q = y - qBase;
            const base = this.qInStart[q];
            const len = this.qInStart[q + 1] - base;
            for (let c = cursor[y]; c <= len; c++) {
              if (c < len) {
                const k = base + c;
                if (arcRes[k] === 0) continue;
                const x = eBase + arcExpert[k];
                if (tight(x, -arcWeight[k] + pi[x] - py)) {
                  this.succKind[x] = ARC_E_Q;
                  this.succIdx[x] = k;
                  next = x;
                  cursor[y] = c;
                  break;
                }
              } else if (this.qFlow[q] > 0) {
                const x = rBase + qR[q];
                if (tight(x, pi[x] - py)) {
                  this.succKind[x] = ARC_R_Q;
                  this.succIdx[x] = q;
                  next = x;
                  cursor[y] = c;
                  break;
                }
              }
            }
          } else if (y >= rBase) {
            const r = y - rBase;
            const base = this.rQStart[r];
            const len = this.rQStart[r + 1] - base;
            for (let c = cursor[y]; c <= len + 1; c++) {
              if (c < len) {
                const q = this.rQ[base + c];
                if (this.qFlow[q] >= this.qCap[q]) continue;
                const x = qBase + q;
                if (tight(x, pi[x] - py)) {
                  this.succKind[x] = ARC_Q_R;
                  this.succIdx[x] = q;
                  next = x;
                  cursor[y] = c;
                  break;
                }
              } else if (c === len ? this.flowA[r] > 0 : this.flowB[r] > 0) {
                if (tight(T, (c === len ? BIG : 0) + pi[T] - py)) {
                  this.succKind[T] = c === len ? ARC_T_R_A : ARC_T_R_B;
                  this.succIdx[T] = r;
                  next = T;
                  cursor[y] = c;
                  break;
                }
              }
            }
          } else {
            const e = y - eBase;
            const fs = this.flowStart[e];
            const len = this.flowCount[e];
            for (let c = cursor[y]; c <= len; c++) {
              if (c === 0) {
                if (this.used[e] < this.capLeft[e] && tight(S, pi[S] - py)) {
                  this.succKind[S] = ARC_S_E;
                  this.succIdx[S] = e;
                  next = S;
                  cursor[y] = c;
                  break;
                }
              } else {
                const a = this.flowArcs[fs + c - 1];
                const x = qBase + arcQ[a];
                if (tight(x, arcWeight[a] + pi[x] - py)) {
                  this.succKind[x] = ARC_Q_E;
                  this.succIdx[x] = a;
                  next = x;
                  cursor[y] = c;
                  break;
                }
              }
            }
          }
          if (next < 0) {
            dead[y] = 1;
            onStack[y] = 0;
            stack.pop();
            if (stack.length > 0) cursor[stack[stack.length - 1]]++;
          } else {
            stack.push(next);
            onStack[next] = 1;
          }
        }
        if (!found) break;
        for (const x of stack) onStack[x] = 0;
        stack.length = 0;
        this.augment(start);
        owed[r0]--;
      }
    }
  }
}

/**
 * The expert arcs of the class representatives grouped by q (CSR), within a q by weight descending, then expert
 * ascending, with the usable pair index of each arc.
 */
function layoutArcs(
  net: MatchingNetwork,
  weights: Int32Array,
  classes: ExpertClasses,
): { qInStart: Int32Array; usable: Int32Array; expert: Int32Array; weight: Int32Array; q: Int32Array } {
  const { usablePair, usableQ, usableExpert, usableCount, qCount: Q } = net;
  const { size } = classes;
  const qInStart = new Int32Array(Q + 1);
  for (let u = 0; u < usableCount; u++) if (size[usableExpert[u]] > 0) qInStart[usableQ[u] + 1]++;
  for (let q = 0; q < Q; q++) qInStart[q + 1] += qInStart[q];
  const arcCount = qInStart[Q];
  const arcUsable = new Int32Array(arcCount);
  const expert = new Int32Array(arcCount);
  const weight = new Int32Array(arcCount);
  const arcQ = new Int32Array(arcCount);
  // Usable pairs come experts ascending: a stable scatter by q keeps that order within each q.
  const fill = qInStart.slice(0, Q);
  for (let u = 0; u < usableCount; u++) {
    const e = usableExpert[u];
    if (size[e] === 0) continue;
    const q = usableQ[u];
    const k = fill[q]++;
    arcUsable[k] = u;
    expert[k] = e;
    weight[k] = weights[usablePair[u]];
    arcQ[k] = q;
  }
  // Within a q, by weight descending, stably (experts stay ascending): an insertion sort for the usual few arcs,
  // a counting sort on the (small) weights for long lists.
  let maxWeight = 0;
  for (let k = 0; k < arcCount; k++) if (weight[k] > maxWeight) maxWeight = weight[k];
  const at = new Int32Array(maxWeight + 2);
  let copy = new Int32Array(0);
  for (let q = 0; q < Q; q++) {
    const lo = qInStart[q];
    const hi = qInStart[q + 1];
    const n = hi - lo;
    if (n > 24) {
      if (copy.length < 3 * n) copy = new Int32Array(3 * n);
      at.fill(0);
      for (let k = lo; k < hi; k++) at[maxWeight - weight[k] + 1]++;
      for (let v = 0; v < maxWeight; v++) at[v + 1] += at[v];
      copy.set(weight.subarray(lo, hi), 0);
      copy.set(arcUsable.subarray(lo, hi), n);
      copy.set(expert.subarray(lo, hi), 2 * n);
      for (let j = 0; j < n; j++) {
        const k = lo + at[maxWeight - copy[j]]++;
        weight[k] = copy[j];
        arcUsable[k] = copy[n + j];
        expert[k] = copy[2 * n + j];
      }
      continue;
    }
    insertionSortByWeight(weight, arcUsable, expert, lo, hi);
  }
  return { qInStart, usable: arcUsable, expert, weight, q: arcQ };
}

/** Sorts lo..hi by weight descending, stably, carrying the usable index and expert along. */
function insertionSortByWeight(weight: Int32Array, arcUsable: Int32Array, expert: Int32Array, lo: number, hi: number): void {
  for (let k = lo + 1; k < hi; k++) {
    const w = weight[k];
    if (weight[k - 1] >= w) continue;
    const p = arcUsable[k];
    const e = expert[k];
    let j = k;
    while (j > lo && weight[j - 1] < w) {
      weight[j] = weight[j - 1];
      arcUsable[j] = arcUsable[j - 1];
      expert[j] = expert[j - 1];
      j--;
    }
    weight[j] = w;
    arcUsable[j] = p;
    expert[j] = e;
  }
}

/**
 * Restores ascending order of `bound` over order[lo..hi) after the entries order[lo..seen) got larger values
 * (the rest was sorted and untouched): each of them is moved right to its place, last one first.
 */
function resortPrefix(order: Int32Array, bound: Float64Array, lo: number, seen: number, hi: number): void {
  for (let i = seen - 1; i >= lo; i--) {
    const item = order[i];
    const v = bound[item];
    let j = i;
    while (j + 1 < hi && (bound[order[j + 1]] < v || (bound[order[j + 1]] === v && order[j + 1] < item))) {
      order[j] = order[j + 1];
      j++;
    }
    order[j] = item;
  }
}
