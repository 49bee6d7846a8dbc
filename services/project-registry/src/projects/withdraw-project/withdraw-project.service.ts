import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PROJECT_EVENTS } from '@civic/contracts';
import { Outbox } from '@civic/messaging';
import { ApiError } from '@civic/platform';
import { DataSource } from 'typeorm';
import { ProjectEntity } from '../project.entity';

/** Withdraws a project (it leaves future rounds) and emits project.withdrawn; withdrawing it again changes nothing. */
@Injectable()
export class WithdrawProjectService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async withdraw(id: string): Promise<ProjectEntity> {
    return this.db.transaction(async (m) => {
      const project = await m.findOne(ProjectEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!project) throw ApiError.notFound('project', id);
      if (!project.withdraw()) return project;
      await m.save(project);
      await this.outbox.append(m, [{ type: PROJECT_EVENTS.withdrawn, key: project.id, payload: project.toSnapshot() }]);
      return project;
    });
  }
}
