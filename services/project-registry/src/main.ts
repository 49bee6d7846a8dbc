import 'reflect-metadata';
import { bootstrapService } from '@civic/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { REGISTRY_DEFAULTS, RegistryConfig } from './registry.config';

void bootstrapService({
  name: SERVICE_NAME,
  title: 'Civic Match project registry',
  description: "Action teams' community projects of Shanghai's 美好社区 先锋行动: register, read, list, update, withdraw, bulk import.",
  configClass: RegistryConfig,
  defaults: REGISTRY_DEFAULTS,
  module: (config) => AppModule.forConfig(config),
  // Imports of thousands of rows arrive as JSON or CSV; CSV comes as bytes so a non-UTF-8 file can be refused.
  bodyLimit: '20mb',
  rawBody: { types: ['text/csv'], limit: '20mb' },
});
