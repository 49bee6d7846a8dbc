import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { affinity } from '@civic/catalogue';
import type { ExpertSnapshotV1, ProjectSnapshotV1, RoundOptionsV1 } from '@civic/contracts';
import { haversineKm } from '@civic/matching-engine';
import { ApiError } from '@civic/platform';
import { DataSource } from 'typeorm';
import { AssignmentStore } from '../../assignments/assignment.store';
import { preflight, type Preflight, type PreflightExpert } from '../domain/preflight';
import { roundScope } from '../domain/round-scope';
import { buildRoundSnapshot } from '../run-round/build-instance';
import { LifecycleStore } from '../lifecycle/lifecycle.store';
import { RoundStore } from '../round.store';
import type { PreflightDto } from './preflight.dto';

const RULES = { distanceKm: haversineKm, affinity };

/**
 * Whether the data can meet a round's demand, before any solve: the same snapshot a real round would take (active
 * projects of the scope, available experts, what other rounds hold taken off), measured by the pure preflight. A
 * round's own diagnosis measures what its solve saw (its stored instance) the same way.
 */
@Injectable()
export class PreflightService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly assignments: AssignmentStore,
    private readonly rounds: RoundStore,
    private readonly lifecycle: LifecycleStore,
  ) {}

  async check(dto: PreflightDto, defaultWindow: number): Promise<Preflight & { scope: { key: string; districtIds: string[] | null } }> {
    const scope = roundScope(dto.scope?.districtIds);
    const options: RoundOptionsV1 = {
      maxPerDiscipline: dto.options?.maxPerDiscipline ?? 2,
      maxDistanceKm: dto.options?.maxDistanceKm ?? null,
      candidateLimitPerExpert: dto.options?.candidateLimitPerExpert ?? null,
      responseWindowSeconds: dto.options?.responseWindowSeconds ?? defaultWindow,
      teamPolicy: dto.options?.teamPolicy ?? 'mixed',
      universityLimits: dto.options?.universityLimits ?? {},
    };
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const projects: Array<{ snapshot: ProjectSnapshotV1 }> = await m.query(
        `SELECT snapshot FROM project_view WHERE status = 'active' AND ($1::text[] IS NULL OR district_id = ANY($1))`,
        [scope.districtIds],
      );
      const experts: Array<{ snapshot: ExpertSnapshotV1 }> = await m.query(`SELECT snapshot FROM expert_view WHERE available`);
      const held = await this.assignments.activeElsewhere(m, '00000000-0000-0000-0000-000000000000');
      const snap = buildRoundSnapshot(projects.map((r) => r.snapshot), experts.map((r) => r.snapshot), scope, 'optimal', options, held);
      const heldOf = new Map<string, number>();
      for (const h of held) heldOf.set(h.expertId, (heldOf.get(h.expertId) ?? 0) + 1);
      const left = new Map(snap.projects.map((p) => [p.projectId, p.slots]));
      const pool: PreflightExpert[] = experts.map(({ snapshot: e }) => ({
        id: e.expertId,
        kind: e.kind,
        universityId: e.universityId,
        disciplines: e.disciplines,
        location: e.location,
        capacityLeft: Math.max(0, e.capacity - (heldOf.get(e.expertId) ?? 0)),
      }));
      return {
        scope,
        ...preflight(
          {
            projects: snap.instance.projects.map((p) => ({ ...p, slots: left.get(p.id) ?? p.slots })),
            experts: pool,
            forbidden: [],
            maxDistanceKm: options.maxDistanceKm,
            teamPolicy: options.teamPolicy ?? 'mixed',
            universityLimits: options.universityLimits ?? {},
          },
          RULES,
        ),
      };
    });
  }

  /** The same diagnosis of what a round's solve saw (its stored instance and the pairs it forbids). */
  async diagnosis(roundId: string): Promise<Preflight> {
    const round = await this.rounds.findById(this.db.manager, roundId);
    if (!round) throw ApiError.notFound('round', roundId);
    const instance = await this.rounds.loadInstance(this.db.manager, roundId);
    if (!instance) throw ApiError.notFound('round snapshot', roundId);
    const forbidden = await this.lifecycle.forbidden(this.db.manager, roundId);
    const pinnedOf = new Map<string, number>();
    for (const p of instance.pinned ?? []) pinnedOf.set(p.expertId, (pinnedOf.get(p.expertId) ?? 0) + 1);
    const projects = new Map((await this.rounds.loadProjects(this.db.manager, roundId)).map((p) => [p.projectId, p.slots]));
    return preflight(
      {
        projects: instance.projects.map((p) => ({ ...p, slots: projects.get(p.id) ?? p.slots })),
        experts: instance.experts.map((e) => ({ ...e, capacityLeft: Math.max(0, e.capacity - (pinnedOf.get(e.id) ?? 0)) })),
        forbidden: [...(instance.forbidden ?? []), ...forbidden],
        maxDistanceKm: instance.options?.maxDistanceKm ?? null,
        teamPolicy: instance.options?.teamPolicy ?? 'mixed',
        universityLimits: instance.options?.universityLimits ?? {},
      },
      RULES,
    );
  }
}
