/**
 * The deterministic season generator: synthetic projects and experts whose counts are exactly the catalogue's
 * (article totals, plausible splits), scaled by an integer. Rules are listed in docs/catalogue.md.
 */
import type { Availability, ExpertKind, GeoPoint } from '@civic/contracts';
import { affinity, topDisciplinesFor } from '../affinity';
import {
  COMMUNITY_TYPES,
  DISCIPLINES,
  DISTRICTS,
  ISSUE_TYPES,
  UNIVERSITIES,
  distanceKm,
} from '../catalogue';
import type { College, District, DistrictZone, Street, University } from '../catalogue.types';
import { syntheticPersonName } from './names';
import { Prng } from './prng';
import type { Season, SeasonExpert, SeasonOptions, SeasonProject } from './season.types';

/** Version of the generation rules; bump it whenever output for a given seed changes. */
export const GENERATOR_VERSION = 2;

/** Largest supported scale: project ids have 5 digits (175 x 571 = 99,925). */
export const MAX_SCALE = 571;

const PROJECT_ID_WIDTH = 5;
const EXPERT_ID_WIDTH = 6;

/** Districts on boundaries where cross-region units are typical (domain: 长宁/普陀/闵行, 静安/宝山, 青浦/嘉定). */
const BOUNDARY_DISTRICTS = new Set(['changning', 'putuo', 'minhang', 'jingan', 'baoshan', 'qingpu', 'jiading']);
/** Districts with much old housing (“两旧”). */
const OLD_HOUSING_DISTRICTS = new Set(['huangpu', 'hongkou', 'yangpu', 'jingan', 'putuo']);
/** Districts with urban villages (“一村”). */
const URBAN_VILLAGE_DISTRICTS = new Set(['minhang', 'baoshan', 'pudong', 'jiading', 'songjiang']);
/** Districts with central SOEs whose staff live in relocation estates (长兴岛 shipyards, 宝武, 外高桥/临港, 石化). */
const SOE_DISTRICTS: Readonly<Record<string, number>> = { chongming: 16, baoshan: 4, pudong: 4, jinshan: 4 };
/** Commodity-housing districts where property governance is also common. */
const COMMODITY_HOUSING_DISTRICTS = new Set(['minhang', 'baoshan', 'pudong']);
/** Commercial hubs with quasi-residential (商办/LOFT) buildings. */
const QUASI_RESIDENTIAL_DISTRICTS = new Set(['pudong', 'minhang', 'jiading']);

/** Sample streets known for an issue type (from the domain's notes); they are drawn more often for it. */
const STREET_ISSUE_HINTS: Readonly<Record<string, readonly string[]>> = {
  '310101015': ['property_governance'],
  '310104016': ['elderly_care', 'public_space'],
  '310104007': ['public_space'],
  '310104014': ['public_space', 'elderly_care'],
  '310104010': ['public_space'],
  '310104015': ['pain_points'],
  '310105009': ['neighbour_mediation', 'cross_region'],
  '310105004': ['public_space'],
  '310107005': ['two_old_one_village', 'public_space'],
  '310110006': ['public_space'],
  '310112006': ['digital_governance'],
  '310112114': ['new_residential'],
  '310113102': ['key_group_services'],
  '310113109': ['new_residential'],
  '310114118': ['new_residential'],
  '310115005': ['digital_governance', 'elderly_care'],
  '310115137': ['new_residential'],
  '310117102': ['new_residential'],
  '310118107': ['new_residential'],
  '310151116': ['soe_second_secretary'],
};

interface Slot {
  district: District;
  communityType: string;
  primary: string;
}

type SlotWeight = (slot: Slot) => number;

const zoneOf = (slot: Slot): DistrictZone => slot.district.zone;
const isCentral = (slot: Slot): boolean => zoneOf(slot) === 'central';

/**
 * Order in which community types are placed (most constrained first) and each one's weight per project slot.
 * Residential takes whatever is left.
 */
const COMMUNITY_RULES: ReadonlyArray<readonly [string, SlotWeight]> = [
  ['village', (s) => (isCentral(s) ? 0 : 1)], // 居村 only in suburban districts and Pudong
  ['cross_region', (s) => (BOUNDARY_DISTRICTS.has(s.district.id) ? 2 : 1)],
  ['block', (s) => (isCentral(s) ? 3 : zoneOf(s) === 'pudong_mixed' ? 1.5 : 1)], // 街区 mostly central
];

/** Weight of an issue type for a project slot; 0 = not allowed. Shared by primary and secondary issue types. */
function issueWeight(issue: string, s: Slot): number {
  const id = s.district.id;
  const village = s.communityType === 'village';
  switch (issue) {
    case 'rural_village':
      return village ? 1 : 0;
    case 'soe_second_secretary':
      return SOE_DISTRICTS[id] ?? (isCentral(s) ? 0 : 0.25);
    case 'cross_region':
      return (s.communityType === 'cross_region' ? 6 : 1) * (BOUNDARY_DISTRICTS.has(id) ? 2 : 1);
    case 'new_residential':
      return isCentral(s) ? 0.3 : village ? 1 : 4;
    case 'quasi_residential':
      return village ? 0 : isCentral(s) || QUASI_RESIDENTIAL_DISTRICTS.has(id) ? 3 : 1;
    case 'two_old_one_village':
      return (OLD_HOUSING_DISTRICTS.has(id) ? 3 : URBAN_VILLAGE_DISTRICTS.has(id) ? 2 : 1) * (village ? 0.5 : 1);
    case 'public_space':
      return (isCentral(s) ? 2 : 1) * (s.communityType === 'block' ? 2 : 1);
    case 'elderly_care':
      return isCentral(s) ? 1.5 : 1;
    case 'property_governance':
      return village ? 0.2 : isCentral(s) ? 2 : COMMODITY_HOUSING_DISTRICTS.has(id) ? 1.5 : 1;
    case 'neighbour_mediation':
      return isCentral(s) ? 2 : 1;
    case 'pain_points':
      return isCentral(s) ? 1.3 : 1;
    default:
      return 1; // key_group_services, digital_governance: all districts alike
  }
}

/** Primary issue types are placed most constrained first; pain_points (the largest) takes the rest. */
const PRIMARY_ORDER = [
  'rural_village',
  'soe_second_secretary',
  'cross_region',
  'new_residential',
  'quasi_residential',
  'two_old_one_village',
  'public_space',
  'elderly_care',
  'property_governance',
  'neighbour_mediation',
  'digital_governance',
  'key_group_services',
  'pain_points',
];

/** Generates a season: exactly scale x the catalogue's counts, identical for the same seed and scale. */
export function generateSeason(options: SeasonOptions): Season {
  const seed = options.seed;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer 0..4294967295, got ${seed}`);
  }
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_SCALE) {
    throw new RangeError(`scale must be an integer 1..${MAX_SCALE}, got ${scale}`);
  }
  const projects = generateProjects(seed, scale);
  const teachers = generateExperts(seed, scale, 'teacher', projects);
  const students = generateExperts(seed, scale, 'student', projects);
  return { generatorVersion: GENERATOR_VERSION, seed, scale, projects, teachers, students };
}

function generateProjects(seed: number, scale: number): SeasonProject[] {
  // One slot per project, grouped by district in catalogue order, then typed and finally shuffled.
  const slots: Slot[] = [];
  for (const d of DISTRICTS) {
    for (let i = 0; i < d.plannedProjects.value * scale; i++) slots.push({ district: d, communityType: '', primary: '' });
  }

  const communityRng = Prng.derive(seed, 'projects/community');
  for (const [type, weight] of COMMUNITY_RULES) {
    const count = communityCount(type) * scale;
    const free = slots.map((s) => (s.communityType === '' ? weight(s) : 0));
    for (const i of communityRng.weightedSample(free, count)) slots[i].communityType = type;
  }
  for (const s of slots) if (s.communityType === '') s.communityType = 'residential';

  const issueRng = Prng.derive(seed, 'projects/issue');
  for (const issue of PRIMARY_ORDER) {
    const count = ISSUE_TYPES.find((t) => t.slug === issue)!.plannedProjects.value * scale;
    const free = slots.map((s) => (s.primary === '' ? issueWeight(issue, s) : 0));
    for (const i of issueRng.weightedSample(free, count)) slots[i].primary = issue;
  }

  const orderRng = Prng.derive(seed, 'projects/order');
  orderRng.shuffle(slots);

  const rng = Prng.derive(seed, 'projects/detail');
  const nearest = nearestDistricts();
  return slots.map((slot, index) => {
    const id = 'P' + String(index + 1).padStart(PROJECT_ID_WIDTH, '0');
    const street = pickStreet(rng, slot);
    const partnerStreetCodes = slot.communityType === 'cross_region' ? [pickPartner(rng, slot, street, nearest)] : [];
    const issueTypes = [slot.primary, ...pickSecondaryIssues(rng, slot)];
    const wantedDisciplines = rng.chance(0.55) ? pickWanted(rng, slot.primary) : [];
    const teacherMax = rng.int(2, 4);
    const studentMin = rng.chance(0.5) ? 2 : 1;
    const studentMax = rng.int(3, 6);
    const location = projectLocation(rng, slot.district, street);
    const issue = ISSUE_TYPES.find((t) => t.slug === slot.primary)!;
    return {
      id,
      nameZh: `${street.zh}·${issue.zh}（虚拟项目 ${id}）`,
      nameEn: `${issue.shortEn}, ${slot.district.en} (synthetic project ${id})`,
      districtId: slot.district.id,
      streetCode: street.code,
      partnerStreetCodes,
      communityType: slot.communityType,
      issueTypes,
      wantedDisciplines,
      location,
      slots: { teacher: { min: 1, max: teacherMax }, student: { min: studentMin, max: studentMax } },
    };
  });
}

function communityCount(slug: string): number {
  return COMMUNITY_TYPES.find((t) => t.slug === slug)!.plannedProjects.value;
}

function pickStreet(rng: Prng, slot: Slot): Street {
  const streets = slot.district.streets;
  const weights = streets.map((st) => {
    if (slot.communityType === 'village' && st.kind !== 'town') return 0; // 居村 only in 镇/乡
    let w = slot.communityType === 'block' && st.kind === 'street' ? 2 : 1;
    if (STREET_ISSUE_HINTS[st.code]?.includes(slot.primary)) w *= 4;
    return w;
  });
  if (weights.every((w) => w === 0)) return rng.pick(streets);
  return streets[rng.weightedIndex(weights)];
}

function nearestDistricts(): Map<string, District> {
  const result = new Map<string, District>();
  for (const d of DISTRICTS) {
    let best: District | undefined;
    for (const o of DISTRICTS) {
      if (o === d) continue;
      if (!best || distanceKm(d.centroid, o.centroid) < distanceKm(d.centroid, best.centroid)) best = o;
    }
    result.set(d.id, best!);
  }
  return result;
}

/** A cross-region project's partner: another street of its district, or one of the nearest district. */
function pickPartner(rng: Prng, slot: Slot, lead: Street, nearest: Map<string, District>): string {
  const sameDistrict = slot.district.streets.filter((s) => s.code !== lead.code);
  if (rng.chance(0.5) && sameDistrict.length > 0) return rng.pick(sameDistrict).code;
  return rng.pick(nearest.get(slot.district.id)!.streets).code;
}

/** 0-2 further issue types, weighted by how common each is and how well it fits the slot. */
function pickSecondaryIssues(rng: Prng, slot: Slot): string[] {
  const extra = rng.weightedIndex([0.45, 0.4, 0.15]);
  const result: string[] = [];
  for (let k = 0; k < extra; k++) {
    const weights = ISSUE_TYPES.map((t) =>
      t.slug === slot.primary || result.includes(t.slug) ? 0 : t.plannedProjects.value * issueWeight(t.slug, slot),
    );
    result.push(ISSUE_TYPES[rng.weightedIndex(weights)].slug);
  }
  return result;
}

/** 1-3 wanted disciplines among those with affinity >= 50 to the primary issue type, weighted by affinity. */
function pickWanted(rng: Prng, primary: string): string[] {
  const strong = STRONG_DISCIPLINES.get(primary)!;
  const count = Math.min(strong.disciplines.length, rng.weightedIndex(WANTED_COUNT_ODDS));
  return rng.weightedSample(strong.weights, count).map((i) => strong.disciplines[i]);
}

/** Odds of a project wanting 0 (never: decided before), 1, 2 or 3 disciplines. */
const WANTED_COUNT_ODDS: readonly number[] = [0, 0.5, 0.35, 0.15];

/** Per issue type, the disciplines with affinity >= 50 and those affinities, computed once. */
const STRONG_DISCIPLINES: ReadonlyMap<string, { disciplines: string[]; weights: number[] }> = new Map(
  ISSUE_TYPES.map((t) => {
    const disciplines = topDisciplinesFor(t.slug, 50);
    return [t.slug, { disciplines, weights: disciplines.map((d) => affinity(t.slug, d)) }];
  }),
);

/** Near the district centroid (a disc up to the centroid's tolerance), or near a known place in the street. */
function projectLocation(rng: Prng, district: District, street: Street): GeoPoint {
  if (street.place) return jitter(rng, street.place.location, 1.5);
  const radius = Math.min(district.centroidToleranceKm, 0.6 * Math.sqrt(district.areaKm2 / Math.PI));
  return jitter(rng, district.centroid, radius);
}

function jitter(rng: Prng, centre: GeoPoint, radiusKm: number): GeoPoint {
  let x: number;
  let y: number;
  do {
    x = rng.next() * 2 - 1;
    y = rng.next() * 2 - 1;
  } while (x * x + y * y > 1);
  const lat = centre.lat + (y * radiusKm) / 110.574;
  const lon = centre.lon + (x * radiusKm) / (111.32 * Math.cos((centre.lat * Math.PI) / 180));
  return { lat: round5(lat), lon: round5(lon) };
}

function round5(v: number): number {
  return Math.round(v * 1e5) / 1e5;
}

/** How much the season's issue mix asks for a discipline: sum over issue types of planned projects x affinity. */
const DISCIPLINE_DEMAND: ReadonlyMap<string, number> = new Map(
  DISCIPLINES.map((d) => [
    d.slug,
    ISSUE_TYPES.reduce((sum, t) => sum + t.plannedProjects.value * affinity(t.slug, d.slug), 0),
  ]),
);

const TEACHER_AVAILABILITY: readonly number[] = [0.3, 0.2, 0.2, 0.3];
const STUDENT_AVAILABILITY: readonly number[] = [0.15, 0.25, 0.35, 0.25];
const AVAILABILITY_ORDER: readonly Availability[] = ['weekdays', 'evenings', 'weekends', 'flexible'];

/** Share of experts who state ranked project preferences. */
const PREFERENCE_SHARE = 0.3;
/** Share of teachers who can serve two projects. */
const TWO_PROJECT_TEACHER_SHARE = 0.35;

function generateExperts(seed: number, scale: number, kind: ExpertKind, projects: SeasonProject[]): SeasonExpert[] {
  const rng = Prng.derive(seed, `experts/${kind}`);
  const experts: SeasonExpert[] = [];
  for (const u of UNIVERSITIES) {
    const total = (kind === 'teacher' ? u.plannedTeachers.value : u.plannedStudents.value) * scale;
    const perCollege = allocateToColleges(u, total);
    u.colleges.forEach((college, c) => {
      for (let k = 0; k < perCollege[c]; k++) experts.push(draftExpert(rng, kind, u, college, k));
    });
  }
  rng.shuffle(experts);

  // Ids follow the shuffled order, so expert id order says nothing about university or college.
  const prefix = kind === 'teacher' ? 'T' : 'S';
  const prefRng = Prng.derive(seed, `experts/${kind}/preferences`);
  const byPrimary = projectsByPrimaryIssue(projects);
  experts.forEach((e, index) => {
    e.id = prefix + String(index + 1).padStart(EXPERT_ID_WIDTH, '0');
    if (prefRng.chance(PREFERENCE_SHARE)) e.preferences = pickPreferences(prefRng, e, projects, byPrimary);
  });
  return experts;
}

/** Splits a university's experts over its colleges by discipline demand (largest remainder, at least 1 each). */
function allocateToColleges(u: University, total: number): number[] {
  const weights = u.colleges.map((c) => c.disciplines.reduce((s, d) => s + DISCIPLINE_DEMAND.get(d)!, 0));
  const n = u.colleges.length;
  const base = total >= n ? 1 : 0;
  const rest = total - base * n;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const counts = exact.map((x) => base + Math.floor(x));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    counts[i]++;
    left--;
  }
  return counts;
}

function draftExpert(
  rng: Prng,
  kind: ExpertKind,
  u: University,
  college: College,
  indexInCollege: number,
): SeasonExpert {
  const name = syntheticPersonName(rng);
  const hosted = college.disciplines;
  const count = Math.min(hosted.length, 1 + rng.weightedIndex(EXTRA_DISCIPLINE_ODDS));
  const weights = [...collegeDemand(college)];
  const disciplines: string[] = [];
  for (let k = 0; k < count; k++) {
    // The college's first experts take each hosted discipline in turn as primary, so every discipline is present.
    const i = k === 0 && indexInCollege < hosted.length ? indexInCollege : rng.weightedIndex(weights);
    disciplines.push(hosted[i]);
    weights[i] = 0; // without replacement
  }
  const capacity = kind === 'teacher' && rng.chance(TWO_PROJECT_TEACHER_SHARE) ? 2 : 1;
  const availability =
    AVAILABILITY_ORDER[rng.weightedIndex(kind === 'teacher' ? TEACHER_AVAILABILITY : STUDENT_AVAILABILITY)];
  return {
    id: '', // assigned after the shuffle
    kind,
    nameZh: name.zh,
    nameEn: name.en,
    universityId: u.id,
    collegeId: college.id,
    disciplines,
    location: { ...u.campus.location },
    capacity,
    availability,
    preferences: [],
  };
}

/** Odds of an expert having 1, 2 or 3 disciplines (capped by what the college hosts). */
const EXTRA_DISCIPLINE_ODDS: readonly number[] = [0.5, 0.35, 0.15];

const collegeDemandCache = new Map<string, readonly number[]>();
/** Demand of each discipline a college hosts, in the college's order. */
function collegeDemand(college: College): readonly number[] {
  let w = collegeDemandCache.get(college.id);
  if (!w) {
    w = college.disciplines.map((d) => DISCIPLINE_DEMAND.get(d)!);
    collegeDemandCache.set(college.id, w);
  }
  return w;
}

/** Projects grouped by primary issue type (catalogue order), and per discipline set the weight of each group. */
interface PrimaryIndex {
  pools: number[][];
  issueWeights(disciplines: readonly string[]): readonly number[];
}

function projectsByPrimaryIssue(projects: SeasonProject[]): PrimaryIndex {
  const position = new Map(ISSUE_TYPES.map((t, i) => [t.slug, i] as const));
  const pools: number[][] = ISSUE_TYPES.map(() => []);
  projects.forEach((p, i) => pools[position.get(p.issueTypes[0])!].push(i));
  const cache = new Map<string, readonly number[]>();
  return {
    pools,
    issueWeights(disciplines) {
      const key = disciplines.join('|');
      let w = cache.get(key);
      if (!w) {
        // Best affinity squared (favours a strong fit) x how many projects have that primary issue type.
        w = ISSUE_TYPES.map((t, i) => {
          const best = Math.max(...disciplines.map((d) => affinity(t.slug, d)));
          return best * best * pools[i].length;
        });
        cache.set(key, w);
      }
      return w;
    },
  };
}

/**
 * 1-5 ranked projects: an issue type drawn by the expert's fit to it (see PrimaryIndex),
 * then the nearest to campus of three random projects of that type. Cost is independent of the season's size.
 */
function pickPreferences(
  rng: Prng,
  expert: SeasonExpert,
  projects: SeasonProject[],
  byPrimary: PrimaryIndex,
): string[] {
  const wanted = rng.int(1, 5);
  const issueWeights = byPrimary.issueWeights(expert.disciplines);
  const chosen: string[] = [];
  for (let attempt = 0; chosen.length < wanted && attempt < wanted * 4; attempt++) {
    const pool = byPrimary.pools[rng.weightedIndex(issueWeights)];
    let best: SeasonProject | undefined;
    let bestKm = Infinity;
    for (let k = 0; k < 3; k++) {
      const p = projects[pool[Math.floor(rng.next() * pool.length)]];
      const km = distanceKm(expert.location, p.location);
      if (km < bestKm) {
        best = p;
        bestKm = km;
      }
    }
    if (best && !chosen.includes(best.id)) chosen.push(best.id);
  }
  return chosen;
}
