import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { PROJECT_EVENTS, ProjectEventV1 } from '@civic/contracts';
import { EventContext } from '@civic/messaging';
import { KnownProjectsStore } from './known-projects.store';

/**
 * Keeps expert-pool's copy of the registry's projects (id, external key, status) from project events, so expert
 * preferences can be checked without calling the registry. Events carry full state with a revision: an older
 * revision never overwrites a newer one.
 */
@Controller()
export class KnownProjectsEventsController {
  constructor(private readonly store: KnownProjectsStore) {}

  @EventPattern(Object.values(PROJECT_EVENTS))
  onProject(@Payload() event: ProjectEventV1, @Ctx() ctx: EventContext): void {
    ctx.defer(this.store.applyAll, event.payload);
  }
}
