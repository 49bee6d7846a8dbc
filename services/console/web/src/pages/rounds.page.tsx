import type { RoundView } from '@civic/contracts/http/round-view';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.zh-CN';
import { Link } from '../router';
import { useSession } from '../session';
import { ErrorNote, Loading, useLoad } from './common';
import { DraftReview } from './draft-review';
import { PreflightCheck } from './preflight-check';
import { CancelRound, statusKey } from './round-lifecycle';

export default function RoundsPage() {
  const { t } = useI18n();
  const { data: rounds, error, reload } = useLoad(() => api<RoundView[]>('GET', '/api/rounds'), []);
  // The round the live panel shows: the one just started, or a draft chosen in the list for review.
  const [live, setLive] = useState<string>();
  return (
    <>
      <h1>{t('rounds.title')}</h1>
      <StartRound
        onStarted={(id) => {
          setLive(id);
          reload();
        }}
      />
      {live && <LiveRound key={live} roundId={live} onDone={reload} />}
      <section aria-labelledby="rounds-list">
        <h2 id="rounds-list">{t('rounds.list')}</h2>
        <ErrorNote error={error} />
        {!rounds && !error && <Loading />}
        {rounds && <RoundTable rounds={rounds} onChanged={reload} onReview={setLive} />}
      </section>
    </>
  );
}

function phaseKey(phase: string): MessageKey {
  return (['snapshot', 'scoring', 'solving', 'storing', 'publishing', 'done', 'failed'].includes(phase) ? `phase.${phase}` : 'phase.snapshot') as MessageKey;
}

function RoundTable({ rounds, onChanged, onReview }: { rounds: RoundView[]; onChanged(): void; onReview(id: string): void }) {
  const { t, dateTime, percent } = useI18n();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('rounds.col.started')}</th>
          <th scope="col">{t('rounds.col.strategy')}</th>
          <th scope="col">{t('rounds.teamPolicy')}</th>
          <th scope="col">{t('rounds.col.status')}</th>
          <th scope="col">{t('rounds.col.coverage')}</th>
          <th scope="col">{t('rounds.col.report')}</th>
        </tr>
      </thead>
      <tbody>
        {rounds.map((r) => (
          <tr key={r.roundId}>
            <td>{dateTime(r.createdAt)}</td>
            <td>
              {t(r.strategy === 'stable' ? 'rounds.strategy.stable' : 'rounds.strategy.optimal')}
              {r.dryRun ? ` (${t('rounds.dryRunMark')})` : ''}
            </td>
            <td>{t(r.options.teamPolicy === 'one-university' ? 'rounds.teamPolicy.one-university' : 'rounds.teamPolicy.mixed')}</td>
            <td>{t(statusKey(r.status))}</td>
            <td>{r.summary ? percent(r.summary.figures.coverageRatio) : '—'}</td>
            <td>
              <Link to={`/rounds/${r.roundId}`}>{t('rounds.openReport')}</Link>
              {r.status === 'draft' && <DraftControls round={r} onPublished={onChanged} onReview={() => onReview(r.roundId)} />}
              {(r.status === 'running' || r.status === 'draft') && <CancelRound roundId={r.roundId} status={r.status} onCancelled={onChanged} />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A draft: nothing is proposed until the administrator publishes it (matching refuses with round_changed when
 * something it relies on changed since it was solved; the error says what). In the list, "review" opens the draft
 * in the live panel, where its assignments can be edited (DraftReview).
 */
function DraftControls({ round, onPublished, onReview }: { round: RoundView; onPublished(): void; onReview?(): void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const publish = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', `/api/rounds/${round.roundId}/publish`, {});
      onPublished();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="draft" data-round={round.roundId}>
      <p>{t('rounds.draftHint')}</p>
      {onReview && (
        <button type="button" onClick={onReview}>
          {t('draft.review')}
        </button>
      )}{' '}
      <button type="button" disabled={busy} onClick={() => void publish()}>
        {t('rounds.publish')}
      </button>
      <ErrorNote error={error} />
    </div>
  );
}

function StartRound({ onStarted }: { onStarted(id: string): void }) {
  const { t, language } = useI18n();
  const { catalogue } = useSession();
  const [strategy, setStrategy] = useState<'optimal' | 'stable'>('optimal');
  const [teamPolicy, setTeamPolicy] = useState<'mixed' | 'one-university'>('one-university');
  const [districtIds, setDistrictIds] = useState<string[]>([]);
  const [maxDistanceKm, setMaxDistanceKm] = useState('');
  const [maxPerDiscipline, setMaxPerDiscipline] = useState('');
  const [hours, setHours] = useState('72');
  const [dryRun, setDryRun] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  /** The scope and options as the form holds them (the preflight takes the same, without strategy and dry run). */
  const scopeAndOptions = () => {
    const options: Record<string, unknown> = { teamPolicy };
    if (maxDistanceKm) options.maxDistanceKm = Number(maxDistanceKm);
    if (maxPerDiscipline) options.maxPerDiscipline = Number(maxPerDiscipline);
    if (hours) options.responseWindowSeconds = Math.round(Number(hours) * 3600);
    return { scope: districtIds.length ? { districtIds } : undefined, options };
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      const started = await api<RoundView>('POST', '/api/rounds', { strategy, dryRun, ...scopeAndOptions() });
      onStarted(started.roundId);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="start-round" className="panel">
      <h2 id="start-round">{t('rounds.start')}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <div className="filters">
          <div className="field">
            <label htmlFor="round-strategy">{t('rounds.strategy')}</label>
            <select id="round-strategy" value={strategy} onChange={(e) => setStrategy(e.target.value as typeof strategy)}>
              <option value="optimal">{t('rounds.strategy.optimal')}</option>
              <option value="stable">{t('rounds.strategy.stable')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="round-policy">{t('rounds.teamPolicy')}</label>
            <select id="round-policy" value={teamPolicy} onChange={(e) => setTeamPolicy(e.target.value as typeof teamPolicy)}>
              <option value="one-university">{t('rounds.teamPolicy.one-university')}</option>
              <option value="mixed">{t('rounds.teamPolicy.mixed')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="round-distance">{t('rounds.maxDistanceKm')}</label>
            <input id="round-distance" type="number" min="0.1" step="0.1" value={maxDistanceKm} onChange={(e) => setMaxDistanceKm(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="round-per-discipline">{t('rounds.maxPerDiscipline')}</label>
            <input id="round-per-discipline" type="number" min="1" max="20" value={maxPerDiscipline} onChange={(e) => setMaxPerDiscipline(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="round-hours">{t('rounds.responseWindowHours')}</label>
            <input id="round-hours" type="number" min="1" value={hours} onChange={(e) => setHours(e.target.value)} />
          </div>
        </div>
        <fieldset>
          <legend>{t('rounds.scope')}</legend>
          <div className="checks">
            {catalogue?.districts.map((d) => (
              <label key={d.id}>
                <input
                  type="checkbox"
                  name="district"
                  value={d.id}
                  checked={districtIds.includes(d.id)}
                  onChange={(e) => setDistrictIds(e.target.checked ? [...districtIds, d.id] : districtIds.filter((x) => x !== d.id))}
                />
                {language === 'en' ? d.en : d.zh}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
          {t('rounds.dryRun')}
        </label>
        <section aria-labelledby="preflight" className="note">
          <h3 id="preflight">{t('rounds.preflight')}</h3>
          <PreflightCheck body={scopeAndOptions} />
        </section>
        <button type="submit" disabled={busy}>
          {t('rounds.submit')}
        </button>
      </form>
      <ErrorNote error={error} />
    </section>
  );
}

/** A started round: its phase and progress (polled) and its events as they arrive (the event stream). */
function LiveRound({ roundId, onDone }: { roundId: string; onDone(): void }) {
  const { t } = useI18n();
  const [round, setRound] = useState<RoundView>();
  const [events, setEvents] = useState({ all: 0, proposals: 0 });
  useEffect(() => {
    const source = new EventSource(`/api/rounds/${roundId}/events`);
    const count = (proposal: boolean) => setEvents((e) => ({ all: e.all + 1, proposals: e.proposals + (proposal ? 1 : 0) }));
    source.addEventListener('assignment.proposed', () => count(true));
    // Open while the page shows the round: its proposals may arrive after round.completed (another topic).
    for (const type of ['round.started', 'round.drafted', 'round.published', 'round.rematched', 'round.completed', 'round.failed', 'round.cancelled', 'round.withdrawn']) source.addEventListener(type, () => count(false));
    return () => source.close();
  }, [roundId]);
  // Bumped when a draft is published or cancelled: polling starts again until the round settles.
  const [changed, setChanged] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const r = await api<RoundView>('GET', `/api/rounds/${roundId}`).catch(() => undefined);
      if (!live) return;
      if (r) setRound(r);
      if (r && r.status !== 'running') onDone();
      else timer = setTimeout(() => void poll(), 500);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [roundId, onDone, changed]);
  const fraction = round ? (round.status === 'completed' ? 1 : round.progress.fraction) : 0;
  return (
    <section aria-labelledby="live-round" className="panel">
      <h2 id="live-round">{t('rounds.live')}</h2>
      <progress aria-labelledby="live-round" max={1} value={fraction} />
      <p role="status" data-round-status={round?.status ?? 'running'}>
        {round ? `${t(statusKey(round.status))} · ${t('rounds.progress', { percent: Math.round(fraction * 100), phase: t(phaseKey(round.phase)) })}` : t('common.loading')}
      </p>
      <p>{t('rounds.eventsSeen', { events: events.all, proposals: events.proposals })}</p>
      {round?.error && <p role="alert">{round.error}</p>}
      {round?.status === 'draft' && (
        <>
          <DraftReview roundId={roundId} />
          <DraftControls round={round} onPublished={() => setChanged((n) => n + 1)} />
        </>
      )}
      {round && (round.status === 'running' || round.status === 'draft') && <CancelRound roundId={roundId} status={round.status} onCancelled={() => setChanged((n) => n + 1)} />}
      {round && round.status !== 'running' && <Link to={`/rounds/${roundId}`}>{t('rounds.openReport')}</Link>}
    </section>
  );
}
