/**
 * @civic/catalogue — the reference data of the Shanghai 美好社区 先锋行动 season (districts, universities,
 * colleges, disciplines, issue and community types, affinity) and a deterministic synthetic season generator.
 */
export * from './catalogue.types';
export * from './catalogue';
export * from './affinity';
export * from './season/season.types';
export { Prng, hash32 } from './season/prng';
export { SYNTHETIC_MARK, syntheticPersonName } from './season/names';
export type { SyntheticName } from './season/names';
export { GENERATOR_VERSION, MAX_SCALE, generateSeason } from './season/generate-season';
export { summarizeSeason } from './season/summarize-season';
export { seasonUniversityLimits, UNIVERSITY_LIMIT_SLACK } from './season/university-limits';
export { seasonCoordinators } from './season/coordinators';
export type { SeasonCoordinator } from './season/coordinators';
export {
  DEFAULT_MATCHING_OPTIONS,
  instanceJsonChunks,
  serializeInstance,
  toMatchingInstance,
} from './season/to-matching-instance';
export {
  CSV_EOL,
  EXPERT_CSV_COLUMNS,
  PROJECT_CSV_COLUMNS,
  csvField,
  csvRow,
  expertsCsv,
  expertsCsvLines,
  projectsCsv,
  projectsCsvLines,
  seasonCsvFiles,
  seasonCsvLines,
  toCsv,
} from './season/csv';
export type { SeasonCsvFileName } from './season/csv';
