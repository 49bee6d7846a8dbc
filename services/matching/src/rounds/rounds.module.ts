import { Module } from '@nestjs/common';
import { AssignmentStore } from '../assignments/assignment.store';
import { RoundSweeper } from '../assignments/expire-proposals/round-sweeper.service';
import { ListAssignmentsHttpController } from '../assignments/list-assignments/list-assignments.http.controller';
import { RematchScheduler } from '../assignments/rematch/rematch.scheduler';
import { RematchService } from '../assignments/rematch/rematch.service';
import { RespondToAssignmentHttpController } from '../assignments/respond-to-assignment/respond-to-assignment.http.controller';
import { RespondToAssignmentService } from '../assignments/respond-to-assignment/respond-to-assignment.service';
import { RespondToTeamHttpController } from '../assignments/respond-to-team/respond-to-team.http.controller';
import { RespondToTeamService } from '../assignments/respond-to-team/respond-to-team.service';
import { GetRoundHttpController } from './get-round/get-round.http.controller';
import { RedisLocks } from './round-lock/round-lock';
import { RoundLiveness } from './round-liveness/round-liveness.service';
import { RoundOwner } from './round-liveness/round-owner';
import { RoundStore } from './round.store';
import { EngineRunner, WorkerThreadEngineRunner } from './run-round/engine-runner';
import { RoundRunner } from './run-round/round-runner.service';
import { StartRoundHttpController } from './start-round/start-round.http.controller';
import { StartRoundService } from './start-round/start-round.service';

/** Rounds and their assignments: starting and running rounds, coordinators' answers, re-matching and expiry. */
@Module({
  controllers: [StartRoundHttpController, GetRoundHttpController, ListAssignmentsHttpController, RespondToAssignmentHttpController, RespondToTeamHttpController],
  providers: [
    RoundStore,
    AssignmentStore,
    RedisLocks,
    RoundOwner,
    RoundLiveness,
    { provide: EngineRunner, useClass: WorkerThreadEngineRunner },
    RoundRunner,
    StartRoundService,
    RespondToAssignmentService,
    RespondToTeamService,
    RematchService,
    RematchScheduler,
    RoundSweeper,
  ],
})
export class RoundsModule {}
