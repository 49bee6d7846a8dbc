import { Module } from '@nestjs/common';
import { ReadModelModule } from '../read-model/read-model.module';
import { MatchingCoreModule } from '../shared/matching-core.module';
import { CancelRoundHttpController } from './cancel-round/cancel-round.http.controller';
import { CancelRoundService } from './cancel-round/cancel-round.service';
import { EditDraftHttpController } from './edit-draft/edit-draft.http.controller';
import { EditDraftService } from './edit-draft/edit-draft.service';
import { RoundLiveness } from './end-lost-rounds/round-liveness.service';
import { GetRoundHttpController } from './get-round/get-round.http.controller';
import { GetRoundService } from './get-round/get-round.service';
import { DraftSolver } from './lifecycle/draft-solver';
import { LifecycleStore } from './lifecycle.store';
import { PreflightHttpController } from './preflight/preflight.http.controller';
import { PreflightService } from './preflight/preflight.service';
import { PublishRoundHttpController } from './publish-round/publish-round.http.controller';
import { PublishRoundService } from './publish-round/publish-round.service';
import { RoundRunner } from './run-round/round-runner.service';
import { StartRoundHttpController } from './start-round/start-round.http.controller';
import { StartRoundService } from './start-round/start-round.service';
import { WithdrawRoundHttpController } from './withdraw-round/withdraw-round.http.controller';
import { WithdrawRoundService } from './withdraw-round/withdraw-round.service';

/**
 * Rounds: starting and running them, their lifecycle (preflight, drafts and their edits, publishing, cancelling,
 * withdrawing) and ending the rounds a dead process left running.
 */
@Module({
  imports: [MatchingCoreModule, ReadModelModule],
  controllers: [
    StartRoundHttpController,
    PreflightHttpController,
    GetRoundHttpController,
    EditDraftHttpController,
    PublishRoundHttpController,
    CancelRoundHttpController,
    WithdrawRoundHttpController,
  ],
  providers: [
    LifecycleStore,
    DraftSolver,
    RoundRunner,
    RoundLiveness,
    StartRoundService,
    PreflightService,
    GetRoundService,
    EditDraftService,
    PublishRoundService,
    CancelRoundService,
    WithdrawRoundService,
  ],
})
export class RoundsModule {}
