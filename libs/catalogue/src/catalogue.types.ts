/**
 * Shapes of the catalogue: the reference data of the Shanghai 美好社区 先锋行动 season.
 * Every fact carries where it comes from, so a screen can show an invented number as an estimate, never as fact.
 */
import type { GeoPoint } from '@civic/contracts';

/** 'article' = stated in the source article; 'real' = real-world fact; 'plausible' = invented or estimated. */
export type Provenance = 'article' | 'real' | 'plausible';

/** V = verified in public text, K = general knowledge (high confidence), P = plausible / check before showing. */
export type Confidence = 'V' | 'K' | 'P';

/** A value together with the provenance of that value (which may differ from its record's). */
export interface Sourced<T> {
  readonly value: T;
  readonly provenance: Provenance;
}

export type DistrictZone = 'central' | 'pudong_mixed' | 'suburban';

/** 'street' = 街道 (and non-township units such as 菊园新区); 'town' = 镇 or 乡. */
export type StreetKind = 'street' | 'town';

export interface StreetRecord {
  /** 9-digit statistical division code (district code + 3 digits). */
  readonly code: string;
  readonly zh: string;
  readonly kind: StreetKind;
  readonly provenance: Provenance;
  /** A case known in this street (from the article or other real reports). */
  readonly note?: Sourced<string>;
  /** A place in this street named in the source, with an approximate location (±1-3 km). */
  readonly place?: { readonly zh: string; readonly location: GeoPoint; readonly provenance: Provenance };
}

export interface Street extends StreetRecord {
  readonly districtId: string;
}

export interface DistrictRecord {
  /** Stable slug, e.g. 'huangpu', 'pudong'. */
  readonly id: string;
  /** 6-digit statistical code, e.g. '310101'. */
  readonly code: string;
  readonly zh: string;
  readonly pinyin: string;
  readonly en: string;
  readonly zone: DistrictZone;
  /** Official number of 街道 in the district (not the number of sample streets listed here). */
  readonly streetCount: number;
  /** Official number of 镇 + 乡 in the district. */
  readonly townCount: number;
  readonly areaKm2: number;
  readonly population2020Wan: number;
  /** Approximate area centroid (WGS-84); good for maps, not for geocoding. */
  readonly centroid: GeoPoint;
  readonly centroidToleranceKm: number;
  /** How many of the season's 175 projects are in this district (an estimate). */
  readonly plannedProjects: Sourced<number>;
  readonly provenance: Provenance;
  /** Sample streets and towns (real, with statistical codes); not the full list. */
  readonly streets: readonly StreetRecord[];
}

export interface District extends Omit<DistrictRecord, 'streets'> {
  readonly streets: readonly Street[];
}

export interface CollegeRecord {
  /** Stable id, prefixed by the university id, e.g. 'fdu_ssdpp'. */
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  readonly provenance: Provenance;
  readonly confidence: Confidence;
  /** Discipline slugs the college hosts (a plausible mapping). */
  readonly disciplines: readonly string[];
}

export interface College extends CollegeRecord {
  readonly universityId: string;
}

/** How the university is known to take part: named in the article, implied by it, or assumed. */
export type Participation = 'named' | 'implied' | 'assumed';

export interface UniversityRecord {
  /** Stable id, e.g. 'fdu'. */
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  readonly participation: Sourced<Participation>;
  readonly campus: { readonly name: string; readonly districtId: string; readonly location: GeoPoint };
  readonly plannedProjects: Sourced<number>;
  readonly plannedTeachers: Sourced<number>;
  readonly plannedStudents: Sourced<number>;
  /** The university's think tank on urban or community governance, when one is known. */
  readonly anchor?: string;
  readonly provenance: Provenance;
  readonly colleges: readonly CollegeRecord[];
}

export interface University extends Omit<UniversityRecord, 'colleges'> {
  readonly colleges: readonly College[];
}

export interface DisciplineRecord {
  /** Stable slug, e.g. 'sociology'. */
  readonly slug: string;
  readonly zh: string;
  readonly en: string;
  /** UG = undergraduate catalogue, PG = graduate catalogue (2022). */
  readonly level: 'UG' | 'PG';
  readonly code: string;
  /** 学科门类, e.g. 法学 / Law. */
  readonly category: { readonly zh: string; readonly en: string };
  readonly provenance: Provenance;
  readonly confidence: Confidence;
  /** Host colleges (a plausible mapping onto the 42 colleges). */
  readonly colleges: Sourced<readonly string[]>;
}

export type Discipline = DisciplineRecord;

export interface IssueTypeRecord {
  /** Stable slug, e.g. 'pain_points'. */
  readonly slug: string;
  readonly zh: string;
  readonly en: string;
  /** A short English label for lists and synthetic names. */
  readonly shortEn: string;
  /** 'article' when the article names this area of work, 'plausible' when inferred from its cases. */
  readonly provenance: Provenance;
  /** Projects with this primary issue type in the 175-project season. */
  readonly plannedProjects: Sourced<number>;
  readonly content: string;
  readonly where: string;
}

export type IssueType = IssueTypeRecord;

export interface CommunityTypeRecord {
  /** Stable slug: residential, block, village, cross_region. */
  readonly slug: string;
  readonly zh: string;
  readonly en: string;
  readonly provenance: Provenance;
  readonly plannedProjects: Sourced<number>;
  readonly where: string;
}

export type CommunityType = CommunityTypeRecord;
