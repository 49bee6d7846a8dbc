import { BaseServiceConfig } from '@civic/platform';

/** expert-pool's settings: only the shared ones so far. */
export class ExpertPoolConfig extends BaseServiceConfig {}

export const EXPERT_POOL_DEFAULTS = {
  PORT: '3002',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/civic_experts',
};
