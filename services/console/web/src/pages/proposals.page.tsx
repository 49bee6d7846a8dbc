import type { UniversityProposals } from '@civic/contracts/http/console';
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.zh-CN';
import { useSession } from '../session';
import { ErrorNote, Loading, useCountdown, useLoad } from './common';
import { openTeams, type Assignment } from './proposals.model';

/** A coordinator's proposals, grouped by project, with the score in words, the deadline and the answers. */
export default function ProposalsPage({ universityId }: { universityId: string }) {
  const { t, name } = useI18n();
  const { catalogue } = useSession();
  const { data, error, reload } = useLoad(() => api<UniversityProposals>('GET', `/api/universities/${universityId}/proposals`), [universityId]);
  const university = name(catalogue?.byId.get(universityId), universityId);
  const teams = data ? openTeams(data.assignments) : [];
  return (
    <>
      <h1>{t('proposals.title', { university })}</h1>
      <ErrorNote error={error} />
      {!data && !error && <Loading />}
      {data && teams.length === 0 && <p>{t('proposals.none')}</p>}
      {data &&
        teams.map((team) => (
          <Team key={`${team.roundId}/${team.projectId}`} data={data} team={team} universityId={universityId} onChange={reload} />
        ))}
    </>
  );
}

function Team({ data, team, universityId, onChange }: { data: UniversityProposals; team: ReturnType<typeof openTeams>[number]; universityId: string; onChange(): void }) {
  const { t, name, dateTime } = useI18n();
  const { catalogue } = useSession();
  const [error, setError] = useState<unknown>();
  const [declining, setDeclining] = useState<string>();
  const project = data.projects.find((p) => p.projectId === team.projectId);
  const deadline = team.members.reduce((d, m) => (m.status === 'proposed' && m.deadline < d ? m.deadline : d), '9999');
  // A whole-team answer exists for one-university teams: this university leads, every member is its own.
  const wholeTeam = team.members.every((m) => m.leadUniversityId === universityId);
  const headingId = `team-${team.roundId}-${team.projectId}`;
  const act = async (path: string, body?: unknown) => {
    setError(undefined);
    try {
      await api('POST', `/api/universities/${universityId}/${path}`, body ?? {});
      setDeclining(undefined);
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby={headingId} className="team panel" data-project={team.projectId}>
      <h2 id={headingId}>
        {name(project, team.projectId)} <small>({team.projectId} · {name(catalogue?.byId.get(project?.districtId ?? ''), project?.districtId)})</small>
      </h2>
      <Countdown deadline={deadline} dateTime={dateTime} />
      {wholeTeam && (
        <div className="actions">
          <button type="button" onClick={() => void act(`rounds/${team.roundId}/projects/${team.projectId}/accept`)}>
            {t('proposals.acceptTeam')}
          </button>
          <button type="button" onClick={() => setDeclining('team')}>
            {t('proposals.declineTeam')}
          </button>
        </div>
      )}
      {declining === 'team' && <DeclineForm id={`${headingId}-decline`} onCancel={() => setDeclining(undefined)} onDecline={(body) => void act(`rounds/${team.roundId}/projects/${team.projectId}/decline`, body)} />}
      <ul className="members">
        {team.members.map((m) => (
          <Member key={m.assignmentId} m={m} data={data} declining={declining === m.assignmentId} setDeclining={setDeclining} act={act} />
        ))}
      </ul>
      <ErrorNote error={error} />
    </section>
  );
}

function Member({ m, data, declining, setDeclining, act }: { m: Assignment; data: UniversityProposals; declining: boolean; setDeclining(id?: string): void; act(path: string, body?: unknown): Promise<void> }) {
  const { t, name, number } = useI18n();
  const { catalogue } = useSession();
  const expert = data.experts.find((e) => e.expertId === m.expertId);
  const p = m.explanation.parts;
  return (
    <li data-assignment={m.assignmentId} data-status={m.status}>
      <p>
        <strong>{t('proposals.member', { kind: t(m.expertKind === 'teacher' ? 'season.kind.teacher' : 'season.kind.student'), name: name(expert, m.expertId) })}</strong>
        {m.origin === 'rematch' && <span className="tag">{t('proposals.replacement')}</span>}
        {m.status !== 'proposed' && <span className="tag">{t('proposals.answered', { status: t(`assignment.${m.status}` as MessageKey) })}</span>}
      </p>
      <p className="score">
        {t('proposals.score', {
          issue: name(catalogue?.byId.get(m.explanation.issueType), m.explanation.issueType),
          discipline: name(catalogue?.byId.get(m.explanation.discipline), m.explanation.discipline),
          affinity: number(p.affinity ?? 0),
          distance: number(p.distance ?? 0),
          preference: number(p.preference ?? 0),
          wanted: number(p.wantedDiscipline ?? 0),
          weight: number(m.weight),
        })}
      </p>
      {m.status === 'proposed' && (
        <div className="actions">
          <button type="button" onClick={() => void act(`assignments/${m.assignmentId}/accept`)}>
            {t('proposals.accept')}
          </button>
          <button type="button" onClick={() => setDeclining(m.assignmentId)}>
            {t('proposals.decline')}
          </button>
        </div>
      )}
      {declining && <DeclineForm id={`decline-${m.assignmentId}`} onCancel={() => setDeclining(undefined)} onDecline={(body) => void act(`assignments/${m.assignmentId}/decline`, body)} />}
    </li>
  );
}

function Countdown({ deadline, dateTime }: { deadline: string; dateTime(iso: string): string }) {
  const { t } = useI18n();
  const left = useCountdown(deadline);
  if (deadline === '9999') return null;
  if (left <= 0) return <p className="deadline">{t('proposals.expired')}</p>;
  const s = Math.floor(left / 1000);
  const [d, h, m, sec] = [Math.floor(s / 86400), Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60];
  const words = d > 0 ? t('time.days', { n: d, h }) : h > 0 ? t('time.hours', { h, m }) : t('time.minutes', { m, s: sec });
  return <p className="deadline">{t('proposals.deadline', { date: dateTime(deadline), left: words })}</p>;
}

function DeclineForm({ id, onDecline, onCancel }: { id: string; onDecline(body: { reason: string; note?: string }): void; onCancel(): void }) {
  const { t } = useI18n();
  const { catalogue } = useSession();
  const [reason, setReason] = useState('schedule_conflict');
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onDecline({ reason, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <form onSubmit={submit} className="decline">
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('proposals.reason')}</label>
        <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)}>
          {(catalogue?.declineReasons ?? []).map((r) => (
            <option key={r} value={r}>
              {t(`decline.${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('proposals.note')}</label>
        <input id={`${id}-note`} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="submit">{t('proposals.confirmDecline')}</button>
      <button type="button" onClick={onCancel}>
        {t('proposals.cancel')}
      </button>
    </form>
  );
}
