import { decideTeam, TeamMember } from './team-decision';

const now = new Date('2026-12-01T12:00:00Z');
const later = new Date('2026-12-08T12:00:00Z');
const member = (id: string, status: TeamMember['status'], universityId = 'fdu', deadline = later): TeamMember => ({ id, universityId, status, deadline });
const accept = { kind: 'accept' } as const;
const decline = { kind: 'decline', reason: 'schedule_conflict', note: null } as const;

describe('decideTeam (a coordinator answers for a whole project team)', () => {
  it("accepts or declines every proposal of the university's team, leaving answered members alone", () => {
    const team = [member('a1', 'proposed'), member('a2', 'declined'), member('a3', 'proposed')];
    expect(decideTeam('one-university', 'fdu', team, accept, now)).toEqual({ ok: true, change: ['a1', 'a3'] });
    expect(decideTeam('one-university', 'fdu', team, decline, now)).toEqual({ ok: true, change: ['a1', 'a3'] });
  });

  it('refuses a round with mixed teams', () => {
    expect(decideTeam('mixed', 'fdu', [member('a1', 'proposed')], accept, now)).toMatchObject({ ok: false, refusal: 'not_one_university' });
  });

  it("treats a project without the university's members as not found (another university's team is invisible)", () => {
    expect(decideTeam('one-university', 'fdu', [member('a1', 'proposed', 'sjtu')], accept, now)).toMatchObject({ ok: false, refusal: 'not_found' });
    expect(decideTeam('one-university', 'fdu', [], decline, now)).toMatchObject({ ok: false, refusal: 'not_found' });
  });

  it('refuses a team already answered, saying how', () => {
    const out = decideTeam('one-university', 'fdu', [member('a1', 'accepted'), member('a2', 'declined')], accept, now);
    expect(out).toEqual({ ok: false, refusal: 'already_decided', message: 'the team of fdu has no proposal left to answer (1 accepted, 1 declined, 0 expired)' });
  });

  it('refuses to decline a team once a member accepted, but accepts the rest', () => {
    const team = [member('a1', 'accepted'), member('a2', 'proposed')];
    expect(decideTeam('one-university', 'fdu', team, decline, now)).toMatchObject({ ok: false, refusal: 'team_partly_accepted' });
    expect(decideTeam('one-university', 'fdu', team, accept, now)).toEqual({ ok: true, change: ['a2'] });
  });

  it('refuses a team with a proposal past its deadline', () => {
    const team = [member('a1', 'proposed'), member('a2', 'proposed', 'fdu', now)];
    expect(decideTeam('one-university', 'fdu', team, accept, now)).toMatchObject({ ok: false, refusal: 'proposal_expired', message: expect.stringContaining('a2') });
  });
});
