import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiError } from '@civic/platform';
import { DataSource } from 'typeorm';
import { ExpertChecks } from '../expert.checks';
import { ExpertEntity } from '../expert.entity';
import { ExpertWriter, isUniqueViolation } from '../expert.writer';
import { RegisterExpertDto } from './register-expert.dto';

/** Registers a teacher or student and emits expert.registered in the same transaction. */
@Injectable()
export class RegisterExpertService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly checks: ExpertChecks,
    private readonly writer: ExpertWriter,
  ) {}

  async register(dto: RegisterExpertDto): Promise<ExpertEntity> {
    const [{ value, problems }] = await this.checks.check([{ ...dto }], 'id');
    if (problems.length) throw ApiError.badRequest(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
    try {
      const [result] = await this.db.transaction((m) => this.writer.write(m, [value], 'refuse'));
      if (result.outcome === 'exists') throw alreadyRegistered(dto.externalKey, result.expert.id);
      if (result.outcome === 'refused') throw ApiError.badRequest(result.problems[0].message, result.problems);
      return result.expert;
    } catch (e) {
      // Two requests with the same key at once: the unique index decides, and the loser gets the same 409.
      if (isUniqueViolation(e)) throw alreadyRegistered(dto.externalKey);
      throw e;
    }
  }
}

function alreadyRegistered(externalKey: string, id?: string): ApiError {
  return ApiError.conflict(`an expert with externalKey ${externalKey} already exists${id ? ` (${id})` : ''}`, [
    { field: 'externalKey', rule: 'unique', message: 'externalKey is already registered' },
  ]);
}
