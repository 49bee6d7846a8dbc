/**
 * The catalogue's reference data, indexed once at import, and its lookup helpers.
 */
import type { GeoPoint } from '@civic/contracts';
import type {
  College,
  CommunityType,
  Discipline,
  District,
  IssueType,
  Sourced,
  Street,
  University,
} from './catalogue.types';
import { COMMUNITY_TYPE_DATA } from './data/community-types.data';
import { DISCIPLINE_DATA } from './data/disciplines.data';
import { DISTRICT_DATA } from './data/districts.data';
import { ISSUE_TYPE_DATA } from './data/issue-types.data';
import { UNIVERSITY_DATA } from './data/universities.data';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/** The 16 districts of Shanghai, in statistical-code order, each with its sample streets and towns. */
export const DISTRICTS: readonly District[] = deepFreeze(
  DISTRICT_DATA.map((d) => ({ ...d, streets: d.streets.map((s) => ({ ...s, districtId: d.id })) })),
);

/** The 10 university think tanks of the season, each with its colleges. */
export const UNIVERSITIES: readonly University[] = deepFreeze(
  UNIVERSITY_DATA.map((u) => ({ ...u, colleges: u.colleges.map((c) => ({ ...c, universityId: u.id })) })),
);

/** All 42 colleges, university by university. */
export const COLLEGES: readonly College[] = deepFreeze(UNIVERSITIES.flatMap((u) => u.colleges));

/** The 65 disciplines (专业). */
export const DISCIPLINES: readonly Discipline[] = deepFreeze(DISCIPLINE_DATA.map((d) => ({ ...d })));

/** The 13 issue types; a project has 1-3 of them, the first primary. */
export const ISSUE_TYPES: readonly IssueType[] = deepFreeze(ISSUE_TYPE_DATA.map((t) => ({ ...t })));

/** The 4 community (project-subject) types. */
export const COMMUNITY_TYPES: readonly CommunityType[] = deepFreeze(COMMUNITY_TYPE_DATA.map((t) => ({ ...t })));

/** The season's totals as stated in the source article (人民网上海频道, 2023-08-23). */
export const ARTICLE_TOTALS = deepFreeze({
  districts: 16,
  projects: 175,
  universities: 10,
  colleges: 42,
  disciplines: 65,
  teachers: 541,
  students: 830,
  painPointProjects: 49,
  propertyGovernanceProjects: 40,
} as const);

/** The source article's citation. */
export const SOURCE_ARTICLE = deepFreeze({
  publisher: '人民网上海频道',
  date: '2023-08-23',
  title: '上海：“美好社区 先锋行动”探索超大城市基层治理新路',
  authors: ['王文娟', '唐小丽', '马作鹏', '董志雯', '葛俊俊'],
} as const);

const districtById = new Map<string, District>();
for (const d of DISTRICTS) {
  districtById.set(d.id, d);
  districtById.set(d.code, d);
}
const streetByCode = new Map<string, Street>(DISTRICTS.flatMap((d) => d.streets.map((s) => [s.code, s] as const)));
const universityById = new Map(UNIVERSITIES.map((u) => [u.id, u] as const));
const collegeById = new Map(COLLEGES.map((c) => [c.id, c] as const));
const disciplineBySlug = new Map(DISCIPLINES.map((d) => [d.slug, d] as const));
const issueTypeBySlug = new Map(ISSUE_TYPES.map((t) => [t.slug, t] as const));
const communityTypeBySlug = new Map(COMMUNITY_TYPES.map((t) => [t.slug, t] as const));

/** The district with this slug id ('pudong') or 6-digit statistical code ('310115'), or undefined. */
export function findDistrict(idOrCode: string): District | undefined {
  return districtById.get(idOrCode);
}

/** The district with this slug id or code; throws a RangeError when unknown. */
export function getDistrict(idOrCode: string): District {
  const d = districtById.get(idOrCode);
  if (!d) throw new RangeError(`unknown district: ${idOrCode}`);
  return d;
}

/** True when the slug id or statistical code names one of the 16 districts. */
export function isKnownDistrict(idOrCode: string): boolean {
  return districtById.has(idOrCode);
}

/** The sample street or town with this 9-digit code, or undefined. */
export function findStreet(code: string): Street | undefined {
  return streetByCode.get(code);
}

/** The sample streets and towns of a district (empty when the district is unknown). */
export function streetsOf(districtIdOrCode: string): readonly Street[] {
  return districtById.get(districtIdOrCode)?.streets ?? [];
}

/** The university with this id ('fdu'), or undefined. */
export function findUniversity(id: string): University | undefined {
  return universityById.get(id);
}

/** True when the id names one of the 10 universities. */
export function isKnownUniversity(id: string): boolean {
  return universityById.has(id);
}

/** The colleges of a university (empty when the university is unknown). */
export function collegesOf(universityId: string): readonly College[] {
  return universityById.get(universityId)?.colleges ?? [];
}

/** The college with this id ('fdu_ssdpp'), or undefined. */
export function findCollege(id: string): College | undefined {
  return collegeById.get(id);
}

/** The disciplines a college hosts (empty when the college is unknown). */
export function disciplinesOf(collegeId: string): readonly Discipline[] {
  const c = collegeById.get(collegeId);
  return c ? c.disciplines.map((slug) => disciplineBySlug.get(slug)!) : [];
}

/** The discipline with this slug ('sociology'), or undefined. */
export function findDiscipline(slug: string): Discipline | undefined {
  return disciplineBySlug.get(slug);
}

/** True when the slug names one of the 65 disciplines. */
export function isKnownDiscipline(slug: string): boolean {
  return disciplineBySlug.has(slug);
}

/** The issue type with this slug ('pain_points'), or undefined. */
export function findIssueType(slug: string): IssueType | undefined {
  return issueTypeBySlug.get(slug);
}

/** True when the slug names one of the 13 issue types. */
export function isKnownIssueType(slug: string): boolean {
  return issueTypeBySlug.has(slug);
}

/** The community type with this slug ('residential'), or undefined. */
export function findCommunityType(slug: string): CommunityType | undefined {
  return communityTypeBySlug.get(slug);
}

/** True when the slug names one of the community types. */
export function isKnownCommunityType(slug: string): boolean {
  return communityTypeBySlug.has(slug);
}

/** True when the value may be shown as fact (stated in the article or real), false when it is an estimate. */
export function isFact(sourced: Sourced<unknown> | { provenance: string }): boolean {
  return sourced.provenance !== 'plausible';
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle (haversine) distance in kilometres between two points. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
