import { Module } from '@nestjs/common';
import { assignmentAnswersProvider } from '../assignments/assignment-answers';
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
import { CancelRoundHttpController } from './cancel-round/cancel-round.http.controller';
import { CancelRoundService } from './cancel-round/cancel-round.service';
import { EditDraftHttpController } from './edit-draft/edit-draft.http.controller';
import { EditDraftService } from './edit-draft/edit-draft.service';
import { DraftSolver } from './lifecycle/draft-solver';
import { LifecycleStore } from './lifecycle/lifecycle.store';
import { PreflightHttpController } from './preflight/preflight.http.controller';
import { PreflightService } from './preflight/preflight.service';
import { PublishRoundHttpController } from './publish-round/publish-round.http.controller';
import { PublishRoundService } from './publish-round/publish-round.service';
import { WithdrawRoundHttpController } from './withdraw-round/withdraw-round.http.controller';
import { WithdrawRoundService } from './withdraw-round/withdraw-round.service';

/**
 * Rounds and their assignments: starting and running rounds, the lifecycle (preflight, drafts and their edits,
 * publishing, cancelling, withdrawing), coordinators' answers, re-matching and expiry.
 */
@Module({
  controllers: [
    StartRoundHttpController,
    PreflightHttpController,
    GetRoundHttpController,
    EditDraftHttpController,
    PublishRoundHttpController,
    CancelRoundHttpController,
    WithdrawRoundHttpController,
    ListAssignmentsHttpController,
    RespondToAssignmentHttpController,
    RespondToTeamHttpController,
  ],
  providers: [
    RoundStore,
    LifecycleStore,
    DraftSolver,
    EditDraftService,
    PublishRoundService,
    CancelRoundService,
    WithdrawRoundService,
    PreflightService,
    AssignmentStore,
    assignmentAnswersProvider,
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
