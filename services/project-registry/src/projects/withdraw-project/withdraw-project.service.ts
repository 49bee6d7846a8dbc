import { Injectable } from '@nestjs/common';
import { DomainError } from '@civic/contracts';
import { ProjectEntity } from '../project.entity';
import { ProjectStore } from '../project.store';

/** Withdraws a project (it leaves future rounds) and emits project.withdrawn; withdrawing it again changes nothing. */
@Injectable()
export class WithdrawProjectService {
  constructor(private readonly store: ProjectStore) {}

  async withdraw(id: string): Promise<ProjectEntity> {
    return this.store.transaction(async (m) => {
      const project = await this.store.lockById(m, id);
      if (!project) throw DomainError.notFound('project', id);
      if (!project.withdraw()) return project;
      await this.store.saveWithdrawn(m, project);
      return project;
    });
  }
}
