import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EXPERT_EVENTS, ExpertEventV1, PROJECT_EVENTS, ProjectEventV1 } from '@civic/contracts';
import { EventContext } from '@civic/messaging';

/**
 * Keeps matching's own copy of projects and experts from the registries' events. Each event carries the full
 * state with a revision, so applying them is order-tolerant: an older revision never overwrites a newer one.
 */
@Controller()
export class ReadModelEventsController {
  @EventPattern(Object.values(PROJECT_EVENTS))
  async onProject(@Payload() event: ProjectEventV1, @Ctx() ctx: EventContext): Promise<void> {
    const p = event.payload;
    await ctx.manager.query(
      `INSERT INTO project_view (project_id, district_id, status, revision, snapshot) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (project_id) DO UPDATE SET district_id = EXCLUDED.district_id, status = EXCLUDED.status,
         revision = EXCLUDED.revision, snapshot = EXCLUDED.snapshot, updated_at = now()
       WHERE project_view.revision < EXCLUDED.revision`,
      [p.projectId, p.districtId, p.status, p.revision, JSON.stringify(p)],
    );
  }

  @EventPattern(Object.values(EXPERT_EVENTS))
  async onExpert(@Payload() event: ExpertEventV1, @Ctx() ctx: EventContext): Promise<void> {
    const e = event.payload;
    await ctx.manager.query(
      `INSERT INTO expert_view (expert_id, kind, university_id, available, revision, snapshot) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (expert_id) DO UPDATE SET kind = EXCLUDED.kind, university_id = EXCLUDED.university_id,
         available = EXCLUDED.available, revision = EXCLUDED.revision, snapshot = EXCLUDED.snapshot, updated_at = now()
       WHERE expert_view.revision < EXCLUDED.revision`,
      [e.expertId, e.kind, e.universityId, e.available, e.revision, JSON.stringify(e)],
    );
  }
}
