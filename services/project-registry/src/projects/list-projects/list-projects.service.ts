import { Injectable } from '@nestjs/common';
import type { Page } from '@civic/contracts';
import { pageOf, toPage } from '@civic/platform';
import { ProjectEntity } from '../project.entity';
import { ProjectStore } from '../project.store';
import { ListProjectsQueryDto } from './list-projects.dto';

/** One page of projects in id order, with the total that matches the filters. */
@Injectable()
export class ListProjectsService {
  constructor(private readonly store: ProjectStore) {}

  async list(query: ListProjectsQueryDto): Promise<Page<ProjectEntity>> {
    const at = pageOf(query);
    const [items, total] = await this.store.page(query, at);
    return toPage(items, at, total);
  }
}
