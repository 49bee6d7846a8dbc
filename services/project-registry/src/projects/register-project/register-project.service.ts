import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiError } from '@civic/platform';
import { DataSource } from 'typeorm';
import { ProjectEntity } from '../project.entity';
import { isUniqueViolation, ProjectWriter } from '../project.writer';
import { RegisterProjectDto } from './register-project.dto';

/** Registers a project and emits project.registered in the same transaction. */
@Injectable()
export class RegisterProjectService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: ProjectWriter,
  ) {}

  async register(dto: RegisterProjectDto): Promise<ProjectEntity> {
    const problems = ProjectEntity.ruleProblems(dto);
    if (problems.length) throw ApiError.badRequest(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
    try {
      const [result] = await this.db.transaction((m) => this.writer.write(m, [dto], 'refuse'));
      if (result.outcome === 'exists') throw alreadyRegistered(dto.externalKey, result.project.id);
      if (result.outcome === 'refused') throw ApiError.badRequest(result.problems[0].message, result.problems);
      return result.project;
    } catch (e) {
      // Two requests with the same key at once: the unique index decides, and the loser gets the same 409.
      if (isUniqueViolation(e)) throw alreadyRegistered(dto.externalKey);
      throw e;
    }
  }
}

function alreadyRegistered(externalKey: string, id?: string): ApiError {
  return ApiError.conflict(`a project with externalKey ${externalKey} already exists${id ? ` (${id})` : ''}`, [
    { field: 'externalKey', rule: 'unique', message: 'externalKey is already registered' },
  ]);
}
