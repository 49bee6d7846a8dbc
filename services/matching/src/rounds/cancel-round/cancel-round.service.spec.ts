import { DomainError, ERROR_CODES, type RoundAuditEntry } from '@civic/contracts';
import type { EventDraft, Outbox } from '@civic/messaging';
import type { EntityManager } from 'typeorm';
import type { RoundRecord } from '../../shared/domain/round.record';
import type { RoundStore } from '../../shared/round.store';
import type { LifecycleStore } from '../lifecycle.store';
import { CancelRoundService } from './cancel-round.service';

/** In-memory stand-ins for the stores and the outbox a cancel goes through: rounds by id, the audit and the events. */
class FakeRounds {
  readonly byId = new Map<string, RoundRecord>();
  readonly audit: Array<Omit<RoundAuditEntry, 'at'>> = [];
  readonly events: EventDraft[] = [];

  readonly roundStore = {
    manager: {} as EntityManager,
    transaction: <T>(work: (m: EntityManager) => Promise<T>) => work({} as EntityManager),
    findById: async (_m: EntityManager, id: string) => (this.byId.has(id) ? { ...this.byId.get(id)! } : undefined),
  } as unknown as RoundStore;

  readonly lifecycle = {
    moveTo: async (_m: EntityManager, id: string, status: RoundRecord['status']) => {
      const r = this.byId.get(id)!;
      this.byId.set(id, { ...r, status, revision: r.revision + 1 });
      return r.revision + 1;
    },
    audit: async (_m: EntityManager, _id: string, entry: Omit<RoundAuditEntry, 'at'>) => void this.audit.push(entry),
  } as unknown as LifecycleStore;

  readonly outbox = { append: async (_m: EntityManager, drafts: EventDraft[]) => void this.events.push(...drafts) } as unknown as Outbox;
}

const round = (over: Partial<RoundRecord> = {}): RoundRecord => ({
  id: 'r-1',
  scope: { key: 'city', districtIds: null },
  strategy: 'optimal',
  options: { maxPerDiscipline: 2, maxDistanceKm: null, candidateLimitPerExpert: null, responseWindowSeconds: 3600, teamPolicy: 'mixed', universityLimits: {} },
  dryRun: false,
  publishAtOnce: false,
  status: 'draft',
  phase: 'done',
  progress: { phase: 'done', fraction: 1, phaseStartedAt: '2026-01-01T00:00:00.000Z' },
  idempotencyKey: null,
  requestHash: 'h',
  objective: null,
  figures: null,
  underfilled: null,
  certificate: null,
  timings: {},
  error: null,
  revision: 3,
  owner: 'i/1/n',
  heartbeatAt: new Date(0),
  createdAt: new Date(0),
  completedAt: null,
  publishedAt: null,
  endedAt: null,
  ...over,
});

function serviceWith(...rounds: RoundRecord[]) {
  const fake = new FakeRounds();
  for (const r of rounds) fake.byId.set(r.id, r);
  return { fake, service: new CancelRoundService(fake.roundStore, fake.lifecycle, fake.outbox) };
}

describe('CancelRoundService', () => {
  it('cancels a draft: the round moves to cancelled at the next revision, audited, with round.cancelled naming who and why', async () => {
    const { fake, service } = serviceWith(round());
    const after = await service.cancel('r-1', 'wrong scope', 'admin-1');
    expect(after).toMatchObject({ status: 'cancelled', revision: 4 });
    expect(fake.audit).toEqual([{ action: 'cancel', revision: 4, actor: 'admin-1', reason: 'wrong scope', detail: { fromStatus: 'draft', phase: 'done' } }]);
    expect(fake.events).toHaveLength(1);
    expect(fake.events[0]).toMatchObject({ type: 'round.cancelled', key: 'r-1', payload: { fromStatus: 'draft', cancelledBy: 'admin-1', reason: 'wrong scope', revision: 4 } });
  });

  it('cancels a running round in the phase it is in', async () => {
    const { fake, service } = serviceWith(round({ status: 'running', phase: 'solving' }));
    await service.cancel('r-1', null, 'admin-1');
    expect(fake.events[0].payload).toMatchObject({ fromStatus: 'running', phase: 'solving', reason: null });
  });

  it('refuses a published round with round_not_cancellable on the status field, writing nothing', async () => {
    const { fake, service } = serviceWith(round({ status: 'completed' }));
    const refusal = await service.cancel('r-1', null, 'admin-1').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: ERROR_CODES.roundNotCancellable, details: [{ field: 'status', rule: 'cancel' }] });
    expect(fake.byId.get('r-1')!.status).toBe('completed');
    expect(fake.events).toEqual([]);
    expect(fake.audit).toEqual([]);
  });

  it('answers not_found for an unknown round', async () => {
    const { service } = serviceWith();
    await expect(service.cancel('r-9', null, 'admin-1')).rejects.toMatchObject({ code: ERROR_CODES.notFound, message: 'round r-9 does not exist' });
  });
});
