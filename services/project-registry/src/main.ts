import 'reflect-metadata';
import { bootstrapService } from '@civic/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { REGISTRY_DEFAULTS, RegistryConfig } from './registry.config';

void bootstrapService({
  name: SERVICE_NAME,
  title: 'Civic Match project registry',
  description: "Action teams' community projects: register, read, update, withdraw, import.",
  configClass: RegistryConfig,
  defaults: REGISTRY_DEFAULTS,
  module: (config) => AppModule.forConfig(config),
});
