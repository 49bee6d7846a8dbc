import { ROUND_STATUSES, type RoundPhase, type RoundStatus } from '@civic/contracts';
import { ROUND_TRANSITIONS, transitionOf, type RoundAction } from './round-lifecycle';

const round = (status: RoundStatus, extra: { dryRun?: boolean; phase?: RoundPhase } = {}) => ({ id: 'r1', status, dryRun: extra.dryRun ?? false, phase: extra.phase ?? 'done' });

describe('the round lifecycle', () => {
  it('allows exactly the transitions of the table, each announced by its event', () => {
    const allowed = ROUND_TRANSITIONS.map((t) => `${t.from} --${t.action}--> ${t.to} (${t.event})`);
    expect(allowed).toEqual([
      'running --solve--> draft (round.drafted)',
      'running --solveAndPublish--> completed (round.completed)',
      'running --fail--> failed (round.failed)',
      'running --cancel--> cancelled (round.cancelled)',
      'draft --edit--> draft (round.edited)',
      'draft --publish--> completed (round.published)',
      'draft --cancel--> cancelled (round.cancelled)',
      'completed --withdraw--> withdrawn (round.withdrawn)',
    ]);
  });

  it('refuses publishing twice, or a cancelled, withdrawn, failed or running round, with round_not_draft naming the state', () => {
    const words: Array<[RoundStatus, string]> = [
      ['completed', 'is already published'],
      ['cancelled', 'was cancelled'],
      ['withdrawn', 'was withdrawn'],
      ['failed', 'failed'],
      ['running', 'is still running'],
    ];
    for (const [status, word] of words) {
      const t = transitionOf(round(status), 'publish');
      expect(t).toEqual({ ok: false, refusal: { code: 'round_not_draft', message: `round r1 ${word}: cannot publish it` } });
    }
    expect(transitionOf(round('draft'), 'publish')).toMatchObject({ ok: true, transition: { to: 'completed' } });
  });

  it('edits only drafts, withdraws only published real rounds, cancels only running rounds and drafts', () => {
    const ok = (status: RoundStatus, action: RoundAction, extra = {}) => transitionOf(round(status, extra), action).ok;
    expect(ROUND_STATUSES.filter((s) => ok(s, 'edit'))).toEqual(['draft']);
    expect(ROUND_STATUSES.filter((s) => ok(s, 'withdraw'))).toEqual(['completed']);
    expect(ROUND_STATUSES.filter((s) => ok(s, 'cancel', { phase: 'solving' }))).toEqual(['running', 'draft']);
    expect(transitionOf(round('completed'), 'edit')).toMatchObject({ ok: false, refusal: { code: 'round_not_draft' } });
    expect(transitionOf(round('completed', { dryRun: true }), 'withdraw')).toMatchObject({ ok: false, refusal: { code: 'round_not_published', message: expect.stringContaining('dry run') } });
  });

  it('no longer cancels a running round whose results are stored (phase publishing)', () => {
    expect(transitionOf(round('running', { phase: 'solving' }), 'cancel').ok).toBe(true);
    expect(transitionOf(round('running', { phase: 'publishing' }), 'cancel')).toMatchObject({ ok: false, refusal: { code: 'round_not_cancellable', message: expect.stringContaining('stored its results') } });
    expect(transitionOf(round('withdrawn'), 'cancel')).toMatchObject({ ok: false, refusal: { code: 'round_not_cancellable' } });
  });
});
