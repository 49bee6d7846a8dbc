import { Injectable } from '@nestjs/common';
import { DomainError } from '@civic/contracts';
import { ProjectEntity } from '../project.entity';
import { isUniqueViolation, ProjectStore } from '../project.store';
import { RegisterProjectDto } from './register-project.dto';

/** Registers a project and emits project.registered in the same transaction. */
@Injectable()
export class RegisterProjectService {
  constructor(private readonly store: ProjectStore) {}

  async register(dto: RegisterProjectDto): Promise<ProjectEntity> {
    const problems = ProjectEntity.ruleProblems(dto);
    if (problems.length) throw DomainError.invalidFields(problems);
    try {
      const [result] = await this.store.transaction((m) => this.store.write(m, [dto], 'refuse'));
      if (result.outcome === 'exists') throw alreadyRegistered(dto.externalKey, result.project.id);
      if (result.outcome === 'refused') throw DomainError.invalid(result.problems[0].message, result.problems);
      return result.project;
    } catch (e) {
      // Two requests with the same key at once: the unique index decides, and the loser gets the same 409.
      if (isUniqueViolation(e)) throw alreadyRegistered(dto.externalKey);
      throw e;
    }
  }
}

function alreadyRegistered(externalKey: string, id?: string): DomainError {
  return DomainError.conflict(`a project with externalKey ${externalKey} already exists${id ? ` (${id})` : ''}`, [
    { field: 'externalKey', rule: 'unique', message: 'externalKey is already registered' },
  ]);
}
