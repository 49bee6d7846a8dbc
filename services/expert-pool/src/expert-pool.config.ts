import { BaseServiceConfig, toInt } from '@civic/platform';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** expert-pool's settings: the shared ones plus how long imports wait for projects it has not heard of yet. */
export class ExpertPoolConfig extends BaseServiceConfig {
  /**
   * An expert import whose preferences name projects expert-pool has not heard of yet waits for them while projects
   * keep arriving from project-registry, and gives up (rejecting those rows) once none has arrived for this long.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  IMPORT_PREFERENCES_WAIT_MS = 30_000;
}

export const EXPERT_POOL_DEFAULTS = {
  PORT: '3002',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/civic_experts',
};
