import { Injectable } from '@nestjs/common';
import { DomainError } from '@civic/contracts';
import { ExpertChecks } from '../expert.checks';
import { ExpertEntity } from '../expert.entity';
import { ExpertStore } from '../expert.store';
import { UpdateExpertDto } from './update-expert.dto';

/**
 * Changes an expert: the change is merged into the stored state and checked by the same rules as a registration.
 * A real change bumps the revision and emits expert.updated, or expert.availability-changed when only availability
 * changed; an empty or identical change does neither.
 */
@Injectable()
export class UpdateExpertService {
  constructor(
    private readonly checks: ExpertChecks,
    private readonly store: ExpertStore,
  ) {}

  async update(id: string, change: UpdateExpertDto): Promise<ExpertEntity> {
    return this.store.transaction(async (m) => {
      const expert = await this.store.lockById(m, id);
      if (!expert) throw DomainError.notFound('expert', id);
      const base: Record<string, unknown> = { ...expert.toInput() };
      // A move to another university without a new location takes the new university's campus.
      if (change.universityId !== undefined && change.universityId !== expert.universityId && change.location === undefined) delete base.location;
      const given = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
      const [{ value, problems }] = await this.checks.check([JSON.parse(JSON.stringify({ ...base, ...given }))], 'id');
      if (problems.length) throw DomainError.invalidFields(problems);
      const [result] = await this.store.write(m, [value], 'revise');
      if (result.outcome === 'refused') throw DomainError.conflict(result.problems[0].message, result.problems);
      return result.expert;
    });
  }
}
