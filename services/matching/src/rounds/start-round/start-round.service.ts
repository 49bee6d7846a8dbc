import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DomainError, ERROR_CODES, type RoundOptionsV1, type UniversityLimit } from '@civic/contracts';
import { Outbox } from '@civic/messaging';
import { SERVICE_CONFIG } from '@civic/platform';
import { QueryFailedError } from 'typeorm';
import { AssignmentStore } from '../../shared/assignment.store';
import { MatchingConfig } from '../../matching.config';
import { roundScope } from '../../shared/domain/round-scope';
import { RoundRecord } from '../../shared/domain/round.record';
import { RedisLocks } from '../../shared/infrastructure/round-lock';
import { roundEvents } from '../../shared/round-events';
import { RoundStore } from '../../shared/round.store';
import { RoundOwner } from '../../shared/infrastructure/round-owner';
import { RoundRunner } from '../run-round/round-runner.service';
import { StartRoundDto } from './start-round.dto';

/** The round a POST /rounds led to, and whether this request created it. */
export interface StartedRound {
  round: RoundRecord;
  created: boolean;
}

/** Name of the lock (in the deployment's Redis namespace) that guards starting a round in a scope. */
export function roundLockKey(scopeKey: string): string {
  return `matching:round-lock:${scopeKey}`;
}

/**
 * Starts a round: one live round per scope (a Redis lock, then the partial unique index as the guarantee), the same
 * round again for a repeated idempotency key, round.started in the transaction that creates the row, and the run
 * handed to the runner in the background.
 */
@Injectable()
export class StartRoundService {
  constructor(
    private readonly rounds: RoundStore,
    private readonly assignments: AssignmentStore,
    private readonly runner: RoundRunner,
    private readonly locks: RedisLocks,
    private readonly outbox: Outbox,
    private readonly owner: RoundOwner,
    @Inject(SERVICE_CONFIG) private readonly config: MatchingConfig,
  ) {}

  async start(dto: StartRoundDto, headerKey?: string): Promise<StartedRound> {
    const idempotencyKey = headerKey ?? dto.idempotencyKey ?? null;
    const scope = roundScope(dto.scope?.districtIds);
    const strategy = dto.strategy ?? 'optimal';
    const dryRun = dto.dryRun ?? false;
    // A dry run proposes nothing: it is never a draft.
    const publishAtOnce = dryRun || (dto.publishAtOnce ?? false);
    const options: RoundOptionsV1 = {
      maxPerDiscipline: dto.options?.maxPerDiscipline ?? 2,
      maxDistanceKm: dto.options?.maxDistanceKm ?? null,
      candidateLimitPerExpert: dto.options?.candidateLimitPerExpert ?? null,
      responseWindowSeconds: dto.options?.responseWindowSeconds ?? this.config.PROPOSAL_RESPONSE_WINDOW_SECONDS,
      teamPolicy: dto.options?.teamPolicy ?? 'mixed',
      universityLimits: dto.options?.universityLimits ?? {},
    };
    if (options.teamPolicy === 'one-university' && strategy === 'stable') {
      const message = 'teamPolicy one-university is defined for strategy optimal only (stable matching of one-university teams is not part of the model)';
      throw DomainError.invalid(message, [{ field: 'options.teamPolicy', rule: 'optimalOnly', message }]);
    }
    if (options.teamPolicy === 'one-university' && !dryRun) await this.refuseMixedHeldTeams(scope.districtIds);
    if (!dryRun && Object.keys(options.universityLimits ?? {}).length) await this.refuseLimitsBelowHeld(scope.districtIds, options.universityLimits ?? {});
    const requestHash = createHash('sha256').update(JSON.stringify({ scope: scope.key, strategy, dryRun, options, ...(publishAtOnce && !dryRun ? { publishAtOnce } : {}) })).digest('hex');

    if (idempotencyKey) {
      const existing = await this.sameKey(idempotencyKey, requestHash);
      if (existing) return { round: existing, created: false };
    }

    const lock = await this.locks.acquire(roundLockKey(scope.key), this.config.ROUND_LOCK_TTL_MS, this.owner.id);
    if (!lock) {
      // A concurrent twin of this request may hold the lock: give it a moment to create the round.
      if (idempotencyKey) {
        for (let i = 0; i < 20; i++) {
          const existing = await this.sameKey(idempotencyKey, requestHash);
          if (existing) return { round: existing, created: false };
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      throw await this.scopeBusy(scope.key);
    }

    const id = randomUUID();
    let round: RoundRecord;
    try {
      round = await this.rounds.transaction(async (m) => {
        const r = await this.rounds.insertRunning(m, { id, record: { scope, strategy, options, dryRun, publishAtOnce, idempotencyKey, requestHash }, owner: this.owner.id });
        await this.outbox.append(m, [
          roundEvents.started({ roundId: id, scope, strategy, options, dryRun, startedAt: r.createdAt.toISOString(), revision: r.revision }),
        ]);
        return r;
      });
    } catch (e) {
      await lock.release();
      const constraint = e instanceof QueryFailedError ? (e.driverError as { constraint?: string }).constraint : undefined;
      if (constraint === 'round_idempotency_key_key' && idempotencyKey) {
        const existing = await this.sameKey(idempotencyKey, requestHash);
        if (existing) return { round: existing, created: false };
      }
      if (constraint === 'round_one_live_per_scope') throw await this.scopeBusy(scope.key);
      throw e;
    }
    this.runner.launch(round, lock);
    return { round, created: true };
  }

  /** The round created earlier with this key; 409 when the key was used for a different request. */
  private async sameKey(key: string, requestHash: string): Promise<RoundRecord | undefined> {
    const existing = await this.rounds.findByIdempotencyKey(this.rounds.manager, key);
    if (existing && existing.requestHash !== requestHash) {
      throw new DomainError(ERROR_CODES.idempotencyKeyReused, `idempotency key ${key} was used for a different round request (${existing.id})`, [
        { field: 'idempotencyKey', rule: 'sameRequest', message: 'an idempotency key may only be repeated with the same request' },
      ]);
    }
    return existing;
  }

  /**
   * A real round takes what other rounds hold as given (pins). Under one-university pins fix their project's lead
   * university, so a project whose held team already mixes universities cannot get a one-university team: refuse the
   * round up front (422) rather than let it fail in the background.
   */
  private async refuseMixedHeldTeams(districtIds: string[] | null): Promise<void> {
    const mixed = await this.assignments.mixedHeldTeams(districtIds);
    if (mixed.length === 0) return;
    const list = mixed.map((m) => `${m.projectId} (${m.universities.join(', ')})`).join('; ');
    const message = `earlier rounds hold teams of several universities on projects of this scope, so they cannot have one lead university: ${list}`;
    throw new DomainError(ERROR_CODES.mixedHeldTeams, message, [{ field: 'options.teamPolicy', rule: 'oneUniversityPerProject', message }]);
  }

  /**
   * What other rounds hold on projects of the scope is pinned, and pins count against a university's limit (the
   * projects it leads, or under mixed has an expert in): a limit below what it already holds there cannot be met.
   */
  private async refuseLimitsBelowHeld(districtIds: string[] | null, limits: Record<string, UniversityLimit>): Promise<void> {
    const held = await this.assignments.heldProjectsPerUniversity(districtIds, Object.keys(limits));
    const over = held.filter((h) => h.projects > limits[h.universityId].maxProjects);
    if (over.length === 0) return;
    const details = over.map((h) => {
      const message = `${h.universityId} already holds people on ${h.projects} projects of this scope (earlier rounds), more than its maxProjects ${limits[h.universityId].maxProjects}`;
      return { field: `options.universityLimits.${h.universityId}.maxProjects`, rule: 'notBelowHeld', message };
    });
    throw new DomainError(ERROR_CODES.limitBelowHeld, details.map((d) => d.message).join('; '), details);
  }

  private async scopeBusy(scopeKey: string): Promise<DomainError> {
    const live = await this.rounds.findLive(this.rounds.manager, scopeKey);
    return new DomainError(
      ERROR_CODES.roundInProgress,
      live ? `round ${live.id} is still running in scope ${scopeKey}` : `a round is being started in scope ${scopeKey}`,
      [{ field: 'scope', rule: 'oneLiveRound', message: live ? `round ${live.id} is live in this scope` : 'another round is starting in this scope' }],
    );
  }
}
