import { Injectable } from '@nestjs/common';
import { DomainError } from '@civic/contracts';
import { ProjectEntity } from '../project.entity';
import { ProjectStore } from '../project.store';

/** Reads one project by its registry id. */
@Injectable()
export class GetProjectService {
  constructor(private readonly store: ProjectStore) {}

  async get(id: string): Promise<ProjectEntity> {
    const project = await this.store.findById(id);
    if (!project) throw DomainError.notFound('project', id);
    return project;
  }
}
