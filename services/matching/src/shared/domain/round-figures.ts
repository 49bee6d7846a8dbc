import type { ExpertKind, RoundProjectV1, RoundUnderfilledSlotV1, UnfilledSlot } from '@civic/contracts';
import { EXPERT_KINDS } from '@civic/contracts';

/** Active (proposed or accepted) assignments of one project and kind. */
export interface ActiveSlotCount {
  projectId: string;
  kind: ExpertKind;
  count: number;
  weight: number;
}

export interface CoverageFigures {
  requiredSlots: number;
  coveredSlots: number;
  coverageRatio: number;
  weight: number;
  unfilled: UnfilledSlot[];
}

/** Reason of a slot that fell below its minimum after the last solve (a decline or expiry not yet re-matched). */
export const REMATCH_PENDING = 'rematch_pending';

/**
 * Coverage of a round's projects by its active assignments: per project and kind, min(active, minimum), summed.
 * The same definition as the engine's objective, so right after a solve `coveredSlots` equals objective.coverage.
 */
export function coverageOf(
  projects: readonly RoundProjectV1[],
  active: readonly ActiveSlotCount[],
  engineUnderfilled: readonly RoundUnderfilledSlotV1[] = [],
): CoverageFigures {
  const counts = new Map<string, number>();
  let weight = 0;
  for (const a of active) {
    counts.set(`${a.projectId}/${a.kind}`, (counts.get(`${a.projectId}/${a.kind}`) ?? 0) + a.count);
    weight += a.weight;
  }
  const reasons = new Map(engineUnderfilled.map((u) => [`${u.projectId}/${u.kind}`, u.reason]));
  let requiredSlots = 0;
  let coveredSlots = 0;
  const unfilled: UnfilledSlot[] = [];
  for (const p of projects) {
    for (const kind of EXPERT_KINDS) {
      const min = p.slots[kind].min;
      const filled = counts.get(`${p.projectId}/${kind}`) ?? 0;
      requiredSlots += min;
      coveredSlots += Math.min(filled, min);
      if (filled < min) {
        unfilled.push({ projectId: p.projectId, districtId: p.districtId, kind, min, filled, missing: min - filled, reason: reasons.get(`${p.projectId}/${kind}`) ?? REMATCH_PENDING });
      }
    }
  }
  return { requiredSlots, coveredSlots, coverageRatio: requiredSlots === 0 ? 1 : round4(coveredSlots / requiredSlots), weight, unfilled };
}

/** Ratios are published with four decimals so both services print the same number. */
export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
