import { Module } from '@nestjs/common';
import { assignmentAnswersProvider, ASSIGNMENT_ANSWERS } from './assignment-answers';
import { AssignmentStore } from './assignment.store';
import { EngineRunner, WorkerThreadEngineRunner } from './engine/engine-runner';
import { RedisLocks } from './infrastructure/round-lock';
import { RoundOwner } from './infrastructure/round-owner';
import { RoundStore } from './round.store';

/**
 * What the rounds and assignments contexts share and neither owns: the stores of the round and assignment tables,
 * the engine's worker thread (one per process), the Redis locks, this process's identity as a round owner, and the
 * cache of the assignment lists both contexts serve.
 */
@Module({
  providers: [RoundStore, AssignmentStore, assignmentAnswersProvider, RedisLocks, RoundOwner, { provide: EngineRunner, useClass: WorkerThreadEngineRunner }],
  exports: [RoundStore, AssignmentStore, ASSIGNMENT_ANSWERS, RedisLocks, RoundOwner, EngineRunner],
})
export class MatchingCoreModule {}
