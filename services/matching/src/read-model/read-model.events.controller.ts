import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EXPERT_EVENTS, ExpertEventV1, ExpertSnapshotV1, PROJECT_EVENTS, ProjectEventV1, ProjectSnapshotV1 } from '@civic/contracts';
import { EventContext, newestPerKey } from '@civic/messaging';
import type { EntityManager } from 'typeorm';

/**
 * Keeps matching's own copy of projects and experts from the registries' events. Each event carries the full
 * state with a revision, so applying them is order-tolerant: an older revision never overwrites a newer one.
 * The copies are written once per consumer transaction, for all its events (EventContext.defer).
 */
@Controller()
export class ReadModelEventsController {
  @EventPattern(Object.values(PROJECT_EVENTS))
  onProject(@Payload() event: ProjectEventV1, @Ctx() ctx: EventContext): void {
    ctx.defer(upsertProjects, event.payload);
  }

  @EventPattern(Object.values(EXPERT_EVENTS))
  onExpert(@Payload() event: ExpertEventV1, @Ctx() ctx: EventContext): void {
    ctx.defer(upsertExperts, event.payload);
  }
}

// One JSON parameter for the whole list: cheaper to send and parse than one array parameter per column.
async function upsertProjects(m: EntityManager, all: ProjectSnapshotV1[]): Promise<void> {
  const list = newestPerKey(all, (p) => p.projectId, (p) => p.revision);
  await m.query(
    `INSERT INTO project_view (project_id, district_id, status, revision, snapshot)
     SELECT s->>'projectId', s->>'districtId', s->>'status', (s->>'revision')::int, s FROM jsonb_array_elements($1::jsonb) AS s
     ON CONFLICT (project_id) DO UPDATE SET district_id = EXCLUDED.district_id, status = EXCLUDED.status,
       revision = EXCLUDED.revision, snapshot = EXCLUDED.snapshot, updated_at = now()
     WHERE project_view.revision < EXCLUDED.revision`,
    [JSON.stringify(list)],
  );
}

async function upsertExperts(m: EntityManager, all: ExpertSnapshotV1[]): Promise<void> {
  const list = newestPerKey(all, (e) => e.expertId, (e) => e.revision);
  await m.query(
    `INSERT INTO expert_view (expert_id, kind, university_id, available, revision, snapshot)
     SELECT s->>'expertId', s->>'kind', s->>'universityId', (s->>'available')::boolean, (s->>'revision')::int, s
     FROM jsonb_array_elements($1::jsonb) AS s
     ON CONFLICT (expert_id) DO UPDATE SET kind = EXCLUDED.kind, university_id = EXCLUDED.university_id,
       available = EXCLUDED.available, revision = EXCLUDED.revision, snapshot = EXCLUDED.snapshot, updated_at = now()
     WHERE expert_view.revision < EXCLUDED.revision`,
    [JSON.stringify(list)],
  );
}
