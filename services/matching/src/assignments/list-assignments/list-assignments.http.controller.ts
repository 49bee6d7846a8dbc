import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { type JsonAnswerCache, sendJsonAnswer } from '@civic/platform';
import type { Request, Response } from 'express';
import { ASSIGNMENT_ANSWERS } from '../../shared/assignment-answers';
import { AssignmentPageDoc } from '../../shared/assignment.openapi';
import { CoordinatorUniversity } from '../coordinator/coordinator-university.decorator';
import { ListAssignmentsQuery } from './list-assignments.query';
import { ListAssignmentsService } from './list-assignments.service';

@ApiTags('coordinators')
@Authorize('admin', { coordinator: { path: 'universityId' } })
@Controller('universities/:universityId/assignments')
export class ListAssignmentsHttpController {
  constructor(
    private readonly service: ListAssignmentsService,
    @Inject(ASSIGNMENT_ANSWERS) private readonly answers: JsonAnswerCache,
  ) {}

  @Get()
  @ApiOperation({ summary: "A university coordinator's view: the assignments of the university's teachers and students" })
  @ApiParam({ name: 'universityId', example: 'fdu' })
  @ApiOkResponse({ type: AssignmentPageDoc, description: 'a page of assignments ordered by id; its ETag changes with it (If-None-Match: 304)' })
  @ApiNotFoundResponse({ description: 'unknown university' })
  async list(@CoordinatorUniversity() universityId: string, @Query() q: ListAssignmentsQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    const key = JSON.stringify(['university', universityId, q.roundId ?? null, q.status ?? null, q.kind ?? null, q.after ?? null, q.limit ?? null]);
    await sendJsonAnswer(req, res, await this.answers.answer(key, () => this.service.list(universityId, q)));
  }
}
