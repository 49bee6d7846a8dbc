import 'reflect-metadata';
import { bootstrapService } from '@civic/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { EXPERT_POOL_DEFAULTS, ExpertPoolConfig } from './expert-pool.config';

void bootstrapService({
  name: SERVICE_NAME,
  title: 'Civic Match expert pool',
  description: 'Teachers and students of the think-tank universities: capacity, disciplines, availability, preferences.',
  configClass: ExpertPoolConfig,
  defaults: EXPERT_POOL_DEFAULTS,
  module: (config) => AppModule.forConfig(config),
});
