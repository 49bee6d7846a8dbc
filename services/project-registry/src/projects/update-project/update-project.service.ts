import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { validateAs } from '@civic/imports';
import { ApiError } from '@civic/platform';
import { DataSource } from 'typeorm';
import { ProjectEntity } from '../project.entity';
import { ProjectWriter } from '../project.writer';
import { RegisterProjectDto } from '../register-project/register-project.dto';
import { UpdateProjectDto } from './update-project.dto';

/**
 * Changes a project: the change is merged into the stored state and the result is checked by the same rules as a
 * registration. A real change bumps the revision and emits project.updated; an empty or identical one does neither.
 */
@Injectable()
export class UpdateProjectService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: ProjectWriter,
  ) {}

  async update(id: string, change: UpdateProjectDto): Promise<ProjectEntity> {
    return this.db.transaction(async (m) => {
      const project = await m.findOne(ProjectEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!project) throw ApiError.notFound('project', id);
      if (project.status === 'withdrawn') {
        throw ApiError.conflict(`project ${id} is withdrawn and can no longer change`, [
          { field: 'status', rule: 'notWithdrawn', message: 'a withdrawn project cannot be updated' },
        ]);
      }
      const base: Record<string, unknown> = { ...project.toInput() };
      // A move to another district without a new location takes the new district's centroid.
      if (change.districtId !== undefined && change.districtId !== project.districtId && change.location === undefined) delete base.location;
      const given = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
      const { value, problems } = await validateAs(RegisterProjectDto, JSON.parse(JSON.stringify({ ...base, ...given })));
      problems.push(...(problems.length ? [] : ProjectEntity.ruleProblems(value)));
      if (problems.length) throw ApiError.badRequest(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
      const [result] = await this.writer.write(m, [value], 'revise');
      if (result.outcome === 'refused') throw ApiError.conflict(result.problems[0].message, result.problems);
      return result.project;
    });
  }
}
