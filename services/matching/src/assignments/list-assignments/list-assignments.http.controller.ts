import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { AssignmentPageDoc, type AssignmentPage } from '../../shared/assignment.openapi';
import { CoordinatorUniversity } from '../coordinator/coordinator-university.decorator';
import { ListAssignmentsQuery } from './list-assignments.query';
import { ListAssignmentsService } from './list-assignments.service';

@ApiTags('coordinators')
@Authorize('admin', { coordinator: { path: 'universityId' } })
@Controller('universities/:universityId/assignments')
export class ListAssignmentsHttpController {
  constructor(private readonly service: ListAssignmentsService) {}

  @Get()
  @ApiOperation({ summary: "A university coordinator's view: the assignments of the university's teachers and students" })
  @ApiParam({ name: 'universityId', example: 'fdu' })
  @ApiOkResponse({ type: AssignmentPageDoc, description: 'a page of assignments ordered by id' })
  @ApiNotFoundResponse({ description: 'unknown university' })
  list(@CoordinatorUniversity() universityId: string, @Query() q: ListAssignmentsQuery): Promise<AssignmentPage> {
    return this.service.list(universityId, q);
  }
}
