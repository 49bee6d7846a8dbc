import { BaseServiceConfig } from '@civic/platform';

/** matching's settings: only the shared ones so far. */
export class MatchingConfig extends BaseServiceConfig {}

export const MATCHING_DEFAULTS = {
  PORT: '3003',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/civic_matching',
};
