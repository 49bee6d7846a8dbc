/**
 * Eligible pairs per expert, best first (weight descending, ties: smaller project index). With a candidate limit
 * K only each expert's K best are kept, found by scanning issue-type classes from the best fit down and stopping
 * once no remaining class can beat the K-th best, so the full expert x project product is never materialised.
 * Pinned pairs are always added (whatever their distance, fit or rank).
 */
import { chord2, kmToChord2 } from '../scoring/geo';
import type { Scorer } from '../scoring/scorer';

/** Eligible pairs in CSR form by expert; within an expert, weight descending then project ascending. */
export interface CandidatePairs {
  readonly start: Int32Array;
  readonly project: Int32Array;
  readonly weight: Int32Array;
  readonly count: number;
  readonly maxWeight: number;
}

/** Computes every expert's eligible pairs (or its K best when the instance sets candidateLimitPerExpert). */
export function buildCandidatePairs(scorer: Scorer): CandidatePairs {
  const prep = scorer.prep;
  const P = prep.projectCount;
  const E = prep.expertCount;
  const K = prep.candidateLimit;
  const w = scorer.weights;
  const pu = prep.projectUnit;
  const eu = prep.expertUnit;
  const projectClass = scorer.projectClass;
  const wantedStart = prep.wantedStart;

  // Pre-filters on the squared chord; the exact distance is computed only near the thresholds.
  const rangeCut = kmToChord2(w.distanceRangeKm * (1 + 1e-6)) + 1e-15;
  const maxDist = prep.maxDistanceKm;
  const maxDistCut = maxDist === null ? Infinity : kmToChord2(maxDist * (1 + 1e-6)) + 1e-15;
  const maxDistSure = maxDist === null ? Infinity : kmToChord2(maxDist * (1 - 1e-6)) - 1e-15;
  let maxWantedAll = 0;
  for (const v of w.wantedPoints) maxWantedAll = Math.max(maxWantedAll, v);
  const anyWanted = prep.wantedDiscipline.length > 0;

  // Pins per expert (prep pins are sorted by expert).
  const pinStart = new Int32Array(E + 1);
  for (let i = 0; i < prep.pinExpert.length; i++) pinStart[prep.pinExpert[i] + 1]++;
  for (let e = 0; e < E; e++) pinStart[e + 1] += pinStart[e];

  const perExpertCap = (K === null ? P : Math.min(K, P)) + 8;
  let capacity = Math.max(16, Math.min(E * perExpertCap + prep.pinExpert.length, 1 << 24));
  let project: Int32Array = new Int32Array(capacity);
  let weight: Int32Array = new Int32Array(capacity);
  const start = new Int32Array(E + 1);
  let count = 0;
  let maxWeight = 0;

  const stamp = new Int32Array(P);
  let buf: Float64Array = new Float64Array(perExpertCap + 16);
  const heapCap = K === null ? 0 : Math.min(K, P);

  for (let e = 0; e < E; e++) {
    const table = scorer.fitTable(e);
    const fit = table.fit;
    const zero = table.zero;
    const ei = e * 3;
    const ex = eu[ei];
    const ey = eu[ei + 1];
    const ez = eu[ei + 2];
    const hasForbidden = prep.forbiddenPerExpert[e] > 0;
    const forbidBase = e * P;
    const mark = e + 1;
    let n = 0;
    // Heap of the K best seen so far (min-heap on goodness), or a plain list without a limit.
    const pushKey = (g: number): void => {
      if (K === null) {
        buf[n++] = g;
        return;
      }
      if (n < heapCap) {
        let i = n++;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (buf[parent] <= g) break;
          buf[i] = buf[parent];
          i = parent;
        }
        buf[i] = g;
      } else if (g > buf[0]) {
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= n) break;
          const r = l + 1;
          const c = r < n && buf[r] < buf[l] ? r : l;
          if (buf[c] >= g) break;
          buf[i] = buf[c];
          i = c;
        }
        buf[i] = g;
      }
    };
    // Weight of an eligible non-preferred pair, or -1 when ineligible.
    const pairWeight = (p: number): number => {
      if (zero[projectClass[p]]) return -1;
      if (hasForbidden && prep.forbidden.has(forbidBase + p)) return -1;
      const pi = p * 3;
      const dx = ex - pu[pi];
      const dy = ey - pu[pi + 1];
      const dz = ez - pu[pi + 2];
      const c2 = dx * dx + dy * dy + dz * dz;
      if (c2 > maxDistCut) return -1;
      if (maxDist !== null && c2 >= maxDistSure && scorer.distanceKm(e, p) > maxDist) return -1;
      let v = w.base + fit[projectClass[p]];
      if (c2 < rangeCut) v += scorer.distancePart(c2);
      if (anyWanted && wantedStart[p] !== wantedStart[p + 1]) v += scorer.wantedPart(e, p);
      return v;
    };

    // Stated preferences first (they carry a rank bonus, so they are scored individually).
    for (let k = prep.preferenceStart[e]; k < prep.preferenceStart[e + 1]; k++) {
      const p = prep.preferenceProject[k];
      if (stamp[p] === mark) continue;
      stamp[p] = mark;
      const v = pairWeight(p);
      if (v >= 0) pushKey((v + scorer.preferencePart(k - prep.preferenceStart[e])) * P + (P - 1 - p));
    }

    if (K === null) {
      for (let p = 0; p < P; p++) {
        if (stamp[p] === mark) continue;
        const v = pairWeight(p);
        if (v >= 0) pushKey(v * P + (P - 1 - p));
      }
    } else {
      const order = table.order;
      let maxWanted = 0;
      if (anyWanted) {
        for (let j = 0; j < prep.expertDisciplineCount[e]; j++) {
          maxWanted = Math.max(maxWanted, w.wantedPoints[Math.min(j, w.wantedPoints.length - 1)]);
        }
      }
      const slack = w.base + w.distancePoints + maxWanted;
      for (let ci = 0; ci < order.length; ci++) {
        const c = order[ci];
        if (zero[c]) continue;
        // Classes come by fit descending: once even the best pair of this class cannot beat the K-th, stop.
        if (n === heapCap && (fit[c] + slack) * P + (P - 1) < buf[0]) break;
        for (let k = scorer.classStart[c]; k < scorer.classStart[c + 1]; k++) {
          const p = scorer.classProject[k];
          if (stamp[p] === mark) continue;
          const v = pairWeight(p);
          if (v >= 0) pushKey(v * P + (P - 1 - p));
        }
      }
    }

    // Pinned pairs are always eligible.
    for (let k = pinStart[e]; k < pinStart[e + 1]; k++) {
      const p = prep.pinProject[k];
      let present = false;
      for (let i = 0; i < n; i++) {
        if (P - 1 - (buf[i] % P) === p) {
          present = true;
          break;
        }
      }
      if (!present) {
        if (n >= buf.length) buf = grow(buf, n * 2);
        buf[n++] = scorer.weight(e, p) * P + (P - 1 - p);
      }
    }

    const keys = buf.subarray(0, n).sort();
    if (count + n > capacity) {
      capacity = Math.max(count + n, capacity * 2);
      project = growInt(project, capacity);
      weight = growInt(weight, capacity);
    }
    for (let i = n - 1; i >= 0; i--) {
      const g = keys[i];
      const wt = Math.floor(g / P);
      project[count] = P - 1 - (g - wt * P);
      weight[count] = wt;
      if (wt > maxWeight) maxWeight = wt;
      count++;
    }
    start[e + 1] = count;
  }
  return {
    start,
    project: project.subarray(0, count),
    weight: weight.subarray(0, count),
    count,
    maxWeight,
  };
}

function grow(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

function growInt(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a.subarray(0, Math.min(a.length, size)));
  return b;
}
