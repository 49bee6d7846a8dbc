import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  ASSIGNMENT_EVENTS,
  AssignmentEventV1,
  ROUND_EVENTS,
  RoundCancelledV1,
  RoundCompletedV1,
  RoundDraftedV1,
  RoundEditedV1,
  RoundFailedV1,
  RoundPublishedV1,
  RoundRematchedV1,
  RoundStartedV1,
  RoundWithdrawnV1,
} from '@civic/contracts';
import { EventContext } from '@civic/messaging';
import { RoundReportProjectionStore } from '../round-report.projection-store';

/**
 * Builds reporting's per-round read models from matching's events alone (never from its database): one handler per
 * event type, each handing its payload to the projection store's method of the same name, in the consumer's
 * transaction (the assignments together, in one statement at the end of it).
 */
@Controller()
export class RoundReportEventsController {
  constructor(private readonly projections: RoundReportProjectionStore) {}

  @EventPattern(ROUND_EVENTS.started)
  onStarted(@Payload() e: RoundStartedV1, @Ctx() ctx: EventContext): Promise<void> {
    return this.projections.started(ctx.manager, e.payload);
  }

  @EventPattern(ROUND_EVENTS.completed)
  onCompleted(@Payload() e: RoundCompletedV1, @Ctx() ctx: EventContext): Promise<void> {
    return this.projections.completed(ctx.manager, e.payload);
  }

  @EventPattern(ROUND_EVENTS.rematched)
  onRematched(@Payload() e: RoundRematchedV1, @Ctx() ctx: EventContext): Promise<void> {
    return this.projections.rematched(ctx.manager, e.payload);
  }

  @EventPattern(ROUND_EVENTS.failed)
  onFailed(@Payload() e: RoundFailedV1, @Ctx() ctx: EventContext): Promise<void> {
    return this.projections.failed(ctx.manager, e.payload);
  }

  @EventPattern(ROUND_EVENTS.drafted)
  onDrafted(@Payload() e: RoundDraftedV1, @Ctx() ctx: EventContext): Promise<void> {
    return this.projections.drafted(ctx.manager, e.payload);
  }

  @EventPattern(ROUND_EVENTS.edited)
  onEdited(@Payload() e: RoundEditedV1, @Ctx() ctx: EventContext): Promise<void> {
    return this.projections.edited(ctx.manager, e.payload);
  }

  @EventPattern(ROUND_EVENTS.published)
  onPublished(@Payload() e: RoundPublishedV1, @Ctx() ctx: EventContext): Promise<void> {
    return this.projections.published(ctx.manager, e.payload);
  }

  @EventPattern(ROUND_EVENTS.cancelled)
  onCancelled(@Payload() e: RoundCancelledV1, @Ctx() ctx: EventContext): Promise<void> {
    return this.projections.cancelled(ctx.manager, e.payload);
  }

  @EventPattern(ROUND_EVENTS.withdrawn)
  onWithdrawn(@Payload() e: RoundWithdrawnV1, @Ctx() ctx: EventContext): Promise<void> {
    return this.projections.withdrawn(ctx.manager, e.payload);
  }

  @EventPattern(Object.values(ASSIGNMENT_EVENTS))
  onAssignment(@Payload() e: AssignmentEventV1, @Ctx() ctx: EventContext): void {
    ctx.defer(this.projections.assignments, e.payload);
  }
}
