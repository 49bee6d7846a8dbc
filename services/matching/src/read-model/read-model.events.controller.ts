import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EXPERT_EVENTS, ExpertEventV1, ExpertSnapshotV1, PROJECT_EVENTS, ProjectEventV1, ProjectSnapshotV1 } from '@civic/contracts';
import { BatchWrite, EventContext } from '@civic/messaging';
import { ReadModelStore } from './read-model.store';

/**
 * Keeps matching's own copy of projects and experts from the registries' events. Each event carries the full
 * state with a revision, so applying them is order-tolerant: an older revision never overwrites a newer one.
 * The copies are written once per consumer transaction, for all its events (EventContext.defer).
 */
@Controller()
export class ReadModelEventsController {
  // One function each for the whole controller: deferred writes are batched by the function they name.
  private readonly upsertProjects: BatchWrite<ProjectSnapshotV1> = (m, all) => this.store.upsertProjects(m, all);
  private readonly upsertExperts: BatchWrite<ExpertSnapshotV1> = (m, all) => this.store.upsertExperts(m, all);

  constructor(private readonly store: ReadModelStore) {}

  @EventPattern(Object.values(PROJECT_EVENTS))
  onProject(@Payload() event: ProjectEventV1, @Ctx() ctx: EventContext): void {
    ctx.defer(this.upsertProjects, event.payload);
  }

  @EventPattern(Object.values(EXPERT_EVENTS))
  onExpert(@Payload() event: ExpertEventV1, @Ctx() ctx: EventContext): void {
    ctx.defer(this.upsertExperts, event.payload);
  }
}
