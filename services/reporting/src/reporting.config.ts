import { BaseServiceConfig } from '@civic/platform';

/** reporting's settings: only the shared ones so far. */
export class ReportingConfig extends BaseServiceConfig {}

export const REPORTING_DEFAULTS = {
  PORT: '3004',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/civic_reporting',
};
