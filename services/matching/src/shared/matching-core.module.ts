import { Module } from '@nestjs/common';
import { AssignmentStore } from './assignment.store';
import { EngineRunner, WorkerThreadEngineRunner } from './engine/engine-runner';
import { RedisLocks } from './infrastructure/round-lock';
import { RoundOwner } from './infrastructure/round-owner';
import { RoundStore } from './round.store';

/**
 * What the rounds and assignments contexts share and neither owns: the stores of the round and assignment tables,
 * the engine's worker thread (one per process), the Redis locks and this process's identity as a round owner.
 */
@Module({
  providers: [RoundStore, AssignmentStore, RedisLocks, RoundOwner, { provide: EngineRunner, useClass: WorkerThreadEngineRunner }],
  exports: [RoundStore, AssignmentStore, RedisLocks, RoundOwner, EngineRunner],
})
export class MatchingCoreModule {}
