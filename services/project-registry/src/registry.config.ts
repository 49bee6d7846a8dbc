import { BaseServiceConfig } from '@civic/platform';

/** project-registry's settings: only the shared ones so far. */
export class RegistryConfig extends BaseServiceConfig {}

export const REGISTRY_DEFAULTS = {
  PORT: '3001',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/civic_registry',
};
