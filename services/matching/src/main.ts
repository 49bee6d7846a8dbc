import 'reflect-metadata';
import { TOPICS } from '@civic/contracts';
import { bootstrapService } from '@civic/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { MATCHING_DEFAULTS, MatchingConfig } from './matching.config';

void bootstrapService({
  name: SERVICE_NAME,
  title: 'Civic Match matching',
  description: 'Matching rounds over its own read model of projects and experts.',
  configClass: MatchingConfig,
  defaults: MATCHING_DEFAULTS,
  module: (config) => AppModule.forConfig(config),
  consumes: [TOPICS.projects, TOPICS.experts],
});
