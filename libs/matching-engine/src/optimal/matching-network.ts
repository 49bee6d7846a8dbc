/**
 * The optimal strategy's network, without the flow: pins subtracted up front, usable pairs (expert has capacity
 * left, pair not pinned, slot and discipline group still open), discipline-group nodes q = (project, kind,
 * primary discipline) and slot nodes r = (project, kind), and the lexicographic constant BIG.
 */
import type { CandidatePairs } from '../eligibility/candidate-pairs';
import type { PreparedInstance } from '../model/prepared-instance';

/**
 * What the flow reads of an instance. The one-university search solves each university's part on a compact
 * instance of just its projects and experts (teams/lead-flow.ts), so the flow asks for no more than this.
 */
export type FlowInstance = Pick<
  PreparedInstance,
  | 'projectCount'
  | 'expertCount'
  | 'slotMin'
  | 'slotMax'
  | 'expertCapacity'
  | 'expertKind'
  | 'expertDisciplines'
  | 'disciplines'
  | 'maxPerDiscipline'
  | 'pinExpert'
  | 'pinProject'
>;

export interface MatchingNetwork {
  /** Expert capacity left after pins. */
  capLeft: Int32Array;
  /** Per r = project * 2 + kind: slots left after pins, and the part of them that still counts for coverage. */
  kindLeft: Int32Array;
  minLeft: Int32Array;
  /** Per q: its r and its capacity (discipline cap minus pins of the group). */
  qR: Int32Array;
  qCap: Int32Array;
  qCount: number;
  /** The usable pairs: pair index, its q and its expert (experts ascending). */
  usablePair: Int32Array;
  usableQ: Int32Array;
  usableExpert: Int32Array;
  usableCount: number;
  /** Larger than any achievable total weight: one unit of coverage outweighs all weight. */
  big: number;
}

/** Builds the network data of the optimal strategy. */
export function buildMatchingNetwork(prep: FlowInstance, pairs: CandidatePairs): MatchingNetwork {
  const P = prep.projectCount;
  const E = prep.expertCount;
  const nD = prep.disciplines.length;
  const capLeft = Int32Array.from(prep.expertCapacity);
  const kindLeft = Int32Array.from(prep.slotMax);
  const minLeft = Int32Array.from(prep.slotMin);
  const groupPinned = new Map<number, number>();
  const pinnedKeys = new Set<number>();
  for (let i = 0; i < prep.pinExpert.length; i++) {
    const e = prep.pinExpert[i];
    const p = prep.pinProject[i];
    const k = prep.expertKind[e];
    capLeft[e]--;
    kindLeft[p * 2 + k]--;
    minLeft[p * 2 + k]--;
    const g = (p * 2 + k) * nD + prep.expertDisciplines[e * 3];
    groupPinned.set(g, (groupPinned.get(g) ?? 0) + 1);
    pinnedKeys.add(e * P + p);
  }
  for (let pk = 0; pk < 2 * P; pk++) if (minLeft[pk] < 0) minLeft[pk] = 0;

  // q index per discipline group, dense: -2 not seen yet, -1 closed by pins.
  const qOfGroup = new Int32Array(2 * P * nD).fill(-2);
  const qR: number[] = [];
  const qCap: number[] = [];
  let bound = 0;
  for (let e = 0; e < E; e++) if (capLeft[e] > 0) bound += pairs.start[e + 1] - pairs.start[e];
  const usablePair = new Int32Array(bound);
  const usableQ = new Int32Array(bound);
  const usableExpert = new Int32Array(bound);
  let usableCount = 0;
  let weightBound = 0;
  const checkPins = pinnedKeys.size > 0;
  for (let e = 0; e < E; e++) {
    if (capLeft[e] <= 0) continue;
    const k = prep.expertKind[e];
    const d = prep.expertDisciplines[e * 3];
    let best = 0;
    for (let i = pairs.start[e]; i < pairs.start[e + 1]; i++) {
      const p = pairs.project[i];
      if (kindLeft[p * 2 + k] <= 0) continue;
      if (checkPins && pinnedKeys.has(e * P + p)) continue;
      const g = (p * 2 + k) * nD + d;
      let q = qOfGroup[g];
      if (q === -2) {
        const left = prep.maxPerDiscipline - (groupPinned.get(g) ?? 0);
        q = left > 0 ? qR.length : -1;
        qOfGroup[g] = q;
        if (q >= 0) {
          qR.push(p * 2 + k);
          qCap.push(left);
        }
      }
      if (q < 0) continue;
      usablePair[usableCount] = i;
      usableQ[usableCount] = q;
      usableExpert[usableCount] = e;
      usableCount++;
      if (pairs.weight[i] > best) best = pairs.weight[i];
    }
    weightBound += best * capLeft[e];
  }
  return {
    capLeft,
    kindLeft,
    minLeft,
    qR: Int32Array.from(qR),
    qCap: Int32Array.from(qCap),
    qCount: qR.length,
    usablePair: usablePair.subarray(0, usableCount),
    usableQ: usableQ.subarray(0, usableCount),
    usableExpert: usableExpert.subarray(0, usableCount),
    usableCount,
    big: weightBound + 1,
  };
}
