/**
 * fast-check arbitraries for random instances (small and medium, some congested: more experts than slots).
 */
import fc from 'fast-check';
import { generateRandomInstance, type RandomInstance, type RandomInstanceOptions } from './random-instance';

/** Random generator options; `size` picks the ranges. */
export function instanceOptions(size: 'small' | 'medium'): fc.Arbitrary<RandomInstanceOptions> {
  const small = size === 'small';
  return fc.record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    projects: small ? fc.integer({ min: 1, max: 7 }) : fc.integer({ min: 8, max: 30 }),
    experts: small ? fc.integer({ min: 0, max: 30 }) : fc.integer({ min: 30, max: 160 }),
    issueTypes: fc.integer({ min: 1, max: 5 }),
    disciplines: fc.integer({ min: 1, max: 8 }),
    zeroAffinity: fc.constantFrom(0, 0.3, 0.6),
    maxPerDiscipline: fc.integer({ min: 1, max: 3 }),
    maxDistanceKm: fc.option(fc.constantFrom(15, 30, 50), { nil: null }),
    candidateLimitPerExpert: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
    pins: fc.integer({ min: 0, max: small ? 5 : 20 }),
    forbidden: fc.integer({ min: 0, max: small ? 8 : 40 }),
    preferenceShare: fc.constantFrom(0, 0.3, 1),
    campuses: fc.constantFrom(undefined, 1, 3),
  });
}

/** A random instance arbitrary. */
export function randomInstance(size: 'small' | 'medium'): fc.Arbitrary<RandomInstance & { options: RandomInstanceOptions }> {
  return instanceOptions(size).map((options) => ({ ...generateRandomInstance(options), options }));
}
