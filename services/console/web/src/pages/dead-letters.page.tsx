import type { DeadLetterList, ServiceDeadLetter } from '@civic/contracts/http/console';
import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import { ErrorNote, Loading, useLoad } from './common';

export default function DeadLettersPage() {
  const { t, dateTime } = useI18n();
  const { data, error, reload } = useLoad(() => api<DeadLetterList>('GET', '/api/dead-letters'), []);
  const [replayError, setReplayError] = useState<unknown>();
  const replay = async (d: ServiceDeadLetter) => {
    setReplayError(undefined);
    try {
      await api('POST', `/api/dead-letters/${d.service}/${d.id}/replay`);
      reload();
    } catch (e) {
      setReplayError(e);
    }
  };
  return (
    <>
      <h1>{t('dead.title')}</h1>
      <ErrorNote error={error ?? replayError} />
      {!data && !error && <Loading />}
      {data?.services
        .filter((s) => !s.reachable)
        .map((s) => (
          <p key={s.service} role="alert">
            {t('dead.unreachable', { service: s.service })}
          </p>
        ))}
      {data && data.deadLetters.length === 0 && <p>{t('dead.none')}</p>}
      {data && data.deadLetters.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('dead.col.service')}</th>
              <th scope="col">{t('dead.col.type')}</th>
              <th scope="col">{t('dead.col.error')}</th>
              <th scope="col">{t('dead.col.when')}</th>
              <th scope="col">{t('dead.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.deadLetters.map((d) => (
              <tr key={`${d.service}-${d.id}`}>
                <td>{d.service}</td>
                <td>{d.eventType ?? '—'}</td>
                <td>{d.error}</td>
                <td>{dateTime(d.lastFailedAt)}</td>
                <td>
                  {d.status === 'replayed' ? (
                    t('dead.replayed')
                  ) : (
                    <button type="button" onClick={() => void replay(d)}>
                      {t('dead.replay')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
