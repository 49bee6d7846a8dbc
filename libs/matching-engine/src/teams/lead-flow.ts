/**
 * With every project's lead university chosen, the one-university problem is a flow problem again: keep only
 * the pairs whose expert is of the project's lead and solve them with the optimal strategy's exact solver.
 */
import type { CandidatePairs } from '../eligibility/candidate-pairs';
import type { PreparedInstance } from '../model/prepared-instance';
import type { FlowInstance } from '../optimal/matching-network';
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
  /** The flow's capacity prices of the part's experts (absent for a part of pins only). */
  experts?: Int32Array;
  prices?: Float64Array;
}

/** A university's experts with the capacity prices of its part's flow (the others' price is 0). */
export interface PartPrices {
  experts: Int32Array;
  prices: Float64Array;
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
  /** Each university's experts, ascending. */
  private readonly expertsOf: Int32Array[];
  /** Scratch of a part: local index per project and per expert (-1 outside the part). */
  private readonly localProject: Int32Array;
  private readonly localExpert: Int32Array;
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
    const byUniversity: number[][] = Array.from({ length: groups.U }, () => []);
    for (let e = 0; e < E; e++) byUniversity[prep.expertUniversity[e]].push(e);
    this.expertsOf = byUniversity.map((experts) => Int32Array.from(experts));
    this.localProject = new Int32Array(P).fill(-1);
    this.localExpert = new Int32Array(E).fill(-1);
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

  /** The capacity prices of u's part for `projects` (solved already), or null for a part of pins only. */
  partPrices(u: number, projects: readonly number[]): PartPrices | null {
    const part = this.part(u, projects);
    return part.experts && part.prices ? { experts: part.experts, prices: part.prices } : null;
  }

  /** Value (big * coverage + weight) of university u leading exactly `projects` (ascending). */
  partValue(u: number, projects: readonly number[]): number {
    const part = this.part(u, projects);
    return this.big * part.coverage + part.weight;
  }

  /** partValue when that part was solved already (remembered), else undefined: no flow solve. */
  knownPartValue(u: number, projects: readonly number[]): number | undefined {
    if (projects.length === 0 || this.frozen[u] === 1) return this.partValue(u, projects);
    const part = this.parts.get(partKey(u, projects));
    return part && this.big * part.coverage + part.weight;
  }

  private part(u: number, projects: readonly number[]): UniversityPart {
    if (projects.length === 0) return { chosen: new Int32Array(0), coverage: 0, weight: 0 };
    if (this.frozen[u] === 1) return this.pinsOnly(projects);
    const key = partKey(u, projects);
    const known = this.parts.get(key);
    if (known) return known;
    const { prep, pairs } = this;
    const P = prep.projectCount;
    const { chosen, experts, prices } = this.solveCompact(u, projects);
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
    const part = { chosen, coverage, weight, experts, prices };
    if (this.parts.size >= this.maxParts) this.parts.clear();
    this.parts.set(key, part);
    return part;
  }

  /**
   * The flow of university u leading `projects`, solved on a compact instance of just those projects and the
   * experts with pairs there: the flow's set-up is then as small as the part (the full instance's would cost a
   * pass over every expert, project and discipline group per solve). Projects, experts and each expert's pairs
   * keep their relative order, so the solver makes the same choices as on the full instance. Returns the chosen
   * pair indices (into the candidate pairs, ascending).
   */
  private solveCompact(u: number, projects: readonly number[]): { chosen: Int32Array; experts: Int32Array; prices: Float64Array } {
    const { prep, groups, localProject, localExpert } = this;
    const U = groups.U;
    const m = projects.length;
    const slotMin = new Int32Array(2 * m);
    const slotMax = new Int32Array(2 * m);
    let n = 0;
    for (let j = 0; j < m; j++) {
      const p = projects[j];
      localProject[p] = j;
      slotMin[2 * j] = prep.slotMin[2 * p];
      slotMin[2 * j + 1] = prep.slotMin[2 * p + 1];
      slotMax[2 * j] = prep.slotMax[2 * p];
      slotMax[2 * j + 1] = prep.slotMax[2 * p + 1];
      n += groups.start[(p * U + u) * 2 + 2] - groups.start[(p * U + u) * 2];
    }
    // Pairs per expert (counted by global expert first, then the experts with any numbered in ascending order).
    const perExpert = localExpert;
    for (let j = 0; j < m; j++) {
      const g = (projects[j] * U + u) * 2;
      for (let k = groups.start[g]; k < groups.start[g + 2]; k++) {
        const e = groups.expert[k];
        perExpert[e] = perExpert[e] < 0 ? 1 : perExpert[e] + 1;
      }
    }
    const universityExperts = this.expertsOf[u];
    let ne = 0;
    for (const e of universityExperts) if (perExpert[e] > 0) ne++;
    const start = new Int32Array(ne + 1);
    const experts = new Int32Array(ne);
    ne = 0;
    for (const e of universityExperts) {
      if (perExpert[e] <= 0) continue;
      experts[ne] = e;
      start[ne + 1] = start[ne] + perExpert[e];
      localExpert[e] = ne++;
    }
    // Each expert's pairs in candidate order (pair index ascending): projects come ascending, a few per expert.
    const original = new Int32Array(n);
    const project = new Int32Array(n);
    const weight = new Int32Array(n);
    const fill = start.slice(0, ne);
    for (let j = 0; j < m; j++) {
      const g = (projects[j] * U + u) * 2;
      for (let k = groups.start[g]; k < groups.start[g + 2]; k++) {
        const x = localExpert[groups.expert[k]];
        const i = groups.pair[k];
        let at = fill[x]++;
        while (at > start[x] && original[at - 1] > i) {
          original[at] = original[at - 1];
          project[at] = project[at - 1];
          weight[at] = weight[at - 1];
          at--;
        }
        original[at] = i;
        project[at] = j;
        weight[at] = groups.weight[k];
      }
    }
    const expertCapacity = new Int32Array(ne);
    const expertKind = new Uint8Array(ne);
    const expertDisciplines = new Int32Array(3 * ne);
    for (let x = 0; x < ne; x++) {
      const e = experts[x];
      expertCapacity[x] = prep.expertCapacity[e];
      expertKind[x] = prep.expertKind[e];
      expertDisciplines.set(prep.expertDisciplines.subarray(3 * e, 3 * e + 3), 3 * x);
    }
    // Pins inside the part stay pins; those of its experts elsewhere only take capacity.
    const pinExpert: number[] = [];
    const pinProject: number[] = [];
    for (let j = 0; j < prep.pinExpert.length; j++) {
      const x = localExpert[prep.pinExpert[j]];
      if (x < 0) continue;
      const q = localProject[prep.pinProject[j]];
      if (q >= 0) {
        pinExpert.push(x);
        pinProject.push(q);
      } else expertCapacity[x]--;
    }
    const compact: FlowInstance = {
      projectCount: m,
      expertCount: ne,
      slotMin,
      slotMax,
      expertCapacity,
      expertKind,
      expertDisciplines,
      disciplines: prep.disciplines,
      maxPerDiscipline: prep.maxPerDiscipline,
      pinExpert: Int32Array.from(pinExpert),
      pinProject: Int32Array.from(pinProject),
    };
    const { pairIndices, expertPrices } = solveOptimal(compact, { start, project, weight, count: n }, { expertPrices: true });
    this.solves++;
    this.pairsSolved += n;
    for (const p of projects) localProject[p] = -1;
    for (let x = 0; x < ne; x++) localExpert[experts[x]] = -1;
    const chosen = new Int32Array(pairIndices.length);
    for (let j = 0; j < pairIndices.length; j++) chosen[j] = original[pairIndices[j]];
    return { chosen, experts, prices: expertPrices! };
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

/** The key a part is remembered by: its university and its projects (ascending). */
function partKey(u: number, projects: readonly number[]): string {
  return `${u}:${projects.join(',')}`;
}
