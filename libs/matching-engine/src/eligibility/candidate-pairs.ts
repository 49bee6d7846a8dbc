/**
 * Eligible pairs per expert, best first (weight descending, ties: smaller project index). With a candidate limit
 * K only each expert's K best are kept, without materialising the expert x project product: issue-type classes
 * are scanned from the best fit down and, within a class, projects from the nearest down, stopping as soon as
 * nothing left can beat the K-th best. Experts of one campus share a location, so distance parts and the
 * distance order of projects are computed once per location. Pinned pairs are always added.
 */
import { chord2 } from '../scoring/geo';
import type { Scorer } from '../scoring/scorer';

/** Eligible pairs in CSR form by expert; within an expert, weight descending then project ascending. */
export interface CandidatePairs {
  readonly start: Int32Array;
  readonly project: Int32Array;
  readonly weight: Int32Array;
  readonly count: number;
  readonly maxWeight: number;
}

/** Distance parts from one location to every project (-1: beyond maxDistanceKm), and, per issue-type class,
 *  the class's projects ordered by distance part descending (ties: project ascending). */
interface LocationTable {
  distance: Int16Array;
  order: Int32Array;
}

/** Computes every expert's eligible pairs (or its K best when the instance sets candidateLimitPerExpert). */
export function buildCandidatePairs(scorer: Scorer): CandidatePairs {
  const prep = scorer.prep;
  const P = prep.projectCount;
  const E = prep.expertCount;
  const K = prep.candidateLimit;
  const w = scorer.weights;
  const projectClass = scorer.projectClass;
  const wantedStart = prep.wantedStart;
  const anyWanted = prep.wantedDiscipline.length > 0;
  const maxDist = prep.maxDistanceKm;

  // Location tables (shared by all experts of a campus) unless locations are nearly all distinct.
  const useTables = prep.locationCount * 4 <= E || prep.locationCount * P <= 4_000_000;
  const tables: Array<LocationTable | undefined> = [];
  const tableFor = (e: number): LocationTable => {
    const loc = prep.expertLocation[e];
    let t = tables[loc];
    if (!t) {
      t = buildLocationTable(scorer, e, maxDist);
      tables[loc] = t;
    }
    return t;
  };
  const ownDistance = new Int16Array(useTables ? 0 : P);

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
  const base = w.base;

  // One expert's candidates into buf; returns how many. A separate function so the engine optimises it.
  const scoreExpert = (e: number): number => {
    const table = scorer.fitTable(e);
    const fit = table.fit;
    const zero = table.zero;
    let distance: Int16Array;
    let loc: LocationTable | null = null;
    if (useTables) {
      loc = tableFor(e);
      distance = loc.distance;
    } else {
      fillDistances(scorer, e, maxDist, ownDistance);
      distance = ownDistance;
    }
    const hasForbidden = prep.forbiddenPerExpert[e] > 0;
    const forbidBase = e * P;
    const mark = e + 1;
    let n = 0;

    // Stated preferences first (they carry a rank bonus, so they are scored one by one).
    for (let k = prep.preferenceStart[e]; k < prep.preferenceStart[e + 1]; k++) {
      const p = prep.preferenceProject[k];
      if (stamp[p] === mark) continue;
      stamp[p] = mark;
      if (zero[projectClass[p]] || distance[p] < 0) continue;
      if (hasForbidden && prep.forbidden.has(forbidBase + p)) continue;
      let v = base + fit[projectClass[p]] + distance[p] + scorer.preferencePart(k - prep.preferenceStart[e]);
      if (anyWanted && wantedStart[p] !== wantedStart[p + 1]) v += scorer.wantedPart(e, p);
      n = K === null ? pushAll(buf, n, v * P + (P - 1 - p)) : pushTop(buf, n, heapCap, v * P + (P - 1 - p));
    }

    if (K === null) {
      for (let p = 0; p < P; p++) {
        if (stamp[p] === mark || zero[projectClass[p]] || distance[p] < 0) continue;
        if (hasForbidden && prep.forbidden.has(forbidBase + p)) continue;
        let v = base + fit[projectClass[p]] + distance[p];
        if (anyWanted && wantedStart[p] !== wantedStart[p + 1]) v += scorer.wantedPart(e, p);
        buf[n++] = v * P + (P - 1 - p);
      }
    } else {
      let maxWanted = 0;
      if (anyWanted) {
        for (let j = 0; j < prep.expertDisciplineCount[e]; j++) {
          maxWanted = Math.max(maxWanted, w.wantedPoints[Math.min(j, w.wantedPoints.length - 1)]);
        }
      }
      const order = table.order;
      for (let ci = 0; ci < order.length; ci++) {
        const c = order[ci];
        if (zero[c]) continue;
        const classBase = base + fit[c] + maxWanted;
        // Classes come by fit descending: once even a pair at distance 0 cannot beat the K-th, stop.
        if (n === heapCap && (classBase + w.distancePoints) * P + (P - 1) < buf[0]) break;
        const cs = scorer.classStart[c];
        const ce = scorer.classStart[c + 1];
        for (let k = cs; k < ce; k++) {
          const p = loc ? loc.order[k] : scorer.classProject[k];
          const dp = distance[p];
          // With a location table, projects come nearest first: the rest of the class cannot do better.
          if (loc && n === heapCap && (classBase + Math.max(0, dp)) * P + (P - 1) < buf[0]) break;
          if (stamp[p] === mark || dp < 0) continue;
          if (hasForbidden && prep.forbidden.has(forbidBase + p)) continue;
          let v = base + fit[c] + dp;
          if (anyWanted && wantedStart[p] !== wantedStart[p + 1]) v += scorer.wantedPart(e, p);
          n = pushTop(buf, n, heapCap, v * P + (P - 1 - p));
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
        if (n >= buf.length) {
          const grown = new Float64Array(n * 2);
          grown.set(buf);
          buf = grown;
        }
        buf[n++] = scorer.weight(e, p) * P + (P - 1 - p);
      }
    }

    return n;
  };

  for (let e = 0; e < E; e++) {
    const n = scoreExpert(e);
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
  return { start, project: project.subarray(0, count), weight: weight.subarray(0, count), count, maxWeight };
}

/** Appends a key (no limit). */
function pushAll(buf: Float64Array, n: number, g: number): number {
  buf[n] = g;
  return n + 1;
}

/** Offers a key to a min-heap holding the `cap` largest keys; returns the new size. */
function pushTop(buf: Float64Array, n: number, cap: number, g: number): number {
  if (n < cap) {
    let i = n;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (buf[parent] <= g) break;
      buf[i] = buf[parent];
      i = parent;
    }
    buf[i] = g;
    return n + 1;
  }
  if (g <= buf[0]) return n;
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
  return n;
}

/** Distance parts from expert e's location to every project (-1 beyond maxDistanceKm). */
function fillDistances(scorer: Scorer, e: number, maxDist: number | null, out: Int16Array): void {
  const prep = scorer.prep;
  for (let p = 0; p < prep.projectCount; p++) {
    const c2 = chord2(prep.expertUnit, e * 3, prep.projectUnit, p * 3);
    if (maxDist !== null && scorer.kmOfChord2(c2) > maxDist) out[p] = -1;
    else out[p] = scorer.distancePart(c2);
  }
}

function buildLocationTable(scorer: Scorer, e: number, maxDist: number | null): LocationTable {
  const P = scorer.prep.projectCount;
  const distance = new Int16Array(P);
  fillDistances(scorer, e, maxDist, distance);
  const order = Int32Array.from(scorer.classProject);
  for (let c = 0; c < scorer.classCount; c++) {
    order.subarray(scorer.classStart[c], scorer.classStart[c + 1]).sort((a, b) => distance[b] - distance[a] || a - b);
  }
  return { distance, order };
}

function growInt(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a.subarray(0, Math.min(a.length, size)));
  return b;
}
