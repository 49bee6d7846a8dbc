/**
 * A residual network on typed arrays (CSR: the out-slots of node u are first[u]..first[u+1]; every arc has a
 * forward slot and a paired reverse slot) with node potentials, and one primitive: `addUnit(slot)` raises an
 * arc's capacity by one unit and restores optimality with at most one augmentation, by finding the cheapest
 * cycle through that arc (Dijkstra on reduced costs from the arc's head back to its tail).
 *
 * Invariant (the optimality certificate of a min-cost circulation): every slot with residual capacity has a
 * non-negative reduced cost c(u,v) + pi(u) - pi(v). Costs are integers held in float64, exact below 2^53.
 */
import { NodeHeap } from './node-heap';

/** Arcs to build a network from (parallel arrays; `flow` optional). */
export interface ArcList {
  count: number;
  tail: Int32Array;
  head: Int32Array;
  cap: Int32Array;
  cost: Float64Array;
  flow?: Int32Array;
}

/** Counters of the work done, for benchmarks. */
export interface FlowCounters {
  searches: number;
  augmentations: number;
  settled: number;
  scanned: number;
}

export class ResidualNetwork {
  readonly nodeCount: number;
  readonly first: Int32Array;
  readonly to: Int32Array;
  readonly rev: Int32Array;
  readonly res: Int32Array;
  readonly cost: Float64Array;
  /** Forward slot of each input arc. */
  readonly arcSlot: Int32Array;
  /** Node potentials; the caller provides feasible ones (all residual reduced costs >= 0). */
  pi: Float64Array;
  readonly counters: FlowCounters = { searches: 0, augmentations: 0, settled: 0, scanned: 0 };

  /** Optional shortcut: when searching towards `source` and `sink` is reached, the slot sink->source is used
   *  at once. Valid when that arc has unbounded capacity and reduced cost 0, which the caller maintains by
   *  giving source and sink equal potentials (addUnit then keeps them equal). */
  shortcut: { source: number; sink: number; slot: number } | null = null;

  private readonly dist: Float64Array;
  private readonly seen: Int32Array;
  private readonly done: Int32Array;
  private readonly pred: Int32Array;
  private readonly settled: Int32Array;
  private stamp = 0;
  private readonly heap = new NodeHeap();

  constructor(nodeCount: number, arcs: ArcList, pi: Float64Array) {
    this.nodeCount = nodeCount;
    const m = arcs.count;
    const first = new Int32Array(nodeCount + 1);
    for (let a = 0; a < m; a++) {
      first[arcs.tail[a] + 1]++;
      first[arcs.head[a] + 1]++;
    }
    for (let u = 0; u < nodeCount; u++) first[u + 1] += first[u];
    const fill = first.slice(0, nodeCount);
    const to = new Int32Array(2 * m);
    const rev = new Int32Array(2 * m);
    const res = new Int32Array(2 * m);
    const cost = new Float64Array(2 * m);
    const arcSlot = new Int32Array(m);
    for (let a = 0; a < m; a++) {
      const u = arcs.tail[a];
      const v = arcs.head[a];
      const s = fill[u]++;
      const r = fill[v]++;
      const f = arcs.flow ? arcs.flow[a] : 0;
      to[s] = v;
      rev[s] = r;
      res[s] = arcs.cap[a] - f;
      cost[s] = arcs.cost[a];
      to[r] = u;
      rev[r] = s;
      res[r] = f;
      cost[r] = -arcs.cost[a];
      arcSlot[a] = s;
    }
    this.first = first;
    this.to = to;
    this.rev = rev;
    this.res = res;
    this.cost = cost;
    this.arcSlot = arcSlot;
    this.pi = pi;
    this.dist = new Float64Array(nodeCount);
    this.seen = new Int32Array(nodeCount);
    this.done = new Int32Array(nodeCount);
    this.pred = new Int32Array(nodeCount);
    this.settled = new Int32Array(nodeCount);
  }

  /** Flow on the arc whose forward slot is `slot`. */
  flow(slot: number): number {
    return this.res[this.rev[slot]];
  }

  /** Tail node of a slot. */
  tail(slot: number): number {
    return this.to[this.rev[slot]];
  }

  /** Reduced cost of a slot under the current potentials. */
  reducedCost(slot: number): number {
    return this.cost[slot] + this.pi[this.to[this.rev[slot]]] - this.pi[this.to[slot]];
  }

  /**
   * Raises the capacity of the arc at forward `slot` (u -> v) by one and re-optimises: if the cheapest cycle
   * through the new unit (the arc plus a shortest residual path v -> u) has negative cost, one unit is sent
   * around it. Potentials are updated so the invariant holds for every slot, including the new unit.
   * The search is bounded: it stops once no path can close a negative cycle.
   * Returns whether a unit was sent.
   */
  addUnit(slot: number): boolean {
    const u = this.to[this.rev[slot]];
    const v = this.to[slot];
    const reduced = this.cost[slot] + this.pi[u] - this.pi[v];
    if (reduced >= 0) {
      // Every residual path has a non-negative reduced length, so no cycle through the arc is profitable.
      this.res[slot]++;
      return false;
    }
    // Only paths shorter than -reduced close a negative cycle: the search stops there.
    const bound = -reduced;
    const settledCount = this.search(v, u, bound);
    const settled = this.settled;
    const dist = this.dist;
    const pi = this.pi;
    const reached = this.done[u] === this.stamp && dist[u] < bound;
    const D = reached ? dist[u] : bound;
    // Settled nodes have dist <= D; lifting them by dist - D keeps every residual reduced cost >= 0, and gives
    // the new unit the reduced cost reduced + D (negative only when the cycle is profitable).
    for (let i = 0; i < settledCount; i++) {
      const x = settled[i];
      pi[x] += dist[x] - D;
    }
    if (!reached) {
      this.res[slot]++;
      return false;
    }
    // Send one unit around the cycle: the arc itself, then the path back from v to u.
    let x = u;
    while (x !== v) {
      const s = this.pred[x];
      this.res[s]--;
      this.res[this.rev[s]]++;
      x = this.to[this.rev[s]];
    }
    this.res[this.rev[slot]]++;
    this.counters.augmentations++;
    return true;
  }

  /** Sets pi(x) to the lowest value that keeps every residual arc out of x at a non-negative reduced cost.
   *  Only valid while no residual arc enters x (e.g. an expert before its first unit). */
  fitToOutArcs(x: number): void {
    let need = -Infinity;
    for (let s = this.first[x]; s < this.first[x + 1]; s++) {
      if (this.res[s] <= 0) continue;
      const b = this.pi[this.to[s]] - this.cost[s];
      if (b > need) need = b;
    }
    if (need !== -Infinity) this.pi[x] = need;
  }

  /** Dijkstra on reduced costs from `start` until `target` is settled; returns how many nodes were settled. */
  private search(start: number, target: number, bound: number): number {
    this.counters.searches++;
    const stamp = ++this.stamp;
    const { first, to, res, cost, pi, dist, seen, done, pred, settled } = this;
    const sc = this.shortcut;
    const shortcutActive = sc !== null && target === sc.source;
    const shortcutSink = sc ? sc.sink : -1;
    const heap = this.heap;
    let settledCount = 0;
    let scanned = 0;
    dist[start] = 0;
    seen[start] = stamp;
    heap.clear();
    heap.push(start, 0);
    while (heap.size > 0) {
      const d = heap.topKey();
      const u = heap.pop();
      if (done[u] === stamp || d > dist[u]) continue;
      if (d >= bound) break;
      done[u] = stamp;
      settled[settledCount++] = u;
      if (u === target) break;
      if (shortcutActive && u === shortcutSink) {
        // sink -> source has reduced cost 0 and unbounded capacity: the source is at the same distance.
        dist[target] = d;
        seen[target] = stamp;
        done[target] = stamp;
        pred[target] = sc!.slot;
        settled[settledCount++] = target;
        break;
      }
      const pu = pi[u];
      const end = first[u + 1];
      for (let s = first[u]; s < end; s++) {
        if (res[s] <= 0) continue;
        const x = to[s];
        if (done[x] === stamp) continue;
        scanned++;
        const nd = d + cost[s] + pu - pi[x];
        if (seen[x] !== stamp || nd < dist[x]) {
          dist[x] = nd;
          seen[x] = stamp;
          pred[x] = s;
          heap.push(x, nd);
        }
      }
    }
    this.counters.settled += settledCount;
    this.counters.scanned += scanned;
    return settledCount;
  }

  /**
   * Replaces the potentials by the tightest ones for the current residual network: pi(u) = pi(anchor) minus the
   * cost of a cheapest residual path u -> anchor (a backward Dijkstra on reduced costs). Every residual arc keeps
   * a non-negative reduced cost and each potential is as low as it can be, which makes pricing arcs that are not
   * in the network (cost - pi(head) + pi(tail) >= 0?) as permissive as possible. Nodes that cannot reach the
   * anchor are lowered by the largest distance found.
   */
  tightenPotentials(anchor: number): void {
    const stamp = ++this.stamp;
    const { first, to, rev, res, cost, pi, dist, seen, done } = this;
    const heap = this.heap;
    dist[anchor] = 0;
    seen[anchor] = stamp;
    heap.clear();
    heap.push(anchor, 0);
    let maxDist = 0;
    while (heap.size > 0) {
      const d = heap.topKey();
      const v = heap.pop();
      if (done[v] === stamp || d > dist[v]) continue;
      done[v] = stamp;
      if (d > maxDist) maxDist = d;
      const pv = pi[v];
      for (let s = first[v]; s < first[v + 1]; s++) {
        const back = rev[s];
        if (res[back] <= 0) continue;
        const u = to[s];
        if (done[u] === stamp) continue;
        const nd = d + cost[back] + pi[u] - pv;
        if (seen[u] !== stamp || nd < dist[u]) {
          dist[u] = nd;
          seen[u] = stamp;
          heap.push(u, nd);
        }
      }
    }
    for (let u = 0; u < this.nodeCount; u++) pi[u] -= done[u] === stamp ? dist[u] : maxDist;
  }

  /** Raises pi(x) as far as the residual arcs into x allow (out-arcs only gain reduced cost). */
  liftPotential(x: number): void {
    let bound = Infinity;
    for (let s = this.first[x]; s < this.first[x + 1]; s++) {
      const back = this.rev[s];
      if (this.res[back] <= 0) continue;
      const b = this.pi[this.to[s]] + this.cost[back];
      if (b < bound) bound = b;
    }
    if (bound !== Infinity && bound > this.pi[x]) this.pi[x] = bound;
  }

  /** Checks the optimality invariant; returns the first violating slot or -1 (for tests). */
  findViolation(): number {
    for (let u = 0; u < this.nodeCount; u++) {
      for (let s = this.first[u]; s < this.first[u + 1]; s++) {
        if (this.res[s] > 0 && this.cost[s] + this.pi[u] - this.pi[this.to[s]] < 0) return s;
      }
    }
    return -1;
  }
}
