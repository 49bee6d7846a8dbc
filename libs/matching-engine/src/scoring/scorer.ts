/**
 * The weight of an (expert, project) pair: integer parts that sum to the weight (docs/matching.md).
 *   base + affinity + distance + preference + wantedDiscipline
 * affinity   = max over issue position i and discipline position j of
 *              floor(fitPoints * a(issue_i, discipline_j) * issueFactor_i * disciplineFactor_j / 100^3)
 * distance   = floor(distancePoints * (range - km) / range) when km < range, else 0
 * preference = max(preferenceMin, preferenceTop - rank * preferenceStep) for a stated preference, else 0
 * wanted     = max wantedPoints_j over the expert's disciplines j that the project wants, else 0
 * A pair is of zero fit when a(issue_i, discipline_j) = 0 for every i, j; such a pair is ineligible.
 */
import type { AssignmentExplanation, WeightParts } from '@civic/contracts';
import { DEFAULT_SCORING_WEIGHTS, type AffinityFn, type ScoringOptions, type ScoringWeights } from '../model/engine-options';
import type { PreparedInstance } from '../model/prepared-instance';
import { chord2, chord2ToKm } from './geo';

/** Full scoring of one pair, for explanations and checks. */
export interface PairScore {
  weight: number;
  parts: WeightParts;
  issueType: string;
  discipline: string;
  zeroFit: boolean;
  distanceKm: number;
}

/** Per discipline-tuple tables: fit and zero-fit flag per project issue class, and classes by fit descending. */
interface FitTable {
  fit: Int32Array;
  zero: Uint8Array;
  order: Int32Array;
}

/** Scores pairs of one prepared instance; create once per solve (it caches per discipline tuple). */
export class Scorer {
  readonly weights: Readonly<ScoringWeights>;
  /** Affinity 0..100 per (issue type id, discipline id), row-major by issue type. */
  readonly affinity: Int32Array;
  /** Issue-type class per project (projects with the same ordered issue types share a class). */
  readonly projectClass: Int32Array;
  readonly classCount: number;
  /** Projects of each class (CSR, ascending project index). */
  readonly classStart: Int32Array;
  readonly classProject: Int32Array;
  private readonly classIssues: Int32Array;
  private readonly classIssueCount: Uint8Array;
  private readonly fitTables = new Map<number, FitTable>();
  /** Per-location tables of the candidate search (owned by eligibility/candidate-pairs.ts). */
  readonly locationCache: unknown[] = [];
  private readonly denominator: number;

  constructor(
    readonly prep: PreparedInstance,
    options: ScoringOptions,
    defaultAffinity: AffinityFn,
  ) {
    const { affinity: affinityFn, ...overrides } = options;
    const weights: ScoringWeights = { ...DEFAULT_SCORING_WEIGHTS };
    for (const [key, value] of Object.entries(overrides)) {
      if (value !== undefined) (weights as unknown as Record<string, unknown>)[key] = value;
    }
    this.weights = weights;
    checkWeights(weights);
    const fn = affinityFn ?? defaultAffinity;
    const nI = prep.issueTypes.length;
    const nD = prep.disciplines.length;
    this.affinity = new Int32Array(nI * nD);
    for (let t = 0; t < nI; t++) {
      for (let d = 0; d < nD; d++) {
        const a = fn(prep.issueTypes[t], prep.disciplines[d]);
        if (!Number.isInteger(a) || a < 0 || a > 100) {
          throw new RangeError(`affinity(${prep.issueTypes[t]}, ${prep.disciplines[d]}) = ${a}: must be an integer 0..100`);
        }
        this.affinity[t * nD + d] = a;
      }
    }
    this.denominator = 100 * 100 * 100;

    // Issue-type classes: the fit of an expert depends on a project only through its ordered issue types.
    const P = prep.projectCount;
    const classOf = new Map<string, number>();
    const projectClass = new Int32Array(P);
    const issues: number[] = [];
    const counts: number[] = [];
    for (let p = 0; p < P; p++) {
      const n = prep.projectIssueCount[p];
      const key = `${prep.projectIssues[p * 3]},${n > 1 ? prep.projectIssues[p * 3 + 1] : -1},${n > 2 ? prep.projectIssues[p * 3 + 2] : -1}`;
      let c = classOf.get(key);
      if (c === undefined) {
        c = classOf.size;
        classOf.set(key, c);
        for (let i = 0; i < 3; i++) issues.push(i < n ? prep.projectIssues[p * 3 + i] : -1);
        counts.push(n);
      }
      projectClass[p] = c;
    }
    this.projectClass = projectClass;
    this.classCount = classOf.size;
    this.classIssues = Int32Array.from(issues);
    this.classIssueCount = Uint8Array.from(counts);
    this.classStart = new Int32Array(this.classCount + 1);
    for (let p = 0; p < P; p++) this.classStart[projectClass[p] + 1]++;
    for (let c = 0; c < this.classCount; c++) this.classStart[c + 1] += this.classStart[c];
    this.classProject = new Int32Array(P);
    const fill = this.classStart.slice(0, this.classCount);
    for (let p = 0; p < P; p++) this.classProject[fill[projectClass[p]]++] = p;
  }

  /** Fit tables for an expert (shared by experts with the same ordered disciplines). */
  /** The same scorer for another pin and forbidden set of the same projects and experts (shares all tables). */
  withPrep(prep: PreparedInstance): Scorer {
    const copy = Object.create(Scorer.prototype) as Scorer;
    Object.assign(copy, this, { prep });
    return copy;
  }

  /** A number identifying the expert's ordered disciplines (experts with equal keys score alike). */
  disciplineKey(e: number): number {
    const prep = this.prep;
    const nd = prep.expertDisciplineCount[e];
    const m = prep.disciplines.length + 1;
    const d0 = prep.expertDisciplines[e * 3];
    const d1 = nd > 1 ? prep.expertDisciplines[e * 3 + 1] : -1;
    const d2 = nd > 2 ? prep.expertDisciplines[e * 3 + 2] : -1;
    return ((d0 + 1) * m + (d1 + 1)) * m + (d2 + 1);
  }

  fitTable(e: number): FitTable {
    const prep = this.prep;
    const nd = prep.expertDisciplineCount[e];
    const d0 = prep.expertDisciplines[e * 3];
    const d1 = nd > 1 ? prep.expertDisciplines[e * 3 + 1] : -1;
    const d2 = nd > 2 ? prep.expertDisciplines[e * 3 + 2] : -1;
    const key = this.disciplineKey(e);
    let table = this.fitTables.get(key);
    if (table) return table;
    const C = this.classCount;
    const fit = new Int32Array(C);
    const zero = new Uint8Array(C);
    const nD = prep.disciplines.length;
    const nI = prep.issueTypes.length;
    const { issueTypeFactors: IF, disciplineFactors: DF, fitPoints } = this.weights;
    const ds = [d0, d1, d2];
    // best[t * 3 + i]: the best affinity x factors of issue type t at issue position i over the disciplines.
    const best = new Float64Array(nI * 3);
    for (let t = 0; t < nI; t++) {
      for (let i = 0; i < 3; i++) {
        let b = 0;
        for (let j = 0; j < nd; j++) {
          const v = this.affinity[t * nD + ds[j]] * factor(IF, i) * factor(DF, j);
          if (v > b) b = v;
        }
        best[t * 3 + i] = b;
      }
    }
    let maxFit = 0;
    for (let c = 0; c < C; c++) {
      let b = 0;
      for (let i = 0; i < this.classIssueCount[c]; i++) {
        const v = best[this.classIssues[c * 3 + i] * 3 + i];
        if (v > b) b = v;
      }
      zero[c] = b === 0 ? 1 : 0;
      fit[c] = Math.floor((fitPoints * b) / this.denominator);
      if (fit[c] > maxFit) maxFit = fit[c];
    }
    // Classes by fit descending, ties by class index (a counting sort: fits are small integers).
    const bucket = new Int32Array(maxFit + 2);
    for (let c = 0; c < C; c++) bucket[maxFit - fit[c] + 1]++;
    for (let v = 0; v <= maxFit; v++) bucket[v + 1] += bucket[v];
    const order = new Int32Array(C);
    for (let c = 0; c < C; c++) order[bucket[maxFit - fit[c]]++] = c;
    table = { fit, zero, order };
    this.fitTables.set(key, table);
    return table;
  }

  /** Great-circle km of a squared chord (the one formula every distance check uses). */
  kmOfChord2(c2: number): number {
    return chord2ToKm(c2);
  }

  /** Distance part for a squared chord. */
  distancePart(c2: number): number {
    const km = chord2ToKm(c2);
    const { distancePoints, distanceRangeKm } = this.weights;
    return km >= distanceRangeKm ? 0 : Math.floor((distancePoints * (distanceRangeKm - km)) / distanceRangeKm);
  }

  /** Preference part of a stated preference at 0-based rank. */
  preferencePart(rank: number): number {
    const { preferenceTop, preferenceStep, preferenceMin } = this.weights;
    return Math.max(preferenceMin, preferenceTop - rank * preferenceStep);
  }

  /** Bonus when project p wants one of expert e's disciplines. */
  wantedPart(e: number, p: number): number {
    const prep = this.prep;
    const ws = prep.wantedStart[p];
    const we = prep.wantedStart[p + 1];
    if (ws === we) return 0;
    let best = 0;
    const nd = prep.expertDisciplineCount[e];
    for (let j = 0; j < nd; j++) {
      const d = prep.expertDisciplines[e * 3 + j];
      for (let k = ws; k < we; k++) {
        if (prep.wantedDiscipline[k] === d) {
          const v = factor(this.weights.wantedPoints, j);
          if (v > best) best = v;
          break;
        }
      }
    }
    return best;
  }

  /** 0-based rank of p in e's stated preferences, or -1. */
  preferenceRank(e: number, p: number): number {
    const prep = this.prep;
    for (let k = prep.preferenceStart[e]; k < prep.preferenceStart[e + 1]; k++) {
      if (prep.preferenceProject[k] === p) return k - prep.preferenceStart[e];
    }
    return -1;
  }

  /** Whether the pair passes the eligibility rules other than the candidate limit (pins aside). */
  isNormallyEligible(e: number, p: number): boolean {
    const prep = this.prep;
    if (prep.forbiddenPerExpert[e] > 0 && prep.forbidden.has(e * prep.projectCount + p)) return false;
    if (this.fitTable(e).zero[this.projectClass[p]]) return false;
    if (prep.maxDistanceKm !== null && this.distanceKm(e, p) > prep.maxDistanceKm) return false;
    return true;
  }

  /** Great-circle distance between expert e's campus and project p in km. */
  distanceKm(e: number, p: number): number {
    return chord2ToKm(chord2(this.prep.expertUnit, e * 3, this.prep.projectUnit, p * 3));
  }

  /** The weight of a pair, without its breakdown. */
  weight(e: number, p: number): number {
    const table = this.fitTable(e);
    const rank = this.preferenceRank(e, p);
    return (
      this.weights.base +
      table.fit[this.projectClass[p]] +
      this.distancePart(chord2(this.prep.expertUnit, e * 3, this.prep.projectUnit, p * 3)) +
      (rank >= 0 ? this.preferencePart(rank) : 0) +
      this.wantedPart(e, p)
    );
  }

  /** The weight of a pair with its named parts and what matched (best issue type and discipline). */
  score(e: number, p: number): PairScore {
    const prep = this.prep;
    const nD = prep.disciplines.length;
    const { issueTypeFactors: IF, disciplineFactors: DF, fitPoints } = this.weights;
    let best = 0;
    let bi = 0;
    let bj = 0;
    for (let i = 0; i < prep.projectIssueCount[p]; i++) {
      const row = prep.projectIssues[p * 3 + i] * nD;
      for (let j = 0; j < prep.expertDisciplineCount[e]; j++) {
        const v = this.affinity[row + prep.expertDisciplines[e * 3 + j]] * factor(IF, i) * factor(DF, j);
        if (v > best) {
          best = v;
          bi = i;
          bj = j;
        }
      }
    }
    const c2 = chord2(prep.expertUnit, e * 3, prep.projectUnit, p * 3);
    const rank = this.preferenceRank(e, p);
    const parts: WeightParts = {
      base: this.weights.base,
      affinity: Math.floor((fitPoints * best) / this.denominator),
      distance: this.distancePart(c2),
      preference: rank >= 0 ? this.preferencePart(rank) : 0,
      wantedDiscipline: this.wantedPart(e, p),
    };
    const weight = parts.base + parts.affinity + parts.distance + parts.preference + parts.wantedDiscipline;
    return {
      weight,
      parts,
      issueType: prep.issueTypes[prep.projectIssues[p * 3 + bi]],
      discipline: prep.disciplines[prep.expertDisciplines[e * 3 + bj]],
      zeroFit: best === 0,
      distanceKm: chord2ToKm(c2),
    };
  }

  /** The explanation block of an assignment. */
  explain(e: number, p: number): AssignmentExplanation {
    const s = this.score(e, p);
    return { parts: s.parts, issueType: s.issueType, discipline: s.discipline };
  }
}

/** Factor at a position; positions past the configured list reuse its last entry. */
function factor(list: readonly number[], i: number): number {
  return i < list.length ? list[i] : list[list.length - 1];
}

function checkWeights(w: ScoringWeights): void {
  const ints: Array<[string, number]> = [
    ['fitPoints', w.fitPoints],
    ['distancePoints', w.distancePoints],
    ['preferenceTop', w.preferenceTop],
    ['preferenceStep', w.preferenceStep],
    ['preferenceMin', w.preferenceMin],
    ['base', w.base],
    ...w.issueTypeFactors.map((v, i): [string, number] => [`issueTypeFactors[${i}]`, v]),
    ...w.disciplineFactors.map((v, i): [string, number] => [`disciplineFactors[${i}]`, v]),
    ...w.wantedPoints.map((v, i): [string, number] => [`wantedPoints[${i}]`, v]),
  ];
  for (const [name, v] of ints) {
    if (!Number.isInteger(v) || v < 0 || v > 100000) throw new RangeError(`scoring.${name} must be an integer 0..100000`);
  }
  if (w.base < 1) throw new RangeError('scoring.base must be >= 1 (every weight is >= 1)');
  if (!(w.distanceRangeKm > 0)) throw new RangeError('scoring.distanceRangeKm must be > 0');
  if (w.issueTypeFactors.length === 0 || w.disciplineFactors.length === 0 || w.wantedPoints.length === 0) {
    throw new RangeError('scoring factor lists must not be empty');
  }
  if (w.issueTypeFactors.some((v) => v > 100) || w.disciplineFactors.some((v) => v > 100)) {
    throw new RangeError('scoring.issueTypeFactors and disciplineFactors are percentages (0..100)');
  }
}
