/**
 * An independent check of the contract's stability definition: it recomputes counts and rankings from the
 * instance and the result (sharing only the engine's eligibility and weights) and lists every blocking pair.
 */
import type { ExpertProjectPair, MatchingInstanceV1, MatchingResultV1 } from '@civic/contracts';
import { createEngineContext } from '../model/engine-context';
import type { ScoringOptions } from '../model/engine-options';

/** Every eligible unmatched pair (e, p) where both e and p would gain (contract, strategy `stable`). */
export function findBlockingPairs(
  instance: MatchingInstanceV1,
  result: MatchingResultV1,
  scoring: ScoringOptions = {},
): ExpertProjectPair[] {
  const { prep, scorer, pairs } = createEngineContext(instance, scoring);
  const cap = prep.maxPerDiscipline;
  const P = prep.projectCount;

  interface Held {
    e: number;
    pinned: boolean;
  }
  const ofExpert = new Map<number, Array<{ p: number; pinned: boolean }>>();
  const ofProject = new Map<number, Held[]>();
  const assigned = new Set<number>();
  for (const a of result.assignments) {
    const e = prep.expertIndex.get(a.expertId)!;
    const p = prep.projectIndex.get(a.projectId)!;
    assigned.add(e * P + p);
    (ofExpert.get(e) ?? ofExpert.set(e, []).get(e)!).push({ p, pinned: a.pinned });
    (ofProject.get(p) ?? ofProject.set(p, []).get(p)!).push({ e, pinned: a.pinned });
  }

  const statedRank = (e: number, p: number): number => {
    const prefs = prep.instance.experts.find((x) => x.id === prep.expertIds[e])?.preferences ?? [];
    return prefs.indexOf(prep.projectIds[p]);
  };
  // Does expert e rank project a above project b?
  const expertPrefers = (e: number, a: number, b: number): boolean => {
    const ra = statedRank(e, a);
    const rb = statedRank(e, b);
    if (ra >= 0 || rb >= 0) return rb < 0 || (ra >= 0 && ra < rb);
    const wa = scorer.weight(e, a);
    const wb = scorer.weight(e, b);
    return wa > wb || (wa === wb && prep.projectIds[a] < prep.projectIds[b]);
  };
  // Does project p rank expert a above expert b?
  const projectPrefers = (p: number, a: number, b: number): boolean => {
    const wa = scorer.weight(a, p);
    const wb = scorer.weight(b, p);
    return wa > wb || (wa === wb && prep.expertIds[a] < prep.expertIds[b]);
  };

  const blocking: ExpertProjectPair[] = [];
  for (let e = 0; e < prep.expertCount; e++) {
    const mine = ofExpert.get(e) ?? [];
    const kind = prep.expertKind[e];
    const disc = prep.disciplines[prep.expertDisciplines[e * 3]];
    for (let i = pairs.start[e]; i < pairs.start[e + 1]; i++) {
      const p = pairs.project[i];
      if (assigned.has(e * P + p)) continue;
      const expertGains =
        mine.length < prep.expertCapacity[e] || mine.some((m) => !m.pinned && expertPrefers(e, p, m.p));
      if (!expertGains) continue;
      const team = (ofProject.get(p) ?? []).filter((h) => prep.expertKind[h.e] === kind);
      const sameDisc = team.filter((h) => prep.disciplines[prep.expertDisciplines[h.e * 3]] === disc).length;
      const max = prep.slotMax[p * 2 + kind];
      const freeSlot = team.length < max && sameDisc < cap;
      const swap = team.some(
        (h) =>
          !h.pinned &&
          projectPrefers(p, e, h.e) &&
          sameDisc - (prep.expertDisciplines[h.e * 3] === prep.expertDisciplines[e * 3] ? 1 : 0) + 1 <= cap,
      );
      if (freeSlot || swap) blocking.push({ expertId: prep.expertIds[e], projectId: prep.projectIds[p] });
    }
  }
  return blocking;
}
