import { Module } from '@nestjs/common';
import { ReadModelModule } from '../read-model/read-model.module';
import { MatchingCoreModule } from '../shared/matching-core.module';
import { RoundSweeper } from './expire-proposals/round-sweeper.service';
import { ListAssignmentsHttpController } from './list-assignments/list-assignments.http.controller';
import { ListAssignmentsService } from './list-assignments/list-assignments.service';
import { RematchScheduler } from './rematch/rematch.scheduler';
import { RematchService } from './rematch/rematch.service';
import { RespondToAssignmentHttpController } from './respond-to-assignment/respond-to-assignment.http.controller';
import { RespondToAssignmentService } from './respond-to-assignment/respond-to-assignment.service';
import { RespondToTeamHttpController } from './respond-to-team/respond-to-team.http.controller';
import { RespondToTeamService } from './respond-to-team/respond-to-team.service';

/** A published round's assignments: coordinators' answers (one proposal or a whole team), expiry and re-matching. */
@Module({
  imports: [MatchingCoreModule, ReadModelModule],
  controllers: [ListAssignmentsHttpController, RespondToAssignmentHttpController, RespondToTeamHttpController],
  providers: [ListAssignmentsService, RespondToAssignmentService, RespondToTeamService, RematchService, RematchScheduler, RoundSweeper],
})
export class AssignmentsModule {}
