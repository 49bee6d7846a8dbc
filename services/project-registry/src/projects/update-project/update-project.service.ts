import { Injectable } from '@nestjs/common';
import { DomainError } from '@civic/contracts';
import { validateAs } from '@civic/imports';
import { ProjectEntity } from '../project.entity';
import { ProjectStore } from '../project.store';
import { RegisterProjectDto } from '../register-project/register-project.dto';
import { UpdateProjectDto } from './update-project.dto';

/**
 * Changes a project: the change is merged into the stored state and the result is checked by the same rules as a
 * registration. A real change bumps the revision and emits project.updated; an empty or identical one does neither.
 */
@Injectable()
export class UpdateProjectService {
  constructor(private readonly store: ProjectStore) {}

  async update(id: string, change: UpdateProjectDto): Promise<ProjectEntity> {
    return this.store.transaction(async (m) => {
      const project = await this.store.lockById(m, id);
      if (!project) throw DomainError.notFound('project', id);
      if (project.status === 'withdrawn') {
        throw DomainError.conflict(`project ${id} is withdrawn and can no longer change`, [
          { field: 'status', rule: 'notWithdrawn', message: 'a withdrawn project cannot be updated' },
        ]);
      }
      const base: Record<string, unknown> = { ...project.toInput() };
      // A move to another district without a new location takes the new district's centroid.
      if (change.districtId !== undefined && change.districtId !== project.districtId && change.location === undefined) delete base.location;
      const given = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
      const { value, problems } = await validateAs(RegisterProjectDto, JSON.parse(JSON.stringify({ ...base, ...given })));
      problems.push(...(problems.length ? [] : ProjectEntity.ruleProblems(value)));
      if (problems.length) throw DomainError.invalidFields(problems);
      const [result] = await this.store.write(m, [value], 'revise');
      if (result.outcome === 'refused') throw DomainError.conflict(result.problems[0].message, result.problems);
      return result.project;
    });
  }
}
