import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { PROJECT_EVENTS, ProjectEventV1 } from '@civic/contracts';
import { EventContext } from '@civic/messaging';

/**
 * Keeps expert-pool's copy of the registry's projects (id, external key, status) from project events, so expert
 * preferences can be checked without calling the registry. Events carry full state with a revision: an older
 * revision never overwrites a newer one.
 */
@Controller()
export class KnownProjectsEventsController {
  @EventPattern(Object.values(PROJECT_EVENTS))
  async onProject(@Payload() event: ProjectEventV1, @Ctx() ctx: EventContext): Promise<void> {
    const p = event.payload;
    await ctx.manager.query(
      `INSERT INTO known_project (project_id, external_key, status, revision) VALUES ($1, $2, $3, $4)
       ON CONFLICT (project_id) DO UPDATE SET external_key = EXCLUDED.external_key, status = EXCLUDED.status,
         revision = EXCLUDED.revision, updated_at = now()
       WHERE known_project.revision < EXCLUDED.revision`,
      [p.projectId, p.externalKey, p.status, p.revision],
    );
  }
}
