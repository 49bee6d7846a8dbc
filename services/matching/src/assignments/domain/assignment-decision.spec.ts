import { decide } from './assignment-decision';

const now = new Date('2026-11-26T12:00:00Z');
const later = new Date('2026-11-27T12:00:00Z');
const earlier = new Date('2026-11-25T12:00:00Z');

describe('assignment decisions', () => {
  it('a proposal before its deadline can be accepted or declined with a reason', () => {
    expect(decide({ status: 'proposed', deadline: later }, { kind: 'accept' }, now)).toEqual({
      ok: true,
      change: { status: 'accepted', declineReason: null, declineNote: null },
    });
    expect(decide({ status: 'proposed', deadline: later }, { kind: 'decline', reason: 'too_far', note: 'Chongming' }, now)).toEqual({
      ok: true,
      change: { status: 'declined', declineReason: 'too_far', declineNote: 'Chongming' },
    });
  });

  it('repeating the decision already taken changes nothing (safe retries)', () => {
    expect(decide({ status: 'accepted', deadline: later }, { kind: 'accept' }, now)).toEqual({ ok: true, change: null });
    expect(decide({ status: 'declined', deadline: later }, { kind: 'decline', reason: 'other', note: null }, now)).toEqual({ ok: true, change: null });
  });

  it('a decided assignment cannot be turned into another decision', () => {
    expect(decide({ status: 'accepted', deadline: later }, { kind: 'decline', reason: 'other', note: null }, now)).toEqual({
      ok: false,
      refusal: 'already_decided',
      status: 'accepted',
    });
    expect(decide({ status: 'declined', deadline: earlier }, { kind: 'expire' }, now)).toMatchObject({ ok: false, refusal: 'already_decided' });
  });

  it('an overdue proposal can only expire', () => {
    expect(decide({ status: 'proposed', deadline: earlier }, { kind: 'accept' }, now)).toMatchObject({ ok: false, refusal: 'proposal_expired' });
    expect(decide({ status: 'proposed', deadline: earlier }, { kind: 'expire' }, now)).toMatchObject({ ok: true, change: { status: 'expired' } });
  });
});
