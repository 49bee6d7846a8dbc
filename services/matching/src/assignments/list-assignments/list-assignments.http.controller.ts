import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Authorize } from '@civic/auth';
import { DataSource } from 'typeorm';
import { AssignmentPageDoc, type AssignmentPage } from '../assignment.openapi';
import { CoordinatorUniversity } from '../coordinator/coordinator-university.decorator';
import { ASSIGNMENT_COLUMNS, AssignmentRow, toAssignmentSnapshot } from '../domain/assignment.record';
import { ListAssignmentsQuery } from './list-assignments.query';

@ApiTags('coordinators')
@Authorize('admin', { coordinator: { path: 'universityId' } })
@Controller('universities/:universityId/assignments')
export class ListAssignmentsHttpController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: "A university coordinator's view: the assignments of the university's teachers and students" })
  @ApiParam({ name: 'universityId', example: 'fdu' })
  @ApiOkResponse({ type: AssignmentPageDoc, description: 'a page of assignments ordered by id' })
  @ApiNotFoundResponse({ description: 'unknown university' })
  async list(@CoordinatorUniversity() universityId: string, @Query() q: ListAssignmentsQuery): Promise<AssignmentPage> {
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
