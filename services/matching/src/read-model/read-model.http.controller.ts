import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Authorize } from '@civic/auth';

export interface ReadModelSummary {
  projects: { active: number; withdrawn: number };
  experts: { teachers: number; students: number; available: number };
}

@ApiTags('read model')
@Authorize('admin')
@Controller('read-model')
export class ReadModelHttpController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** How many projects and experts matching knows of: what a round would see now. */
  @Get('summary')
  @ApiOkResponse({ description: 'counts of the projects and experts in the read model' })
  async summary(): Promise<ReadModelSummary> {
    const [p] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'active')::int AS active, count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn FROM project_view`,
    );
    const [e] = await this.db.query(
      `SELECT count(*) FILTER (WHERE kind = 'teacher')::int AS teachers, count(*) FILTER (WHERE kind = 'student')::int AS students,
              count(*) FILTER (WHERE available)::int AS available FROM expert_view`,
    );
    return { projects: p, experts: e };
  }
}
