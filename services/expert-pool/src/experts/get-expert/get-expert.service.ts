import { Injectable } from '@nestjs/common';
import { DomainError } from '@civic/contracts';
import { ExpertEntity } from '../expert.entity';
import { ExpertStore } from '../expert.store';

/** Reads one expert by pool id. */
@Injectable()
export class GetExpertService {
  constructor(private readonly store: ExpertStore) {}

  async get(id: string): Promise<ExpertEntity> {
    const expert = await this.store.findById(id);
    if (!expert) throw DomainError.notFound('expert', id);
    return expert;
  }
}
