/**
 * Eligible pairs per expert, best first (weight descending, ties: smaller project index). With a candidate limit
 * K only each expert's K best are kept, without materialising the expert x project product: issue-type classes
 * are scanned from the best fit down and, within a class, projects from the nearest down, stopping as soon as
 * nothing left can beat the K-th best. Experts of one campus share a location, so distance parts and the
 * distance order of projects are computed once per location; experts of one campus with the same ordered
 * disciplines share their list too. Pinned pairs are always added.
 */
import { chord2 } from '../scoring/geo';
import type { Scorer } from '../scoring/scorer';

/** Eligible pairs in CSR form by expert; within an expert, weight descending then project ascending. */
export interface CandidatePairs {
  readonly start: Int32Array;
  readonly project: Int32Array;
  readonly weight: Int32Array;
  readonly count: number;
}

/** Distance parts from one location to every project (-1: beyond maxDistanceKm); per issue-type class, the
 *  class's projects ordered by distance part descending (ties: project ascending); and the same order for the
 *  projects of a class that want a discipline (CSR by key class * disciplineCount + discipline). */
interface LocationTable {
  distance: Int16Array;
  order: Int32Array;
  wantedStart: Int32Array;
  wantedList: Int32Array;
}

/** Computes every expert's eligible pairs (or its K best when the instance sets candidateLimitPerExpert). */
export function buildCandidatePairs(scorer: Scorer): CandidatePairs {
  return new CandidateBuilder(scorer).build();
}

/**
 * The candidate pairs of an instance that differs from an earlier one only in pins and forbidden pairs: lists of
 * experts whose forbidden pairs did not change are taken from `pinFree` (that instance's lists without pins),
 * the others are recomputed; the new pins are added. Returns the new lists and their pin-free version.
 */
export function rebuildCandidatePairs(
  scorer: Scorer,
  pinFree: CandidatePairs,
  forbiddenChanged: (e: number) => boolean,
): { pairs: CandidatePairs; pinFree: CandidatePairs } {
  const builder = new CandidateBuilder(scorer);
  const free = builder.rebuild(pinFree, forbiddenChanged, false);
  return { pairs: builder.rebuild(free, () => false, true), pinFree: free };
}

/** Keys order pairs of one expert: weight * P + (P - 1 - project), larger is better (exact in float64). */
class CandidateBuilder {
  private readonly P: number;
  private readonly K: number | null;
  private readonly heapCap: number;
  private readonly useTables: boolean;
  private readonly ownDistance: Int16Array;
  private readonly stamp: Int32Array;
  private readonly anyWanted: boolean;
  private buf: Float64Array;
  private n = 0;
  private readonly shared = new Map<number, Float64Array>();
  /** Whether buf holds its keys in ascending order (nothing to sort). */
  private sorted = false;
  private scratch: Float64Array = new Float64Array(0);
  // The expert being scored.
  private e = 0;
  private mark = 0;
  private fit: Int32Array = new Int32Array(0);
  private distance: Int16Array = new Int16Array(0);
  private forbidden = false;

  constructor(private readonly scorer: Scorer) {
    const prep = scorer.prep;
    this.P = prep.projectCount;
    this.K = prep.candidateLimit;
    this.heapCap = this.K === null ? 0 : Math.min(this.K, this.P);
    // Location tables unless locations are nearly all distinct (then each expert computes its own distances).
    this.useTables = prep.locationCount * 4 <= prep.expertCount || prep.locationCount * this.P <= 4_000_000;
    this.ownDistance = new Int16Array(this.useTables ? 0 : this.P);
    this.stamp = new Int32Array(this.P);
    this.anyWanted = prep.wantedDiscipline.length > 0;
    this.buf = new Float64Array((this.K === null ? this.P : this.heapCap) + 64);
  }

  /** Every expert's list, pins included. */
  build(): CandidatePairs {
    return this.assemble((e) => {
      this.collect(e);
      return null;
    }, true);
  }

  /**
   * Lists from `reuse` (pin-free lists of the same experts and projects) except for experts where `recompute`
   * says so; pins of the current instance are added when `withPins`.
   */
  rebuild(reuse: CandidatePairs, recompute: (e: number) => boolean, withPins: boolean): CandidatePairs {
    return this.assemble((e) => {
      if (recompute(e)) {
        this.collect(e);
        return null;
      }
      return reuse;
    }, withPins);
  }

  /** Collects each expert's keys (or takes its list from a pin-free source), adds pins, writes the CSR. Lists
   *  taken unchanged are copied in runs (one copy for many experts). */
  private assemble(source: (e: number) => CandidatePairs | null, withPins: boolean): CandidatePairs {
    const { scorer, P, K } = this;
    const prep = scorer.prep;
    const E = prep.expertCount;
    const pinStart = new Int32Array(E + 1);
    if (withPins) {
      for (let i = 0; i < prep.pinExpert.length; i++) pinStart[prep.pinExpert[i] + 1]++;
      for (let e = 0; e < E; e++) pinStart[e + 1] += pinStart[e];
    }
    const perExpert = (K === null ? P : this.heapCap) + 8;
    let capacity = Math.max(16, Math.min(E * perExpert + prep.pinExpert.length, 1 << 24));
    let project: Int32Array = new Int32Array(capacity);
    let weight: Int32Array = new Int32Array(capacity);
    const start = new Int32Array(E + 1);
    let count = 0;
    const ensure = (extra: number): void => {
      if (count + extra <= capacity) return;
      capacity = Math.max(count + extra, capacity * 2);
      project = growInt(project, capacity);
      weight = growInt(weight, capacity);
    };
    // A pending run of unchanged lists: source and its first expert.
    let runSource: CandidatePairs | null = null;
    let runFrom = 0;
    const flush = (upTo: number): void => {
      if (!runSource) return;
      const a = runSource.start[runFrom];
      const b = runSource.start[upTo];
      ensure(b - a);
      project.set(runSource.project.subarray(a, b), count);
      weight.set(runSource.weight.subarray(a, b), count);
      for (let e = runFrom; e < upTo; e++) start[e + 1] = count + runSource.start[e + 1] - a;
      count += b - a;
      runSource = null;
    };
    for (let e = 0; e < E; e++) {
      const from = source(e);
      if (from && !this.missingPins(e, from, pinStart)) {
        if (runSource !== from) {
          flush(e);
          runSource = from;
          runFrom = e;
        }
        continue;
      }
      flush(e);
      if (from) {
        this.n = 0;
        this.sorted = false;
        for (let i = from.start[e]; i < from.start[e + 1]; i++) this.append(from.weight[i] * P + (P - 1 - from.project[i]));
      }
      // Pinned pairs are always eligible.
      const before = this.n;
      for (let k = pinStart[e]; k < pinStart[e + 1]; k++) {
        const p = prep.pinProject[k];
        let present = false;
        for (let i = 0; i < this.n; i++) {
          if (P - 1 - (this.buf[i] % P) === p) {
            present = true;
            break;
          }
        }
        if (!present) this.append(scorer.weight(e, p) * P + (P - 1 - p));
      }
      const n = this.n;
      // Keys ascending (a shared list without preferences already is, unless pins were appended).
      const keys = this.sorted && n === before ? this.buf.subarray(0, n) : this.buf.subarray(0, n).sort();
      ensure(n);
      count = writeKeysDescending(keys, P, project, weight, count);
      start[e + 1] = count;
    }
    flush(E);
    return { start, project: project.subarray(0, count), weight: weight.subarray(0, count), count };
  }

  /** Whether some pin of e is missing from e's list in `from`. Without a candidate limit a list holds every
   *  normally eligible pair, so eligibility answers; with one, the (short) list is searched. */
  private missingPins(e: number, from: CandidatePairs, pinStart: Int32Array): boolean {
    const prep = this.scorer.prep;
    for (let k = pinStart[e]; k < pinStart[e + 1]; k++) {
      const p = prep.pinProject[k];
      if (this.K === null) {
        if (!this.scorer.isNormallyEligible(e, p)) return true;
        continue;
      }
      let found = false;
      for (let i = from.start[e]; i < from.start[e + 1] && !found; i++) found = from.project[i] === p;
      if (!found) return true;
    }
    return false;
  }

  /**
   * Expert e's eligible keys (or its K best) into buf[0..n), pins aside. Experts of one campus with the same
   * ordered disciplines, no stated preference and no forbidden pair have the same K best pairs, computed once.
   * Preferences only raise their own projects, so an expert's K best are the K best of that shared list and its
   * eligible preferences.
   */
  private collect(e: number): void {
    const { scorer, P } = this;
    const prep = scorer.prep;
    this.sorted = false;
    if (prep.forbiddenPerExpert[e] > 0) {
      this.score(e, true);
      return;
    }
    const key = scorer.disciplineKey(e) * (prep.locationCount + 1) + prep.expertLocation[e];
    let list = this.shared.get(key);
    if (!list) {
      this.score(e, false);
      list = Float64Array.from(this.buf.subarray(0, this.n));
      // Without a limit the keys came projects ascending: a counting sort by weight orders them.
      if (this.K === null) sortKeysOfProjectsAscending(list, P);
      else list.sort();
      this.shared.set(key, list);
    }
    if (prep.preferenceStart[e] === prep.preferenceStart[e + 1]) {
      this.buf.set(list);
      this.n = list.length;
      this.sorted = true;
      return;
    }
    this.scorePreferences(e);
    const stated = this.n;
    for (let i = 0; i < list.length; i++) {
      const p = P - 1 - (list[i] % P);
      if (this.stamp[p] !== this.mark) this.offerKey(list[i]);
    }
    if (this.K === null) {
      // buf holds the stated projects' keys, then the shared list's others (ascending): merge the two runs.
      this.buf.subarray(0, stated).sort();
      this.scratch = mergeRuns(this.buf, stated, this.n, this.scratch);
      this.sorted = true;
    }
  }

  /** Sets the current expert (fit and distance tables) and clears its candidates. */
  private begin(e: number): void {
    const prep = this.scorer.prep;
    this.e = e;
    // A fresh mark per pass, so projects seen in an earlier pass for the same expert count as unseen.
    this.mark++;
    this.n = 0;
    this.fit = this.scorer.fitTable(e).fit;
    this.forbidden = prep.forbiddenPerExpert[e] > 0;
    if (this.useTables) this.distance = this.table(prep.expertLocation[e], e).distance;
    else {
      fillDistances(this.scorer, e, prep.maxDistanceKm, this.ownDistance);
      this.distance = this.ownDistance;
    }
  }

  private table(location: number, e: number): LocationTable {
    // Cached on the scorer, so contexts derived for re-matching share them.
    const tables = this.scorer.locationCache as Array<LocationTable | undefined>;
    let t = tables[location];
    if (!t) {
      t = buildLocationTable(this.scorer, e, this.scorer.prep.maxDistanceKm);
      tables[location] = t;
    }
    return t;
  }

  private append(key: number): void {
    if (this.n >= this.buf.length) {
      const grown = new Float64Array(this.buf.length * 2);
      grown.set(this.buf);
      this.buf = grown;
    }
    this.buf[this.n++] = key;
  }

  /** Offers a key: appended without a limit, kept among the K best with one. */
  private offerKey(key: number): void {
    if (this.K === null) this.append(key);
    else this.n = pushTop(this.buf, this.n, this.heapCap, key);
  }

  /** Stated preferences of e (eligible ones, with their rank bonus); marks them as seen. */
  private scorePreferences(e: number): void {
    this.begin(e);
    const { scorer, P } = this;
    const prep = scorer.prep;
    const zero = scorer.fitTable(e).zero;
    for (let k = prep.preferenceStart[e]; k < prep.preferenceStart[e + 1]; k++) {
      const p = prep.preferenceProject[k];
      if (this.stamp[p] === this.mark) continue;
      this.stamp[p] = this.mark;
      if (zero[scorer.projectClass[p]] || this.distance[p] < 0) continue;
      if (this.forbidden && prep.forbidden.has(e * P + p)) continue;
      let v = scorer.weights.base + this.fit[scorer.projectClass[p]] + this.distance[p];
      v += scorer.preferencePart(k - prep.preferenceStart[e]);
      if (this.anyWanted && prep.wantedStart[p] !== prep.wantedStart[p + 1]) v += scorer.wantedPart(e, p);
      this.offerKey(v * P + (P - 1 - p));
    }
  }

  /** All of e's candidates (or its K best) into buf[0..n). */
  private score(e: number, withPreferences: boolean): void {
    if (withPreferences) this.scorePreferences(e);
    else this.begin(e);
    const { scorer, P, K } = this;
    const prep = scorer.prep;
    const table = scorer.fitTable(e);
    const zero = table.zero;
    if (K === null) {
      for (let p = 0; p < P; p++) this.offer(p, scorer.projectClass[p], zero);
      return;
    }
    const w = scorer.weights;
    const base = w.base;
    const fit = this.fit;
    let maxWanted = 0;
    const nd = prep.expertDisciplineCount[e];
    if (this.anyWanted) for (let j = 0; j < nd; j++) maxWanted = Math.max(maxWanted, factor(w.wantedPoints, j));
    const loc = this.useTables ? this.table(prep.expertLocation[e], e) : null;
    const disciplineCount = prep.disciplines.length;
    const order = table.order;
    for (let ci = 0; ci < order.length; ci++) {
      const c = order[ci];
      if (zero[c]) continue;
      // Classes come by fit descending: once even a pair at distance 0 cannot beat the K-th, stop.
      if (this.full() && (base + fit[c] + maxWanted + w.distancePoints) * P + (P - 1) < this.buf[0]) break;
      const cs = scorer.classStart[c];
      const ce = scorer.classStart[c + 1];
      if (!loc) {
        for (let k = cs; k < ce; k++) this.offer(scorer.classProject[k], c, zero);
        continue;
      }
      // Nearest first, without the wanted bonus: stop once the bound falls behind the K-th best. Projects that
      // want one of the expert's disciplines are scanned from their own lists with that bonus added.
      this.scan(loc.order, cs, ce, c, base + fit[c], zero);
      if (!this.anyWanted) continue;
      for (let j = 0; j < nd; j++) {
        const key = c * disciplineCount + prep.expertDisciplines[e * 3 + j];
        const from = loc.wantedStart[key];
        const to = loc.wantedStart[key + 1];
        if (from < to) this.scan(loc.wantedList, from, to, c, base + fit[c] + factor(w.wantedPoints, j), zero);
      }
    }
  }

  private full(): boolean {
    return this.n === this.heapCap;
  }

  /** Scans list[from..to) (distance descending) while `bound + distance` can still beat the K-th best. */
  private scan(list: Int32Array, from: number, to: number, c: number, bound: number, zero: Uint8Array): void {
    const P = this.P;
    const distance = this.distance;
    for (let k = from; k < to; k++) {
      const p = list[k];
      if (this.n === this.heapCap && (bound + Math.max(0, distance[p])) * P + (P - 1) < this.buf[0]) break;
      this.offer(p, c, zero);
    }
  }

  /** Scores project p (of class c) for the current expert and offers it when eligible. */
  private offer(p: number, c: number, zero: Uint8Array): void {
    if (this.stamp[p] === this.mark) return;
    this.stamp[p] = this.mark;
    const dp = this.distance[p];
    if (dp < 0 || zero[c]) return;
    const scorer = this.scorer;
    const prep = scorer.prep;
    const P = this.P;
    if (this.forbidden && prep.forbidden.has(this.e * P + p)) return;
    let v = scorer.weights.base + this.fit[c] + dp;
    if (this.anyWanted && prep.wantedStart[p] !== prep.wantedStart[p + 1]) v += scorer.wantedPart(this.e, p);
    this.offerKey(v * P + (P - 1 - p));
  }
}

/**
 * Sorts the keys (weight * P + (P - 1 - project)) of one expert that were appended projects ascending: a counting
 * sort by weight, placing the keys from the last, so a weight's projects come descending (keys ascending).
 */
function sortKeysOfProjectsAscending(keys: Float64Array, P: number): void {
  const n = keys.length;
  if (n < 2) return;
  const weights = new Int32Array(n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const w = Math.floor(keys[i] / P);
    weights[i] = w;
    if (w < min) min = w;
    if (w > max) max = w;
  }
  const at = new Int32Array(max - min + 2);
  for (let i = 0; i < n; i++) at[weights[i] - min + 1]++;
  for (let v = 0; v <= max - min; v++) at[v + 1] += at[v];
  const copy = keys.slice();
  for (let i = n - 1; i >= 0; i--) keys[at[weights[i] - min]++] = copy[i];
}

/** Merges the ascending runs buf[0..mid) and buf[mid..end) in place; returns the (possibly grown) scratch. */
function mergeRuns(buf: Float64Array, mid: number, end: number, scratch: Float64Array): Float64Array {
  if (mid === 0 || mid === end || buf[mid - 1] <= buf[mid]) return scratch;
  if (scratch.length < mid) scratch = new Float64Array(Math.max(mid, 2 * scratch.length));
  scratch.set(buf.subarray(0, mid));
  let a = 0;
  let b = mid;
  let out = 0;
  while (a < mid && b < end) buf[out++] = scratch[a] <= buf[b] ? scratch[a++] : buf[b++];
  while (a < mid) buf[out++] = scratch[a++];
  return scratch;
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

function factor(list: readonly number[], j: number): number {
  return list[Math.min(j, list.length - 1)];
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
  const prep = scorer.prep;
  const P = prep.projectCount;
  const distance = new Int16Array(P);
  fillDistances(scorer, e, maxDist, distance);
  // The orders serve only the search for the K best; without a limit every project is scored.
  if (prep.candidateLimit === null) return { distance, order: new Int32Array(0), wantedStart: new Int32Array(0), wantedList: new Int32Array(0) };
  const byDistance = (a: number, b: number): number => distance[b] - distance[a] || a - b;
  const order = Int32Array.from(scorer.classProject);
  for (let c = 0; c < scorer.classCount; c++) {
    if (scorer.classStart[c + 1] - scorer.classStart[c] > 1) order.subarray(scorer.classStart[c], scorer.classStart[c + 1]).sort(byDistance);
  }
  // Wanted lists in CSR form by key class * disciplineCount + discipline.
  const nD = prep.disciplines.length;
  const keys = scorer.classCount * nD;
  const wantedStart = new Int32Array(keys + 1);
  for (let p = 0; p < P; p++) {
    for (let k = prep.wantedStart[p]; k < prep.wantedStart[p + 1]; k++) wantedStart[scorer.projectClass[p] * nD + prep.wantedDiscipline[k] + 1]++;
  }
  for (let k = 0; k < keys; k++) wantedStart[k + 1] += wantedStart[k];
  const wantedList = new Int32Array(wantedStart[keys]);
  const fill = wantedStart.slice(0, keys);
  for (let p = 0; p < P; p++) {
    for (let k = prep.wantedStart[p]; k < prep.wantedStart[p + 1]; k++) wantedList[fill[scorer.projectClass[p] * nD + prep.wantedDiscipline[k]]++] = p;
  }
  for (let k = 0; k < keys; k++) if (wantedStart[k + 1] - wantedStart[k] > 1) wantedList.subarray(wantedStart[k], wantedStart[k + 1]).sort(byDistance);
  return { distance, order, wantedStart, wantedList };
}

function growInt(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a.subarray(0, Math.min(a.length, size)));
  return b;
}

/** Writes keys (ascending) as (project, weight) pairs from the best down at `count`; returns the new count. A
 *  small function of its own: optimised early in a fresh process. */
function writeKeysDescending(keys: Float64Array, P: number, project: Int32Array, weight: Int32Array, count: number): number {
  for (let i = keys.length - 1; i >= 0; i--) {
    const g = keys[i];
    const wt = Math.floor(g / P);
    project[count] = P - 1 - (g - wt * P);
    weight[count] = wt;
    count++;
  }
  return count;
}
