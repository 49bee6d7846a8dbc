/**
 * A generated season: synthetic projects and experts shaped by the catalogue's counts. Richer than the matching
 * instance (names, streets, community types, availability), so the import CSV files can be written from it.
 */
import type { Availability, ExpertKind, GeoPoint, SlotRange } from '@civic/contracts';

export interface SeasonOptions {
  /** Any integer 0..2^32-1; the same seed and scale always give the same season. */
  seed: number;
  /** Every count is multiplied by this positive integer (default 1: the 175-project Shanghai season). */
  scale?: number;
}

export interface SeasonProject {
  /** 'P00001'...; fixed width, so string order is numeric order. Also the external key in the CSV. */
  id: string;
  nameZh: string;
  nameEn: string;
  districtId: string;
  /** Lead street or town (9-digit statistical code) in the project's district. */
  streetCode: string;
  /** Other streets/towns of a cross-region project (possibly in a neighbouring district); else empty. */
  partnerStreetCodes: string[];
  communityType: string;
  /** 1-3 issue type slugs; the first is primary. */
  issueTypes: string[];
  /** 0-3 discipline slugs the action team asks for, drawn from the primary issue type's strong affinities. */
  wantedDisciplines: string[];
  location: GeoPoint;
  slots: Record<ExpertKind, SlotRange>;
}

export interface SeasonExpert {
  /** 'T000001'... for teachers, 'S000001'... for students. Also the external key in the CSV. */
  id: string;
  kind: ExpertKind;
  nameZh: string;
  nameEn: string;
  universityId: string;
  collegeId: string;
  /** 1-3 discipline slugs hosted by the expert's college; the first is primary. */
  disciplines: string[];
  /** The university's main campus. */
  location: GeoPoint;
  /** Projects the expert can serve this round: students 1, teachers 1 or 2. */
  capacity: number;
  availability: Availability;
  /** Ranked project ids, most wanted first; empty for about 70% of experts. */
  preferences: string[];
}

export interface Season {
  /** Bumped whenever the generator's rules change, so stored data sets say which rules made them. */
  generatorVersion: number;
  seed: number;
  scale: number;
  projects: SeasonProject[];
  teachers: SeasonExpert[];
  students: SeasonExpert[];
}

/** Totals of a season, and whether its minimum demands fit its capacity. */
export interface SeasonSummary {
  projects: number;
  teachers: number;
  students: number;
  districts: number;
  universities: number;
  colleges: number;
  disciplines: number;
  byPrimaryIssueType: Record<string, number>;
  byDistrict: Record<string, number>;
  byCommunityType: Record<string, number>;
  teacherMinSum: number;
  teacherMaxSum: number;
  teacherCapacity: number;
  studentMinSum: number;
  studentMaxSum: number;
  studentCapacity: number;
  expertsWithPreferences: number;
  /** True when, per kind, the sum of project minimums is at most the experts' total capacity. */
  minimumsSatisfiable: boolean;
}
