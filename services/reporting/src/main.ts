import 'reflect-metadata';
import { ALL_TOPICS } from '@civic/contracts';
import { bootstrapService } from '@civic/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { REPORTING_DEFAULTS, ReportingConfig } from './reporting.config';

void bootstrapService({
  name: SERVICE_NAME,
  title: 'Civic Match reporting',
  description: 'Coverage and fill reports and the HTTP event feed, built only from events.',
  configClass: ReportingConfig,
  defaults: REPORTING_DEFAULTS,
  module: (config) => AppModule.forConfig(config),
  consumes: ALL_TOPICS,
});
