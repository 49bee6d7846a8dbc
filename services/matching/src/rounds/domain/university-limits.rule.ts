import { isKnownUniversity } from '@civic/catalogue';
import type { UniversityLimit } from '@civic/contracts';

/** The most projects one university may be asked to lead in a round (well above any season: scale 100 has 17,500). */
export const MAX_PROJECTS_LIMIT = 100_000;

/**
 * What is wrong with a round's `universityLimits`, or null when nothing is: an object whose keys are known university
 * ids and whose values are `{ maxProjects }` with an integer 0..MAX_PROJECTS_LIMIT (0: the university leads nothing).
 * The message names the offending entry, so a 400 says exactly which one to fix.
 */
export function universityLimitsProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return 'universityLimits must be an object keyed by university id, e.g. {"fdu": {"maxProjects": 25}}';
  }
  for (const [universityId, limit] of Object.entries(value as Record<string, unknown>)) {
    if (!isKnownUniversity(universityId)) return `universityLimits names an unknown university: ${universityId}`;
    if (limit === null || typeof limit !== 'object' || Array.isArray(limit)) {
      return `universityLimits.${universityId} must be an object {"maxProjects": N}`;
    }
    const extra = Object.keys(limit).filter((k) => k !== 'maxProjects');
    if (extra.length) return `universityLimits.${universityId} has an unknown field: ${extra[0]}`;
    const max = (limit as Partial<UniversityLimit>).maxProjects;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 0 || max > MAX_PROJECTS_LIMIT) {
      return `universityLimits.${universityId}.maxProjects must be an integer 0..${MAX_PROJECTS_LIMIT}`;
    }
  }
  return null;
}
