import { ERROR_CODES } from '@civic/contracts';
import type { EventDraft, Outbox } from '@civic/messaging';
import type { EntityManager } from 'typeorm';
import type { AssignmentStore } from '../../shared/assignment.store';
import type { AssignmentRow } from '../../shared/domain/assignment.record';
import type { RematchScheduler } from '../rematch/rematch.scheduler';
import { RespondToAssignmentService } from './respond-to-assignment.service';

const NOW = new Date('2026-03-01T08:00:00.000Z');

const row = (over: Partial<AssignmentRow> = {}): AssignmentRow => ({
  id: 'a-1',
  round_id: 'r-1',
  expert_id: 'T00001',
  kind: 'teacher',
  university_id: 'fdu',
  college_id: 'fdu-law',
  discipline: 'law',
  project_id: 'P00001',
  lead_university_id: null,
  district_id: 'huangpu',
  issue_type: 'elderly_care',
  weight: 700,
  explanation: { parts: {}, issueType: 'elderly_care', discipline: 'law' },
  origin: 'round',
  status: 'proposed',
  revision: 1,
  deadline: new Date('2026-03-08T08:00:00.000Z'),
  proposed_at: new Date('2026-03-01T00:00:00.000Z'),
  decided_at: null,
  decline_reason: null,
  decline_note: null,
  placed_by: 'engine',
  withdraw_reason: null,
  ...over,
});

/** An in-memory AssignmentStore (rows by id), the events the outbox got and the rounds a re-match was asked for. */
function serviceWith(...rows: AssignmentRow[]) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const events: EventDraft[] = [];
  const rematched: string[] = [];
  const store = {
    transaction: <T>(work: (m: EntityManager) => Promise<T>) => work({} as EntityManager),
    lockById: async (_m: EntityManager, id: string) => byId.get(id),
    applyChange: async (_m: EntityManager, id: string, change: { status: AssignmentRow['status']; declineReason: AssignmentRow['decline_reason']; declineNote: string | null }, at: Date) => {
      const next = { ...byId.get(id)!, status: change.status, decline_reason: change.declineReason, decline_note: change.declineNote, decided_at: at, revision: byId.get(id)!.revision + 1 };
      byId.set(id, next);
      return next;
    },
  } as unknown as AssignmentStore;
  const outbox = { append: async (_m: EntityManager, drafts: EventDraft[]) => void events.push(...drafts) } as unknown as Outbox;
  const scheduler = { schedule: (roundId: string) => void rematched.push(roundId) } as unknown as RematchScheduler;
  return { byId, events, rematched, service: new RespondToAssignmentService(store, outbox, scheduler) };
}

describe('RespondToAssignmentService', () => {
  it('accepts a proposal: the new state and assignment.accepted together, and no re-match', async () => {
    const { events, rematched, service } = serviceWith(row());
    const view = await service.respond('fdu', 'a-1', { kind: 'accept' }, NOW);
    expect(view).toMatchObject({ assignmentId: 'a-1', status: 'accepted', revision: 2, decidedAt: NOW.toISOString() });
    expect(events.map((e) => e.type)).toEqual(['assignment.accepted']);
    expect(rematched).toEqual([]);
  });

  it('declines with the reason and asks for a re-match of the round', async () => {
    const { events, rematched, service } = serviceWith(row());
    const view = await service.respond('fdu', 'a-1', { kind: 'decline', reason: 'schedule_conflict', note: 'term time' }, NOW);
    expect(view).toMatchObject({ status: 'declined', declineReason: 'schedule_conflict', declineNote: 'term time' });
    expect(events.map((e) => e.type)).toEqual(['assignment.declined']);
    expect(rematched).toEqual(['r-1']);
  });

  it('repeats nothing when the same answer comes again (a retried request)', async () => {
    const { events, rematched, service } = serviceWith(row({ status: 'declined', decline_reason: 'schedule_conflict', revision: 2 }));
    const view = await service.respond('fdu', 'a-1', { kind: 'decline', reason: 'schedule_conflict', note: null }, NOW);
    expect(view).toMatchObject({ status: 'declined', revision: 2 });
    expect(events).toEqual([]);
    expect(rematched).toEqual([]);
  });

  it('refuses a proposal past its deadline with proposal_expired, changing nothing', async () => {
    const { byId, events, service } = serviceWith(row({ deadline: new Date('2026-02-28T00:00:00.000Z') }));
    await expect(service.respond('fdu', 'a-1', { kind: 'accept' }, NOW)).rejects.toMatchObject({ code: ERROR_CODES.proposalExpired });
    expect(byId.get('a-1')!.status).toBe('proposed');
    expect(events).toEqual([]);
  });

  it('refuses a different answer to a decided proposal with already_decided', async () => {
    const { service } = serviceWith(row({ status: 'accepted' }));
    await expect(service.respond('fdu', 'a-1', { kind: 'decline', reason: 'other', note: null }, NOW)).rejects.toMatchObject({
      code: ERROR_CODES.alreadyDecided,
      message: 'assignment a-1 is already accepted',
    });
  });

  it("answers not_found for another university's assignment, as for a missing one", async () => {
    const { service } = serviceWith(row());
    await expect(service.respond('sjtu', 'a-1', { kind: 'accept' }, NOW)).rejects.toMatchObject({ code: ERROR_CODES.notFound, message: 'assignment a-1 does not exist' });
    await expect(service.respond('fdu', 'a-9', { kind: 'accept' }, NOW)).rejects.toMatchObject({ code: ERROR_CODES.notFound });
  });
});
