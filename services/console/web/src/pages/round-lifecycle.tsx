import type { WithdrawalPreview } from '@civic/contracts/http/console';
import type { RoundAuditEntry } from '@civic/contracts/http/round-audit';
import type { RoundWithdrawal, WithdrawAnswer } from '@civic/contracts/http/round-lifecycle';
import type { RoundView } from '@civic/contracts/http/round-view';
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.zh-CN';
import { useSession } from '../session';
import { ErrorNote, Loading, useLoad } from './common';

/** A round's status in the catalogue's words. */
export function statusKey(status: string): MessageKey {
  return (['running', 'completed', 'failed', 'draft', 'cancelled', 'withdrawn'].includes(status) ? `status.${status}` : 'status.running') as MessageKey;
}

/**
 * Cancels a running round or drops a draft, after a confirmation that says what it does (a running round stops at
 * its next step; a draft was never proposed; nobody is mailed either way). The reason is optional and audited.
 */
export function CancelRound({ roundId, status, onCancelled }: { roundId: string; status: string; onCancelled(): void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const cancel = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', `/api/rounds/${roundId}/cancel`, reason.trim() ? { reason: reason.trim() } : {});
      setConfirming(false);
      onCancelled();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const id = `cancel-${roundId}`;
  return (
    <div className="cancel-round" data-round={roundId}>
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('lifecycle.cancel')}
        </button>
      ) : (
        <form className="confirm" aria-labelledby={`${id}-title`} onSubmit={(e) => void cancel(e)}>
          <h4 id={`${id}-title`}>{t('lifecycle.cancel.confirmTitle')}</h4>
          <p>{t(status === 'draft' ? 'lifecycle.cancel.draft' : 'lifecycle.cancel.running')}</p>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('lifecycle.cancel.reason')}</label>
            <input id={`${id}-reason`} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" disabled={busy}>
            {t('lifecycle.cancel.confirm')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            {t('lifecycle.keep')}
          </button>
        </form>
      )}
      <ErrorNote error={error} />
    </div>
  );
}

/**
 * Withdraws a published round in two steps: the reason and whether accepted assignments go too, then a confirmation
 * that counts what will be withdrawn and who is mailed (one mail per university whose proposals are taken back).
 */
export function WithdrawRound({ roundId, onWithdrawn }: { roundId: string; onWithdrawn(outcome: RoundWithdrawal): void }) {
  const { t, name } = useI18n();
  const { catalogue } = useSession();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [includeAccepted, setIncludeAccepted] = useState(false);
  const [preview, setPreview] = useState<WithdrawalPreview>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const review = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setPreview(await api<WithdrawalPreview>('GET', `/api/rounds/${roundId}/withdrawal`));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const out = await api<WithdrawAnswer>('POST', `/api/rounds/${roundId}/withdraw`, { reason: reason.trim(), includeAccepted });
      setPreview(undefined);
      setOpen(false);
      onWithdrawn(out.withdrawal);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  // The universities whose coordinators get a mail: those with at least one assignment the withdrawal takes back.
  const mailed = (preview?.universities ?? []).filter((u) => u.proposed > 0 || (includeAccepted && u.accepted > 0));
  return (
    <div className="withdraw-round" data-round={roundId}>
      {!open && (
        <button type="button" onClick={() => setOpen(true)}>
          {t('lifecycle.withdraw')}
        </button>
      )}
      {open && !preview && (
        <form aria-labelledby="withdraw-title" onSubmit={(e) => void review(e)}>
          <h3 id="withdraw-title">{t('lifecycle.withdraw.title')}</h3>
          <p>{t('lifecycle.withdraw.intro')}</p>
          <div className="field">
            <label htmlFor="withdraw-reason">{t('lifecycle.withdraw.reason')}</label>
            <input id="withdraw-reason" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <label className="check">
            <input id="withdraw-accepted" type="checkbox" aria-describedby="withdraw-accepted-hint" checked={includeAccepted} onChange={(e) => setIncludeAccepted(e.target.checked)} />
            {t('lifecycle.withdraw.includeAccepted')}
          </label>
          <p id="withdraw-accepted-hint" className="hint">
            {t('lifecycle.withdraw.includeAcceptedHint')}
          </p>
          <button type="submit" disabled={busy || !reason.trim()}>
            {t('lifecycle.withdraw.review')}
          </button>{' '}
          <button type="button" onClick={() => setOpen(false)}>
            {t('lifecycle.keep')}
          </button>
        </form>
      )}
      {open && preview && (
        <section className="confirm" aria-labelledby="withdraw-confirm" data-proposed={preview.proposed} data-accepted={preview.accepted} data-mails={mailed.length}>
          <h3 id="withdraw-confirm">{t('lifecycle.withdraw.confirmTitle')}</h3>
          <ul>
            <li>{t('lifecycle.withdraw.proposed', { count: preview.proposed })}</li>
            <li>{t(includeAccepted ? 'lifecycle.withdraw.acceptedGo' : 'lifecycle.withdraw.acceptedStay', { count: preview.accepted })}</li>
            <li>
              {mailed.length > 0
                ? t('lifecycle.withdraw.mails', {
                    count: mailed.length,
                    universities: mailed.map((u) => name(catalogue?.byId.get(u.universityId), u.universityId)).join(t('lifecycle.listSeparator')),
                  })
                : t('lifecycle.withdraw.noMails')}
            </li>
            <li>{t('lifecycle.withdraw.reasonShown', { reason: reason.trim() })}</li>
          </ul>
          <button type="button" disabled={busy} onClick={() => void withdraw()}>
            {t('lifecycle.withdraw.confirm')}
          </button>{' '}
          <button type="button" onClick={() => setPreview(undefined)}>
            {t('lifecycle.back')}
          </button>
        </section>
      )}
      <ErrorNote error={error} />
    </div>
  );
}

/** A count from an audit entry's detail: a number, or the length of a list of pairs. */
function countOf(x: unknown): number {
  return Array.isArray(x) ? x.length : typeof x === 'number' ? x : 0;
}

/** The round's audit log: every administrator's edit, publication, cancellation and withdrawal, oldest first. */
export function AuditLog({ roundId, version }: { roundId: string; version: number }) {
  const { t, dateTime } = useI18n();
  const { data: entries, error } = useLoad(() => api<RoundAuditEntry[]>('GET', `/api/rounds/${roundId}/audit`), [roundId, version]);
  const what = (e: RoundAuditEntry) => {
    const d = e.detail;
    switch (e.action) {
      case 'edit':
        return t('audit.detail.edit', { added: countOf(d.added), removed: countOf(d.removed) });
      case 'publish':
        return t('audit.detail.publish', { proposed: countOf(d.proposed) });
      case 'cancel':
        return t('audit.detail.cancel', { status: t(statusKey(String(d.fromStatus))) });
      case 'withdraw':
        return t('audit.detail.withdraw', { withdrawn: countOf(d.withdrawn), kept: countOf(d.kept) }) + (d.includeAccepted ? t('audit.detail.withdrawAccepted') : '');
      default:
        return '';
    }
  };
  return (
    <section aria-labelledby="audit-log" className="audit-log">
      <h2 id="audit-log">{t('audit.title')}</h2>
      <ErrorNote error={error} />
      {!entries && !error && <Loading />}
      {entries && entries.length === 0 && <p>{t('audit.none')}</p>}
      {entries && entries.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('audit.col.when')}</th>
              <th scope="col">{t('audit.col.who')}</th>
              <th scope="col">{t('audit.col.action')}</th>
              <th scope="col">{t('audit.col.what')}</th>
              <th scope="col">{t('audit.col.reason')}</th>
              <th scope="col">{t('audit.col.revision')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={`${e.revision}-${e.action}`} data-action={e.action}>
                <td>{dateTime(e.at)}</td>
                <td>{e.actor}</td>
                <td>{t(`audit.action.${e.action}` as MessageKey)}</td>
                <td>{what(e)}</td>
                <td>{e.reason ?? '—'}</td>
                <td>{e.revision}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The round's own page, below its report: its status, what the administrator may still do to it, and the audit log. */
export function RoundAdministration({ roundId }: { roundId: string }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const [withdrawal, setWithdrawal] = useState<RoundWithdrawal>();
  const { data: round, error } = useLoad(() => api<RoundView>('GET', `/api/rounds/${roundId}`), [roundId, version]);
  const changed = () => setVersion((n) => n + 1);
  return (
    <section aria-labelledby="round-administration" className="panel" data-round-status={round?.status}>
      <h2 id="round-administration">{t('lifecycle.title')}</h2>
      <ErrorNote error={error} />
      {round && (
        <>
          <p>{t('lifecycle.status', { status: t(statusKey(round.status)) })}</p>
          {(round.status === 'running' || round.status === 'draft') && <CancelRound roundId={roundId} status={round.status} onCancelled={changed} />}
          {round.status === 'completed' && !round.dryRun && (
            <WithdrawRound
              roundId={roundId}
              onWithdrawn={(outcome) => {
                setWithdrawal(outcome);
                changed();
              }}
            />
          )}
          {withdrawal && (
            <p role="status" className="withdrawal-outcome" data-withdrawn={withdrawal.withdrawn} data-kept={withdrawal.kept}>
              {t('lifecycle.withdrawn', { withdrawn: withdrawal.withdrawn, kept: withdrawal.kept })}
            </p>
          )}
        </>
      )}
      <AuditLog roundId={roundId} version={version} />
    </section>
  );
}
