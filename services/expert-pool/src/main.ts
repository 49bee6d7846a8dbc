import 'reflect-metadata';
import { TOPICS } from '@civic/contracts';
import { bootstrapService } from '@civic/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { EXPERT_POOL_DEFAULTS, ExpertPoolConfig } from './expert-pool.config';

void bootstrapService({
  name: SERVICE_NAME,
  title: 'Civic Match expert pool',
  description:
    'Teachers and students of the ten university think tanks of Shanghai\'s 美好社区 先锋行动: capacity, disciplines, availability, ' +
    'preferences, bulk import; and the catalogue of universities, colleges and disciplines.',
  configClass: ExpertPoolConfig,
  defaults: EXPERT_POOL_DEFAULTS,
  module: (config) => AppModule.forConfig(config),
  // Project events feed the known_project table that expert preferences are checked against.
  consumes: [TOPICS.projects],
  // Imports of thousands of rows arrive as JSON or CSV; CSV comes as bytes so a non-UTF-8 file can be refused.
  bodyLimit: '20mb',
  rawBody: { types: ['text/csv'], limit: '20mb' },
});
