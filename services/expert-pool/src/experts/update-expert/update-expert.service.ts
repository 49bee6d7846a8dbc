import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiError } from '@civic/platform';
import { DataSource } from 'typeorm';
import { ExpertChecks } from '../expert.checks';
import { ExpertEntity } from '../expert.entity';
import { ExpertWriter } from '../expert.writer';
import { UpdateExpertDto } from './update-expert.dto';

/**
 * Changes an expert: the change is merged into the stored state and checked by the same rules as a registration.
 * A real change bumps the revision and emits expert.updated, or expert.availability-changed when only availability
 * changed; an empty or identical change does neither.
 */
@Injectable()
export class UpdateExpertService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly checks: ExpertChecks,
    private readonly writer: ExpertWriter,
  ) {}

  async update(id: string, change: UpdateExpertDto): Promise<ExpertEntity> {
    return this.db.transaction(async (m) => {
      const expert = await m.findOne(ExpertEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!expert) throw ApiError.notFound('expert', id);
      const base: Record<string, unknown> = { ...expert.toInput() };
      // A move to another university without a new location takes the new university's campus.
      if (change.universityId !== undefined && change.universityId !== expert.universityId && change.location === undefined) delete base.location;
      const given = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
      const [{ value, problems }] = await this.checks.check([JSON.parse(JSON.stringify({ ...base, ...given }))], 'id');
      if (problems.length) throw ApiError.badRequest(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
      const [result] = await this.writer.write(m, [value], 'revise');
      if (result.outcome === 'refused') throw ApiError.conflict(result.problems[0].message, result.problems);
      return result.expert;
    });
  }
}
