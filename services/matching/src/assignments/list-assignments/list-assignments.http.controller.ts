import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Authorize } from '@civic/auth';
import { type JsonAnswerCache, sendJsonAnswer } from '@civic/platform';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { ASSIGNMENT_ANSWERS } from '../assignment-answers';
import { AssignmentPageDoc, type AssignmentPage } from '../assignment.openapi';
import { CoordinatorUniversity } from '../coordinator/coordinator-university.decorator';
import { ASSIGNMENT_COLUMNS, AssignmentRow, toAssignmentSnapshot } from '../domain/assignment.record';
import { ListAssignmentsQuery } from './list-assignments.query';

@ApiTags('coordinators')
@Authorize('admin', { coordinator: { path: 'universityId' } })
@Controller('universities/:universityId/assignments')
export class ListAssignmentsHttpController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ASSIGNMENT_ANSWERS) private readonly answers: JsonAnswerCache,
  ) {}

  @Get()
  @ApiOperation({ summary: "A university coordinator's view: the assignments of the university's teachers and students" })
  @ApiParam({ name: 'universityId', example: 'fdu' })
  @ApiOkResponse({ type: AssignmentPageDoc, description: 'a page of assignments ordered by id; its ETag changes with it (If-None-Match: 304)' })
  @ApiNotFoundResponse({ description: 'unknown university' })
  async list(@CoordinatorUniversity() universityId: string, @Query() q: ListAssignmentsQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    const key = JSON.stringify(['university', universityId, q.roundId ?? null, q.status ?? null, q.kind ?? null, q.after ?? null, q.limit ?? null]);
    await sendJsonAnswer(req, res, await this.answers.answer(key, () => this.page(universityId, q)));
  }

  private async page(universityId: string, q: ListAssignmentsQuery): Promise<AssignmentPage> {
    const limit = q.limit ?? 500;
    const rows: AssignmentRow[] = await this.db.query(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM assignment
       WHERE university_id = $1 AND ($2::uuid IS NULL OR round_id = $2) AND ($3::text[] IS NULL OR status = ANY($3))
         AND ($4::text IS NULL OR kind = $4) AND ($5::uuid IS NULL OR id > $5)
       ORDER BY id LIMIT $6`,
      [universityId, q.roundId ?? null, q.status?.length ? q.status : null, q.kind ?? null, q.after ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    return { assignments: page.map(toAssignmentSnapshot), next: rows.length > limit ? page[page.length - 1].id : null };
  }
}
