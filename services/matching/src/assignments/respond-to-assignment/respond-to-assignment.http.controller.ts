import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import type { AssignmentSnapshotV1 } from '@civic/contracts';
import { AssignmentDoc } from '../../shared/assignment.openapi';
import { CoordinatorUniversity } from '../coordinator/coordinator-university.decorator';
import { AssignmentParams, DeclineAssignmentDto } from './decline-assignment.dto';
import { RespondToAssignmentService } from './respond-to-assignment.service';

@ApiTags('coordinators')
@Authorize('admin', { coordinator: { path: 'universityId' } })
@Controller('universities/:universityId/assignments/:assignmentId')
export class RespondToAssignmentHttpController {
  constructor(private readonly service: RespondToAssignmentService) {}

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a proposal (repeating it is harmless)' })
  @ApiOkResponse({ type: AssignmentDoc, description: 'the accepted assignment' })
  @ApiNotFoundResponse({ description: "no such assignment among this university's" })
  @ApiConflictResponse({ description: 'already declined or expired (already_decided), or past its deadline (proposal_expired)' })
  accept(@CoordinatorUniversity() universityId: string, @Param() p: AssignmentParams): Promise<AssignmentSnapshotV1> {
    return this.service.respond(universityId, p.assignmentId, { kind: 'accept' });
  }

  @Post('decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline a proposal with a reason; the freed slot is re-matched shortly after' })
  @ApiOkResponse({ type: AssignmentDoc, description: 'the declined assignment' })
  @ApiNotFoundResponse({ description: "no such assignment among this university's" })
  @ApiConflictResponse({ description: 'already accepted or expired (already_decided), or past its deadline (proposal_expired)' })
  decline(@CoordinatorUniversity() universityId: string, @Param() p: AssignmentParams, @Body() dto: DeclineAssignmentDto): Promise<AssignmentSnapshotV1> {
    return this.service.respond(universityId, p.assignmentId, { kind: 'decline', reason: dto.reason, note: dto.note ?? null });
  }
}
