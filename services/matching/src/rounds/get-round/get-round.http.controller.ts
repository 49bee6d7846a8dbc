import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Authorize } from '@civic/auth';
import { ASSIGNMENT_STATUSES, AssignmentSnapshotV1, AssignmentStatus } from '@civic/contracts';
import { ApiError, type JsonAnswerCache, PageLimitQuery, sendJsonAnswer } from '@civic/platform';
import type { Request, Response } from 'express';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { ASSIGNMENT_ANSWERS } from '../../assignments/assignment-answers';
import { AssignmentStore } from '../../assignments/assignment.store';
import { AssignmentDoc } from '../../assignments/assignment.openapi';
import { toAssignmentSnapshot } from '../../assignments/domain/assignment.record';
import { RoundIdParams } from '../start-round/start-round.dto';
import { RoundStore } from '../round.store';
import { RoundViewDoc } from './round.openapi';
import { RoundView, toRoundView } from './round.view';

export class ListRoundsQuery extends PageLimitQuery {}

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
    @InjectDataSource() private readonly db: DataSource,
    private readonly rounds: RoundStore,
    private readonly assignments: AssignmentStore,
    @Inject(ASSIGNMENT_ANSWERS) private readonly answers: JsonAnswerCache,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Recent rounds, newest first' })
  @ApiOkResponse({ type: [RoundViewDoc], description: 'rounds without their figures' })
  async list(@Query() q: ListRoundsQuery): Promise<RoundView[]> {
    const rounds = await this.rounds.list(this.db.manager, q.limit ?? 50);
    return rounds.map((r) => toRoundView(r));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A round: its phase and progress while it runs, its figures once solved' })
  @ApiOkResponse({ type: RoundViewDoc, description: 'the round with a summary (objective, live figures, unfilled slots) once solved' })
  @ApiNotFoundResponse({ description: 'no such round' })
  async get(@Param() p: RoundIdParams): Promise<RoundView> {
    const round = await this.rounds.findById(this.db.manager, p.id);
    if (!round) throw ApiError.notFound('round', p.id);
    const [live, teams] = await Promise.all([this.rounds.liveFigures(this.db.manager, round), this.rounds.loadTeams(this.db.manager, round.id)]);
    return toRoundView(round, live, teams);
  }

  @Get(':id/assignments')
  @ApiOperation({ summary: "A round's assignments (administrators; coordinators use /universities/{id}/assignments)" })
  @ApiOkResponse({ type: [AssignmentDoc], description: 'assignments ordered by id; their ETag changes with them (If-None-Match: 304)' })
  @ApiNotFoundResponse({ description: 'no such round' })
  async assignmentsOf(@Param() p: RoundIdParams, @Query() q: RoundAssignmentsQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    // A round, once stored, is never deleted: only its assignments change what this answers.
    await sendJsonAnswer(req, res, await this.answers.answer(JSON.stringify(['round', p.id, q.status ?? null]), () => this.roundAssignments(p.id, q.status)));
  }

  private async roundAssignments(roundId: string, status: AssignmentStatus[] | undefined): Promise<AssignmentSnapshotV1[]> {
    const round = await this.rounds.findById(this.db.manager, roundId);
    if (!round) throw ApiError.notFound('round', roundId);
    return (await this.assignments.ofRound(this.db.manager, roundId, status)).map(toAssignmentSnapshot);
  }
}
