import { Injectable } from '@nestjs/common';
import { DomainError } from '@civic/contracts';
import { ExpertChecks } from '../expert.checks';
import { ExpertEntity } from '../expert.entity';
import { ExpertStore, isUniqueViolation } from '../expert.store';
import { RegisterExpertDto } from './register-expert.dto';

/** Registers a teacher or student and emits expert.registered in the same transaction. */
@Injectable()
export class RegisterExpertService {
  constructor(
    private readonly checks: ExpertChecks,
    private readonly store: ExpertStore,
  ) {}

  async register(dto: RegisterExpertDto): Promise<ExpertEntity> {
    const [{ value, problems }] = await this.checks.check([{ ...dto }], 'id');
    if (problems.length) throw DomainError.invalidFields(problems);
    try {
      const [result] = await this.store.transaction((m) => this.store.write(m, [value], 'refuse'));
      if (result.outcome === 'exists') throw alreadyRegistered(dto.externalKey, result.expert.id);
      if (result.outcome === 'refused') throw DomainError.invalid(result.problems[0].message, result.problems);
      return result.expert;
    } catch (e) {
      // Two requests with the same key at once: the unique index decides, and the loser gets the same 409.
      if (isUniqueViolation(e)) throw alreadyRegistered(dto.externalKey);
      throw e;
    }
  }
}

function alreadyRegistered(externalKey: string, id?: string): DomainError {
  return DomainError.conflict(`an expert with externalKey ${externalKey} already exists${id ? ` (${id})` : ''}`, [
    { field: 'externalKey', rule: 'unique', message: 'externalKey is already registered' },
  ]);
}
