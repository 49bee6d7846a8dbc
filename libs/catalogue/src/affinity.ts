/**
 * Issue type x discipline affinity (0..100): how central a discipline's contribution is to an issue type.
 * Listed pairs come from the domain study; every other pair takes a default by kind of discipline. All plausible.
 */
import { DISCIPLINES, ISSUE_TYPES } from './catalogue';
import { LISTED_AFFINITY } from './data/affinity.data';

/** Generalist governance fields help with any issue (the domain study's suggested default 0.25). */
const GENERALIST_DISCIPLINES = ['sociology', 'social_work', 'public_admin', 'law'] as const;
/** Media fields link resources for any project (the article stresses media; default 0.20). */
const MEDIA_DISCIPLINES = ['journalism', 'communication', 'new_media'] as const;

/**
 * Professional master's degrees inherit the affinities of the discipline they professionalise (the domain study
 * lists none for them; without this an MSW student would look unfit for social work).
 */
export const INHERITED_AFFINITY: Readonly<Record<string, string>> = Object.freeze({
  msw: 'social_work',
  mpa: 'public_admin',
  mph: 'preventive_medicine',
});

/** Defaults for unlisted pairs: generalists 25, media 20, any other discipline 5 (never 0: every pair is eligible). */
export const DEFAULT_AFFINITY = Object.freeze({ generalist: 25, media: 20, other: 5 });

/** Where an affinity value comes from: the listed table, its base discipline's value, or the default rule. */
export type AffinitySource = 'listed' | 'inherited' | 'default';

function defaultAffinity(discipline: string): number {
  if ((GENERALIST_DISCIPLINES as readonly string[]).includes(discipline)) return DEFAULT_AFFINITY.generalist;
  if ((MEDIA_DISCIPLINES as readonly string[]).includes(discipline)) return DEFAULT_AFFINITY.media;
  return DEFAULT_AFFINITY.other;
}

/** Issue type slugs in matrix row order (catalogue order). */
export const AFFINITY_ISSUE_TYPES: readonly string[] = Object.freeze(ISSUE_TYPES.map((t) => t.slug));
/** Discipline slugs in matrix column order (catalogue order). */
export const AFFINITY_DISCIPLINES: readonly string[] = Object.freeze(DISCIPLINES.map((d) => d.slug));

const issueIndex = new Map(AFFINITY_ISSUE_TYPES.map((s, i) => [s, i] as const));
const disciplineIndex = new Map(AFFINITY_DISCIPLINES.map((s, i) => [s, i] as const));
const matrix = new Uint8Array(AFFINITY_ISSUE_TYPES.length * AFFINITY_DISCIPLINES.length);
for (const [i, issue] of AFFINITY_ISSUE_TYPES.entries()) {
  const listed = LISTED_AFFINITY[issue] ?? {};
  for (const [j, discipline] of AFFINITY_DISCIPLINES.entries()) {
    const base = INHERITED_AFFINITY[discipline];
    matrix[i * AFFINITY_DISCIPLINES.length + j] =
      listed[discipline] ?? (base !== undefined ? listed[base] : undefined) ?? defaultAffinity(base ?? discipline);
  }
}

/** The full table as nested records: AFFINITY[issueType][discipline] = 0..100. */
export const AFFINITY: Readonly<Record<string, Readonly<Record<string, number>>>> = Object.freeze(
  Object.fromEntries(
    AFFINITY_ISSUE_TYPES.map((issue, i) => [
      issue,
      Object.freeze(
        Object.fromEntries(AFFINITY_DISCIPLINES.map((d, j) => [d, matrix[i * AFFINITY_DISCIPLINES.length + j]])),
      ),
    ]),
  ),
);

/** Affinity 0..100 of a discipline to an issue type; 0 when either slug is unknown. */
export function affinity(issueType: string, discipline: string): number {
  const i = issueIndex.get(issueType);
  const j = disciplineIndex.get(discipline);
  if (i === undefined || j === undefined) return 0;
  return matrix[i * AFFINITY_DISCIPLINES.length + j];
}

/** Whether a pair's affinity is listed in the domain study or comes from the default rule. */
export function affinitySource(issueType: string, discipline: string): AffinitySource {
  const row = LISTED_AFFINITY[issueType];
  if (row?.[discipline] !== undefined) return 'listed';
  const base = INHERITED_AFFINITY[discipline];
  return base !== undefined && row?.[base] !== undefined ? 'inherited' : 'default';
}

/** A copy of the table as a row-major Uint8Array (rows: AFFINITY_ISSUE_TYPES, columns: AFFINITY_DISCIPLINES). */
export function affinityMatrix(): { issueTypes: readonly string[]; disciplines: readonly string[]; weights: Uint8Array } {
  return { issueTypes: AFFINITY_ISSUE_TYPES, disciplines: AFFINITY_DISCIPLINES, weights: matrix.slice() };
}

/** Disciplines with affinity >= minWeight to the issue type, strongest first (ties: catalogue order). */
export function topDisciplinesFor(issueType: string, minWeight = 50): string[] {
  const i = issueIndex.get(issueType);
  if (i === undefined) return [];
  return AFFINITY_DISCIPLINES.map((d, j) => ({ d, w: matrix[i * AFFINITY_DISCIPLINES.length + j], j }))
    .filter((x) => x.w >= minWeight)
    .sort((a, b) => b.w - a.w || a.j - b.j)
    .map((x) => x.d);
}
