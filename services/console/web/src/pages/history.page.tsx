import type { UniversityProposals } from '@civic/contracts/http/console';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.zh-CN';
import { useSession } from '../session';
import { ErrorNote, Loading, useLoad } from './common';

/** What the university answered before (and what expired), newest first. */
export default function HistoryPage({ universityId }: { universityId: string }) {
  const { t, name, dateTime } = useI18n();
  const { catalogue } = useSession();
  const { data, error } = useLoad(() => api<UniversityProposals>('GET', `/api/universities/${universityId}/proposals`), [universityId]);
  const answered = (data?.assignments ?? []).filter((a) => a.decidedAt).sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''));
  return (
    <>
      <h1>{t('history.title', { university: name(catalogue?.byId.get(universityId), universityId) })}</h1>
      <ErrorNote error={error} />
      {!data && !error && <Loading />}
      {data && answered.length === 0 && <p>{t('history.none')}</p>}
      {answered.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('history.col.when')}</th>
              <th scope="col">{t('history.col.project')}</th>
              <th scope="col">{t('history.col.expert')}</th>
              <th scope="col">{t('history.col.answer')}</th>
              <th scope="col">{t('history.col.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {answered.map((a) => (
              <tr key={a.assignmentId}>
                <td>{dateTime(a.decidedAt!)}</td>
                <td>{name(data!.projects.find((p) => p.projectId === a.projectId), a.projectId)}</td>
                <td>{name(data!.experts.find((e) => e.expertId === a.expertId), a.expertId)}</td>
                <td>{t(`assignment.${a.status}` as MessageKey)}</td>
                <td>
                  {a.declineReason ? t(`decline.${a.declineReason}` as MessageKey) : ''}
                  {a.declineNote ? ` — ${a.declineNote}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
