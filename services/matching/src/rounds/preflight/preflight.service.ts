import { Injectable } from '@nestjs/common';
import { affinity } from '@civic/catalogue';
import { DomainError, type Preflight, type PreflightCheck, type RoundOptionsV1 } from '@civic/contracts';
import { haversineKm } from '@civic/matching-engine';
import { ReadModelStore } from '../../read-model/read-model.store';
import { AssignmentStore } from '../../shared/assignment.store';
import { preflight, type PreflightExpert } from '../domain/preflight';
import { roundScope } from '../../shared/domain/round-scope';
import { buildRoundSnapshot } from '../../shared/domain/round-snapshot';
import { LifecycleStore } from '../lifecycle.store';
import { RoundStore } from '../../shared/round.store';
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
    private readonly readModel: ReadModelStore,
    private readonly assignments: AssignmentStore,
    private readonly rounds: RoundStore,
    private readonly lifecycle: LifecycleStore,
  ) {}

  async check(dto: PreflightDto, defaultWindow: number): Promise<PreflightCheck> {
    const scope = roundScope(dto.scope?.districtIds);
    const options: RoundOptionsV1 = {
      maxPerDiscipline: dto.options?.maxPerDiscipline ?? 2,
      maxDistanceKm: dto.options?.maxDistanceKm ?? null,
      candidateLimitPerExpert: dto.options?.candidateLimitPerExpert ?? null,
      responseWindowSeconds: dto.options?.responseWindowSeconds ?? defaultWindow,
      teamPolicy: dto.options?.teamPolicy ?? 'mixed',
      universityLimits: dto.options?.universityLimits ?? {},
    };
    return this.rounds.transaction(async (m) => {
      const { projects, experts } = await this.readModel.scopeSnapshot(m, scope.districtIds);
      const held = await this.assignments.activeElsewhere(m, '00000000-0000-0000-0000-000000000000');
      const snap = buildRoundSnapshot(projects, experts, scope, 'optimal', options, held);
      const heldOf = new Map<string, number>();
      for (const h of held) heldOf.set(h.expertId, (heldOf.get(h.expertId) ?? 0) + 1);
      const left = new Map(snap.projects.map((p) => [p.projectId, p.slots]));
      const pool: PreflightExpert[] = experts.map((e) => ({
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
    }, 'REPEATABLE READ');
  }

  /** The same diagnosis of what a round's solve saw (its stored instance and the pairs it forbids). */
  async diagnosis(roundId: string): Promise<Preflight> {
    const m = this.rounds.manager;
    const round = await this.rounds.findById(m, roundId);
    if (!round) throw DomainError.notFound('round', roundId);
    const instance = await this.rounds.loadInstance(m, roundId);
    if (!instance) throw DomainError.notFound('round snapshot', roundId);
    const forbidden = await this.lifecycle.forbidden(m, roundId);
    const pinnedOf = new Map<string, number>();
    for (const p of instance.pinned ?? []) pinnedOf.set(p.expertId, (pinnedOf.get(p.expertId) ?? 0) + 1);
    const projects = new Map((await this.rounds.loadProjects(m, roundId)).map((p) => [p.projectId, p.slots]));
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
