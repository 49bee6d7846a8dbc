/**
 * Cost scaling (Goldberg-Tarjan push-relabel) for a min-cost circulation on a ResidualNetwork. Costs are scaled
 * by n + 1, so a 1-optimal circulation for the scaled costs is optimal for the integer costs. Prices are kept in
 * scaled units (float64 integers). Active nodes are discharged in FIFO order. There is no global price update or
 * price refinement: kept as a measured alternative (docs/matching.md), not as the engine's default.
 */
import type { ResidualNetwork } from './residual-network';

export interface CostScalingStats {
  phases: number;
  pushes: number;
  relabels: number;
}

/** Runs cost scaling to optimality on `net` (flows in net.res); returns counters. net.pi is left approximate
 *  (prices divided by the scale, rounded down): the flow is optimal, the potentials are not a certificate. */
export function costScalingCirculation(net: ResidualNetwork, alpha = 8): CostScalingStats {
  const n = net.nodeCount;
  const { first, to, rev, res } = net;
  const m2 = to.length;
  const scale = n + 1;
  const cost = new Float64Array(m2);
  let maxCost = 0;
  for (let s = 0; s < m2; s++) {
    cost[s] = net.cost[s] * scale;
    const a = Math.abs(cost[s]);
    if (a > maxCost) maxCost = a;
  }
  const price = new Float64Array(n);
  for (let v = 0; v < n; v++) price[v] = net.pi[v] * scale;
  const excess = new Float64Array(n);
  const current = new Int32Array(n);
  const queue = new Int32Array(n + 1);
  const inQueue = new Uint8Array(n);
  const stats: CostScalingStats = { phases: 0, pushes: 0, relabels: 0 };

  // Initial epsilon: the largest violation of the starting prices.
  let eps = 0;
  for (let v = 0; v < n; v++) {
    for (let s = first[v]; s < first[v + 1]; s++) {
      if (res[s] > 0) {
        const rc = cost[s] + price[v] - price[to[s]];
        if (-rc > eps) eps = -rc;
      }
    }
  }
  if (eps === 0) return stats;
  while (eps > 1) {
    eps = Math.max(1, Math.ceil(eps / alpha));
    stats.phases++;
    // Saturate every residual arc with a negative reduced cost: the pseudoflow becomes 0-optimal.
    for (let v = 0; v < n; v++) {
      const pv = price[v];
      for (let s = first[v]; s < first[v + 1]; s++) {
        const r = res[s];
        if (r > 0 && cost[s] + pv - price[to[s]] < 0) {
          res[s] = 0;
          res[rev[s]] += r;
          excess[v] -= r;
          excess[to[s]] += r;
        }
      }
    }
    let head = 0;
    let tail = 0;
    let count = 0;
    for (let v = 0; v < n; v++) {
      current[v] = first[v];
      if (excess[v] > 0) {
        queue[tail] = v;
        tail = tail + 1 === queue.length ? 0 : tail + 1;
        count++;
        inQueue[v] = 1;
      }
    }
    while (count > 0) {
      const v = queue[head];
      head = head + 1 === queue.length ? 0 : head + 1;
      count--;
      inQueue[v] = 0;
      // Discharge v.
      let ex = excess[v];
      const end = first[v + 1];
      while (ex > 0) {
        let s = current[v];
        const pv = price[v];
        for (; s < end; s++) {
          if (res[s] <= 0) continue;
          const w = to[s];
          if (cost[s] + pv - price[w] < 0) {
            const delta = ex < res[s] ? ex : res[s];
            res[s] -= delta;
            res[rev[s]] += delta;
            ex -= delta;
            const before = excess[w];
            excess[w] = before + delta;
            stats.pushes++;
            if (before <= 0 && before + delta > 0 && !inQueue[w]) {
              queue[tail] = w;
              tail = tail + 1 === queue.length ? 0 : tail + 1;
              count++;
              inQueue[w] = 1;
            }
            if (ex === 0) break;
          }
        }
        if (ex > 0) {
          // Relabel: lower the price just enough to make the best residual arc admissible.
          let best = -Infinity;
          for (let t = first[v]; t < end; t++) {
            if (res[t] <= 0) continue;
            const b = price[to[t]] - cost[t];
            if (b > best) best = b;
          }
          price[v] = best - eps;
          current[v] = first[v];
          stats.relabels++;
        } else current[v] = s;
      }
      excess[v] = 0;
    }
  }
  // Back to unscaled potentials (approximate).
  for (let v = 0; v < n; v++) net.pi[v] = Math.floor(price[v] / scale);
  return stats;
}
