import { DomainError, ERROR_CODES } from '@civic/contracts';
import type { EventDraft, Outbox } from '@civic/messaging';
import type { EntityManager } from 'typeorm';
import type { MatchingConfig } from '../../matching.config';
import type { AssignmentStore } from '../../shared/assignment.store';
import type { RoundRecord } from '../../shared/domain/round.record';
import type { HeldLock, RedisLocks } from '../../shared/infrastructure/round-lock';
import type { RoundOwner } from '../../shared/infrastructure/round-owner';
import type { NewRound, RoundStore } from '../../shared/round.store';
import type { RoundRunner } from '../run-round/round-runner.service';
import { StartRoundService } from './start-round.service';

/**
 * Fakes of what starting a round goes through: the round table, what earlier rounds hold (as the assignment store
 * answers it), the scope locks, the outbox and the runner.
 */
function world(held: { mixed?: Array<{ projectId: string; universities: string[] }>; perUniversity?: Array<{ universityId: string; projects: number }> } = {}) {
  const rounds: RoundRecord[] = [];
  const events: EventDraft[] = [];
  const launched: string[] = [];
  const locked = new Set<string>();
  const roundStore = {
    manager: {} as EntityManager,
    transaction: <T>(work: (m: EntityManager) => Promise<T>) => work({} as EntityManager),
    insertRunning: async (_m: EntityManager, n: NewRound) => {
      const r = { id: n.id, ...n.record, status: 'running', revision: 1, createdAt: new Date(0) } as RoundRecord;
      rounds.push(r);
      return r;
    },
    findByIdempotencyKey: async (_m: EntityManager, key: string) => rounds.find((r) => r.idempotencyKey === key),
    findLive: async (_m: EntityManager, scopeKey: string) => rounds.find((r) => r.scope.key === scopeKey && r.status === 'running'),
  } as unknown as RoundStore;
  const assignments = {
    mixedHeldTeams: async () => held.mixed ?? [],
    heldProjectsPerUniversity: async (_d: unknown, ids: readonly string[]) => (held.perUniversity ?? []).filter((h) => ids.includes(h.universityId)),
  } as unknown as AssignmentStore;
  const locks = {
    acquire: async (name: string): Promise<HeldLock | null> => {
      if (locked.has(name)) return null;
      locked.add(name);
      return { key: name, enforced: true, release: async () => void locked.delete(name) };
    },
  } as unknown as RedisLocks;
  const outbox = { append: async (_m: EntityManager, drafts: EventDraft[]) => void events.push(...drafts) } as unknown as Outbox;
  const runner = { launch: (r: RoundRecord) => void launched.push(r.id) } as unknown as RoundRunner;
  const config = { PROPOSAL_RESPONSE_WINDOW_SECONDS: 604_800, ROUND_LOCK_TTL_MS: 30_000 } as MatchingConfig;
  const service = new StartRoundService(roundStore, assignments, runner, locks, outbox, { id: 'i/1/n' } as RoundOwner, config);
  return { service, rounds, events, launched };
}

describe('StartRoundService', () => {
  it('starts a round with the default options, appends round.started and hands it to the runner', async () => {
    const { service, events, launched } = world();
    const { round, created } = await service.start({ scope: { districtIds: ['huangpu'] } });
    expect(created).toBe(true);
    expect(round).toMatchObject({ scope: { key: 'districts:huangpu', districtIds: ['huangpu'] }, strategy: 'optimal', dryRun: false, publishAtOnce: false });
    expect(round.options).toEqual({ maxPerDiscipline: 2, maxDistanceKm: null, candidateLimitPerExpert: null, responseWindowSeconds: 604_800, teamPolicy: 'mixed', universityLimits: {} });
    expect(events.map((e) => e.type)).toEqual(['round.started']);
    expect(launched).toEqual([round.id]);
  });

  it('gives the same round again for a repeated idempotency key, and refuses the key with another request', async () => {
    const { service, launched } = world();
    const first = await service.start({ strategy: 'optimal' }, 'season-1');
    const again = await service.start({ strategy: 'optimal' }, 'season-1');
    expect(again).toEqual({ round: first.round, created: false });
    await expect(service.start({ strategy: 'stable' }, 'season-1')).rejects.toMatchObject({
      code: ERROR_CODES.idempotencyKeyReused,
      details: [{ field: 'idempotencyKey', rule: 'sameRequest' }],
    });
    expect(launched).toHaveLength(1);
  });

  it('refuses a second live round in the scope with round_in_progress naming the live one', async () => {
    const { service } = world();
    const { round } = await service.start({});
    await expect(service.start({ dryRun: true })).rejects.toMatchObject({
      code: ERROR_CODES.roundInProgress,
      message: `round ${round.id} is still running in scope city`,
      details: [{ field: 'scope', rule: 'oneLiveRound' }],
    });
  });

  it('refuses one-university teams under strategy stable (validation_failed on options.teamPolicy)', async () => {
    const { service, events } = world();
    const refusal = await service.start({ strategy: 'stable', options: { teamPolicy: 'one-university' } }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: ERROR_CODES.validationFailed, details: [{ field: 'options.teamPolicy', rule: 'optimalOnly' }] });
    expect(events).toEqual([]);
  });

  it('refuses one-university teams where earlier rounds hold mixed teams (mixed_held_teams), but not for a dry run', async () => {
    const { service } = world({ mixed: [{ projectId: 'P00001', universities: ['fdu', 'sjtu'] }] });
    await expect(service.start({ options: { teamPolicy: 'one-university' } })).rejects.toMatchObject({
      code: ERROR_CODES.mixedHeldTeams,
      message: expect.stringContaining('P00001 (fdu, sjtu)'),
    });
    await expect(service.start({ dryRun: true, options: { teamPolicy: 'one-university' } })).resolves.toMatchObject({ created: true });
  });

  it('refuses a university limit below what the university already holds, naming that limit (limit_below_held)', async () => {
    const { service } = world({ perUniversity: [{ universityId: 'fdu', projects: 30 }, { universityId: 'sjtu', projects: 5 }] });
    await expect(service.start({ options: { universityLimits: { fdu: { maxProjects: 25 }, sjtu: { maxProjects: 10 } } } })).rejects.toMatchObject({
      code: ERROR_CODES.limitBelowHeld,
      details: [{ field: 'options.universityLimits.fdu.maxProjects', rule: 'notBelowHeld' }],
    });
  });
});
