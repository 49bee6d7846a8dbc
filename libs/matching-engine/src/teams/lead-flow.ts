/**
 * With every project's lead university chosen, the one-university problem is a flow problem again: keep only
 * the pairs whose expert is of the project's lead and solve them with the optimal strategy's exact solver.
 */
import type { CandidatePairs } from '../eligibility/candidate-pairs';
import type { PreparedInstance } from '../model/prepared-instance';
import { solveOptimal } from '../optimal/optimal-strategy';
import type { TeamGroups } from './university-teams';

/** An exact solution for fixed leads: chosen pair indices (into the full candidate pairs, pins excluded). */
export interface LeadSolution {
  /** Lead university per project (-1: no team). */
  leads: Int32Array;
  chosen: Int32Array;
  coverage: number;
  weight: number;
  /** big * coverage + weight. */
  value: number;
}

/** The candidate pairs allowed by `keep(e, p)`, and the index of each in the original pairs. */
export function restrictPairs(
  prep: PreparedInstance,
  pairs: CandidatePairs,
  keep: (e: number, p: number) => boolean,
): { pairs: CandidatePairs; original: Int32Array } {
  const E = prep.expertCount;
  const start = new Int32Array(E + 1);
  const original: number[] = [];
  for (let e = 0; e < E; e++) {
    for (let i = pairs.start[e]; i < pairs.start[e + 1]; i++) if (keep(e, pairs.project[i])) original.push(i);
    start[e + 1] = original.length;
  }
  const idx = Int32Array.from(original);
  const project = new Int32Array(idx.length);
  const weight = new Int32Array(idx.length);
  for (let j = 0; j < idx.length; j++) {
    project[j] = pairs.project[idx[j]];
    weight[j] = pairs.weight[idx[j]];
  }
  return { pairs: { start, project, weight, count: idx.length }, original: idx };
}

/** One university's part of a solution: its experts on the projects it leads. */
interface UniversityPart {
  chosen: Int32Array;
  coverage: number;
  weight: number;
}

/**
 * Solves the flow for given leads exactly, many times over one instance. With leads fixed the problem splits by
 * university (a university's experts serve only the projects it leads), so each university's part is solved on
 * its own and remembered by its set of projects: a search that moves one project re-solves two small parts.
 */
export class LeadFlowSolver {
  private readonly expertOf: Int32Array;
  /** Pinned members per (project, kind), and the pins' weight per project. */
  private readonly pinKindCount: Int32Array;
  private readonly pinWeight: Float64Array;
  private readonly parts = new Map<string, UniversityPart>();
  private readonly maxParts: number;
  /** Flow solves so far, and the pairs they were given in all (figures of the search, and its budget). */
  solves = 0;
  pairsSolved = 0;
  readonly big: number;

  constructor(
    private readonly prep: PreparedInstance,
    private readonly pairs: CandidatePairs,
    private readonly groups: TeamGroups,
    /** Per university: 1 when its part is its pins only (no flow). */
    private readonly frozen: Uint8Array = new Uint8Array(groups.U),
  ) {
    this.big = groups.big;
    const P = prep.projectCount;
    const E = prep.expertCount;
    this.expertOf = new Int32Array(pairs.count);
    for (let e = 0; e < E; e++) this.expertOf.fill(e, pairs.start[e], pairs.start[e + 1]);
    this.pinKindCount = new Int32Array(2 * P);
    this.pinWeight = new Float64Array(P);
    for (let j = 0; j < groups.pinned.length; j++) {
      if (groups.pinned[j] === 0) continue;
      const i = groups.pair[j];
      this.pinKindCount[pairs.project[i] * 2 + prep.expertKind[groups.expert[j]]]++;
      this.pinWeight[pairs.project[i]] += pairs.weight[i];
    }
    // Remembered parts hold at most about 50 M chosen indices in all.
    this.maxParts = Math.max(1000, Math.floor(5e7 / Math.max(1, E)));
  }

  /** The best solution in which project p may only have experts of leads[p] (negative: none). */
  solve(leads: Int32Array): LeadSolution {
    const U = this.prep.universityIds.length;
    const byUniversity: number[][] = Array.from({ length: U }, () => []);
    for (let p = 0; p < leads.length; p++) if (leads[p] >= 0) byUniversity[leads[p]].push(p);
    const parts = byUniversity.map((projects, u) => this.part(u, projects));
    let n = 0;
    let coverage = 0;
    let weight = 0;
    for (const part of parts) {
      n += part.chosen.length;
      coverage += part.coverage;
      weight += part.weight;
    }
    const chosen = new Int32Array(n);
    n = 0;
    for (const part of parts) {
      chosen.set(part.chosen, n);
      n += part.chosen.length;
    }
    chosen.sort();
    const normal = Int32Array.from(leads, (u) => (u < 0 ? -1 : u));
    return { leads: normal, chosen, coverage, weight, value: this.big * coverage + weight };
  }

  /** Value (big * coverage + weight) of university u leading exactly `projects` (ascending). */
  partValue(u: number, projects: readonly number[]): number {
    const part = this.part(u, projects);
    return this.big * part.coverage + part.weight;
  }

  private part(u: number, projects: readonly number[]): UniversityPart {
    if (projects.length === 0) return { chosen: new Int32Array(0), coverage: 0, weight: 0 };
    if (this.frozen[u] === 1) return this.pinsOnly(projects);
    const key = `${u}:${projects.join(',')}`;
    const known = this.parts.get(key);
    if (known) return known;
    const { prep, pairs, groups } = this;
    const P = prep.projectCount;
    const E = prep.expertCount;
    const U = groups.U;
    // The part's pairs come from the (project, university, kind) groups; sorted by index they keep the candidate
    // pairs' order (by expert, best first), which the flow solver relies on.
    let n = 0;
    for (const p of projects) n += groups.start[(p * U + u) * 2 + 2] - groups.start[(p * U + u) * 2];
    const idx = new Int32Array(n);
    n = 0;
    for (const p of projects) {
      const g = (p * U + u) * 2;
      idx.set(groups.pair.subarray(groups.start[g], groups.start[g + 2]), n);
      n += groups.start[g + 2] - groups.start[g];
    }
    idx.sort();
    const start = new Int32Array(E + 1);
    for (let j = 0; j < n; j++) start[this.expertOf[idx[j]] + 1]++;
    for (let e = 0; e < E; e++) start[e + 1] += start[e];
    const project = new Int32Array(n);
    const weights = new Int32Array(n);
    for (let j = 0; j < n; j++) {
      project[j] = pairs.project[idx[j]];
      weights[j] = pairs.weight[idx[j]];
    }
    const { pairIndices } = solveOptimal(prep, { start, project, weight: weights, count: n });
    this.solves++;
    this.pairsSolved += n;
    const chosen = new Int32Array(pairIndices.length);
    for (let j = 0; j < pairIndices.length; j++) chosen[j] = idx[pairIndices[j]];
    const kindCount = new Int32Array(2 * P);
    let weight = 0;
    for (const p of projects) {
      kindCount[p * 2] = this.pinKindCount[p * 2];
      kindCount[p * 2 + 1] = this.pinKindCount[p * 2 + 1];
      weight += this.pinWeight[p];
    }
    for (const i of chosen) {
      kindCount[pairs.project[i] * 2 + prep.expertKind[this.expertOf[i]]]++;
      weight += pairs.weight[i];
    }
    let coverage = 0;
    for (const p of projects) coverage += Math.min(kindCount[p * 2], prep.slotMin[p * 2]) + Math.min(kindCount[p * 2 + 1], prep.slotMin[p * 2 + 1]);
    const part = { chosen, coverage, weight };
    if (this.parts.size >= this.maxParts) this.parts.clear();
    this.parts.set(key, part);
    return part;
  }

  /** A part of pinned members only. */
  private pinsOnly(projects: readonly number[]): UniversityPart {
    const { prep } = this;
    let coverage = 0;
    let weight = 0;
    for (const p of projects) {
      coverage += Math.min(this.pinKindCount[p * 2], prep.slotMin[p * 2]) + Math.min(this.pinKindCount[p * 2 + 1], prep.slotMin[p * 2 + 1]);
      weight += this.pinWeight[p];
    }
    return { chosen: new Int32Array(0), coverage, weight };
  }

  /** Coverage and weight of chosen pairs plus the instance's pins. */
  objectiveOf(chosen: Int32Array): { coverage: number; weight: number } {
    const { prep, pairs, expertOf } = this;
    const kindCount = Int32Array.from(this.pinKindCount);
    let weight = 0;
    for (const w of this.pinWeight) weight += w;
    for (const i of chosen) {
      kindCount[pairs.project[i] * 2 + prep.expertKind[expertOf[i]]]++;
      weight += pairs.weight[i];
    }
    let coverage = 0;
    for (let pk = 0; pk < kindCount.length; pk++) coverage += Math.min(kindCount[pk], prep.slotMin[pk]);
    return { coverage, weight };
  }

  /** The expert of pair i. */
  expertOfPair(i: number): number {
    return this.expertOf[i];
  }
}
