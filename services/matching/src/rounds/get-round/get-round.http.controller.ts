import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { ASSIGNMENT_STATUSES, AssignmentStatus, type Page, type RoundView } from '@civic/contracts';
import { type JsonAnswerCache, PageDoc, PageQuery, sendJsonAnswer } from '@civic/platform';
import type { Request, Response } from 'express';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { ASSIGNMENT_ANSWERS } from '../../shared/assignment-answers';
import { AssignmentDoc } from '../../shared/assignment.openapi';
import { RoundIdParams } from '../start-round/start-round.dto';
import { GetRoundService } from './get-round.service';
import { RoundViewDoc } from './round.openapi';

/** `?page=&pageSize=` of GET /rounds. */
export class ListRoundsQuery extends PageQuery {}

/** OpenAPI of GET /rounds' answer. */
export class RoundPageDoc extends PageDoc {
  @ApiProperty({ type: [RoundViewDoc] }) items!: RoundViewDoc[];
}

export class RoundAssignmentsQuery {
  @ApiPropertyOptional({ description: 'comma-separated statuses', example: 'proposed,accepted' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsIn(ASSIGNMENT_STATUSES as AssignmentStatus[], { each: true, message: 'each value in status must be proposed, accepted, declined or expired' })
  status?: AssignmentStatus[];
}

@ApiTags('rounds')
@Authorize('admin')
@Controller('rounds')
export class GetRoundHttpController {
  constructor(
    private readonly service: GetRoundService,
    @Inject(ASSIGNMENT_ANSWERS) private readonly answers: JsonAnswerCache,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Rounds, newest first, a page at a time' })
  @ApiOkResponse({ type: RoundPageDoc, description: 'a page of rounds without their figures' })
  list(@Query() q: ListRoundsQuery): Promise<Page<RoundView>> {
    return this.service.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A round: its phase and progress while it runs, its figures once solved' })
  @ApiOkResponse({ type: RoundViewDoc, description: 'the round with a summary (objective, live figures, unfilled slots) once solved' })
  @ApiNotFoundResponse({ description: 'no such round' })
  get(@Param() p: RoundIdParams): Promise<RoundView> {
    return this.service.get(p.id);
  }

  @Get(':id/assignments')
  @ApiOperation({ summary: "A round's assignments (administrators; coordinators use /universities/{id}/assignments)" })
  @ApiOkResponse({ type: [AssignmentDoc], description: 'assignments ordered by id; their ETag changes with them (If-None-Match: 304)' })
  @ApiNotFoundResponse({ description: 'no such round' })
  async assignmentsOf(@Param() p: RoundIdParams, @Query() q: RoundAssignmentsQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    // A round, once stored, is never deleted: only its assignments change what this answers.
    await sendJsonAnswer(req, res, await this.answers.answer(JSON.stringify(['round', p.id, q.status ?? null]), () => this.service.assignmentsOf(p.id, q.status)));
  }
}
