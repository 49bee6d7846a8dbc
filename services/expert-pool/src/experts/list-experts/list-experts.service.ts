import { Injectable } from '@nestjs/common';
import type { Page } from '@civic/contracts';
import { pageOf, toPage } from '@civic/platform';
import { ExpertEntity } from '../expert.entity';
import { ExpertStore } from '../expert.store';
import { ListExpertsQueryDto } from './list-experts.dto';

/** One page of experts in id order (teachers, then students), with the total that matches the filters. */
@Injectable()
export class ListExpertsService {
  constructor(private readonly store: ExpertStore) {}

  async list(query: ListExpertsQueryDto): Promise<Page<ExpertEntity>> {
    const at = pageOf(query);
    const [items, total] = await this.store.page(query, at);
    return toPage(items, at, total);
  }
}
