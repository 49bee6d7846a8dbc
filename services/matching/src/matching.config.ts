import { BaseServiceConfig, toInt } from '@civic/platform';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** matching's settings: the shared ones plus rounds, re-matching and proposal expiry. */
export class MatchingConfig extends BaseServiceConfig {
  /** How long the Redis round lock lives without a refresh (refreshed every third of it while held), so a dead holder's goes soon. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  ROUND_LOCK_TTL_MS = 10_000;

  /** A solve running longer than this is stopped and the round fails. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  ROUND_SOLVE_TIMEOUT_MS = 600_000;

  /** How often the process running a round beats its heartbeat, and checks for other processes' lost rounds. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  ROUND_HEARTBEAT_MS = 2000;

  /**
   * The nice value of the engine's worker thread (0 = as the service, up to 19 = lowest). A solve keeps a core busy
   * for a while; at a lower priority it yields to the service's event loop (answers to coordinators, the consumer)
   * when the cores are contended, and takes the idle time otherwise.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(19)
  ENGINE_NICE = 10;

  /** A running round whose heartbeat is older than this is taken as lost (its process died) and marked failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  ROUND_STALE_MS = 10_000;

  /** Declines arriving within this window are re-matched together. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  REMATCH_BATCH_MS = 500;

  /** Default time a coordinator has to answer a proposal (a round may set its own). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PROPOSAL_RESPONSE_WINDOW_SECONDS = 7 * 24 * 3600;

  /** How often overdue proposals are expired, lost rounds failed and pending re-matches resumed. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  SWEEP_INTERVAL_MS = 30_000;

  /**
   * A pause between the solve and the storing phase (0 in production). Tests set it to cancel a round between its
   * phases deterministically: a solve of a small instance is over in milliseconds.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  ROUND_PAUSE_BEFORE_STORING_MS = 0;

  /** How long the publishing phase waits for the relay to hand the round's events to Kafka. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  PUBLISH_WAIT_MS = 30_000;
}

export const MATCHING_DEFAULTS = {
  PORT: '3003',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/civic_matching',
};
