import type { RoundScopeV1 } from '@civic/contracts';

/** The scope of a round over the given districts; none (or an empty list) means the whole city. */
export function roundScope(districtIds?: readonly string[] | null): RoundScopeV1 {
  if (!districtIds || districtIds.length === 0) return { key: 'city', districtIds: null };
  const sorted = [...new Set(districtIds)].sort();
  return { key: `districts:${sorted.join(',')}`, districtIds: sorted };
}
