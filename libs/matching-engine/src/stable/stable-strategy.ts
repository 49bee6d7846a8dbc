/**
 * Strategy `stable`: deferred acceptance with experts proposing. An expert proposes down its list (stated
 * preferences in order, then the rest by weight descending, ties project id) while it has capacity left. A project
 * keeps, per kind, the best proposals (weight descending, ties expert id) that fit the kind's max and the
 * discipline cap, never giving up a pinned expert: when a proposal does not fit it replaces the worst held
 * expert whose removal makes room (the same discipline if the cap binds, else any of the kind), if it ranks above.
 * That choice is a greedy basis of a laminar matroid, so the outcome has no blocking pair (contract, "stable").
 */
import type { CandidatePairs } from '../eligibility/candidate-pairs';
import type { PreparedInstance } from '../model/prepared-instance';

/** Expert of every pair index. */
export function pairExperts(prep: PreparedInstance, pairs: CandidatePairs): Int32Array {
  const out = new Int32Array(pairs.count);
  for (let e = 0; e < prep.expertCount; e++) out.fill(e, pairs.start[e], pairs.start[e + 1]);
  return out;
}

/** Runs deferred acceptance; returns the chosen pair indices (pinned pairs excluded), ascending. */
export function solveStable(prep: PreparedInstance, pairs: CandidatePairs): Int32Array {
  const P = prep.projectCount;
  const E = prep.expertCount;
  const nD = prep.disciplines.length;
  const cap = prep.maxPerDiscipline;
  const expertOf = pairExperts(prep, pairs);

  const used = new Int32Array(E);
  const kindCount = new Int32Array(2 * P);
  const groupCount = new Map<number, number>();
  const pinned = new Set<number>();
  for (let i = 0; i < prep.pinExpert.length; i++) {
    const e = prep.pinExpert[i];
    const p = prep.pinProject[i];
    const k = prep.expertKind[e];
    used[e]++;
    kindCount[p * 2 + k]++;
    const g = (p * 2 + k) * nD + prep.expertDisciplines[e * 3];
    groupCount.set(g, (groupCount.get(g) ?? 0) + 1);
    pinned.add(e * P + p);
  }

  // Each expert's proposal list (pair indices): eligible stated preferences first, then the rest in pair order.
  const listStart = new Int32Array(E + 1);
  const list = new Int32Array(pairs.count);
  let n = 0;
  const listed = new Uint8Array(pairs.count);
  for (let e = 0; e < E; e++) {
    for (let k = prep.preferenceStart[e]; k < prep.preferenceStart[e + 1]; k++) {
      const p = prep.preferenceProject[k];
      for (let i = pairs.start[e]; i < pairs.start[e + 1]; i++) {
        if (pairs.project[i] === p && !listed[i]) {
          if (!pinned.has(e * P + p)) list[n++] = i;
          listed[i] = 1;
          break;
        }
      }
    }
    for (let i = pairs.start[e]; i < pairs.start[e + 1]; i++) {
      if (listed[i] || pinned.has(e * P + pairs.project[i])) continue;
      list[n++] = i;
    }
    listStart[e + 1] = n;
  }

  // Projects rank proposals by weight descending, ties expert index.
  const better = (i: number, j: number): boolean =>
    pairs.weight[i] > pairs.weight[j] || (pairs.weight[i] === pairs.weight[j] && expertOf[i] < expertOf[j]);

  const held: number[][] = Array.from({ length: 2 * P }, () => []);
  const next = Int32Array.from(listStart.subarray(0, E));
  const queue: number[] = [];
  const queued = new Uint8Array(E);
  for (let e = 0; e < E; e++) {
    if (used[e] < prep.expertCapacity[e] && next[e] < listStart[e + 1]) {
      queue.push(e);
      queued[e] = 1;
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const e = queue[head];
    queued[e] = 0;
    const k = prep.expertKind[e];
    const d = prep.expertDisciplines[e * 3];
    while (used[e] < prep.expertCapacity[e] && next[e] < listStart[e + 1]) {
      const i = list[next[e]++];
      const p = pairs.project[i];
      const pk = p * 2 + k;
      const max = prep.slotMax[pk];
      if (max === 0) continue;
      const g = pk * nD + d;
      const gc = groupCount.get(g) ?? 0;
      const slots = held[pk];
      if (kindCount[pk] < max && gc < cap) {
        slots.push(i);
        kindCount[pk]++;
        groupCount.set(g, gc + 1);
        used[e]++;
        continue;
      }
      // The worst held proposal whose removal makes room for this one.
      let worst = -1;
      for (const j of slots) {
        if (gc >= cap && prep.expertDisciplines[expertOf[j] * 3] !== d) continue;
        if (worst < 0 || better(worst, j)) worst = j;
      }
      if (worst < 0 || !better(i, worst)) continue;
      slots[slots.indexOf(worst)] = i;
      const loser = expertOf[worst];
      const lg = pk * nD + prep.expertDisciplines[loser * 3];
      groupCount.set(lg, (groupCount.get(lg) ?? 0) - 1);
      groupCount.set(g, (groupCount.get(g) ?? 0) + 1);
      used[e]++;
      used[loser]--;
      if (!queued[loser]) {
        queued[loser] = 1;
        queue.push(loser);
      }
    }
  }
  const chosen: number[] = [];
  for (const slots of held) chosen.push(...slots);
  chosen.sort((a, b) => a - b);
  return Int32Array.from(chosen);
}
