import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import type { AssignmentSnapshotV1 } from '@civic/contracts';
import { AssignmentDoc } from '../../shared/assignment.openapi';
import { CoordinatorUniversity } from '../coordinator/coordinator-university.decorator';
import { DeclineTeamDto, TeamParams } from './respond-to-team.dto';
import { RespondToTeamService, TeamAnswer } from './respond-to-team.service';

class TeamAnswerDoc implements TeamAnswer {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ example: 'P00001' }) projectId!: string;
  @ApiProperty({ example: 'fdu' }) universityId!: string;
  @ApiProperty({ enum: ['accept', 'decline'] }) decision!: 'accept' | 'decline';
  @ApiProperty({ description: 'proposals this answer changed' }) changed!: number;
  @ApiProperty({ type: [AssignmentDoc], description: "every assignment of the university's team on the project, by id" }) assignments!: AssignmentSnapshotV1[];
}

const CONFLICTS =
  'the round has mixed teams (not_one_university), the team has no proposal left (already_decided), a member accepted already (team_partly_accepted, decline only), or a proposal passed its deadline (proposal_expired)';

@ApiTags('coordinators')
@Authorize('admin', { coordinator: { path: 'universityId' } })
@Controller('universities/:universityId/rounds/:roundId/projects/:projectId')
export class RespondToTeamHttpController {
  constructor(private readonly service: RespondToTeamService) {}

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({ summary: "Accept every proposal of the university's team on a project (one-university rounds)" })
  @ApiOkResponse({ type: TeamAnswerDoc, description: "the team's assignments after the answer" })
  @ApiNotFoundResponse({ description: 'no such round, or the university has no team on the project' })
  @ApiConflictResponse({ description: CONFLICTS })
  accept(@CoordinatorUniversity() universityId: string, @Param() p: TeamParams): Promise<TeamAnswer> {
    return this.service.respond(universityId, p.roundId, p.projectId, { kind: 'accept' });
  }

  @Post('decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline the whole project with a reason: every proposal of the team is declined and the project is re-matched to another university' })
  @ApiOkResponse({ type: TeamAnswerDoc, description: "the team's assignments after the answer" })
  @ApiNotFoundResponse({ description: 'no such round, or the university has no team on the project' })
  @ApiConflictResponse({ description: CONFLICTS })
  decline(@CoordinatorUniversity() universityId: string, @Param() p: TeamParams, @Body() dto: DeclineTeamDto): Promise<TeamAnswer> {
    return this.service.respond(universityId, p.roundId, p.projectId, { kind: 'decline', reason: dto.reason, note: dto.note ?? null });
  }
}
