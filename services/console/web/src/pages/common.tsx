import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiFailure } from '../api';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.zh-CN';

/** Loads once per change of `deps`; `reload` fetches again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data?: T; error?: Error; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: Error }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data }),
      (error: Error) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** Error codes the catalogues explain in the administrator's words (`error.<code>`), above the service's own message. */
const EXPLAINED = new Set(['stale_revision', 'edit_breaks_rule', 'round_not_draft', 'round_changed', 'round_not_cancellable', 'round_not_published']);

/** An error answer in words, with each field and rule the service named. */
export function ErrorNote({ error }: { error?: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const details = error instanceof ApiFailure ? (error.body?.error?.details ?? []) : [];
  const code = error instanceof ApiFailure ? error.body?.error?.code : undefined;
  return (
    <div role="alert" className="error" data-code={code}>
      {code && EXPLAINED.has(code) && <p>{t(`error.${code}` as MessageKey)}</p>}
      <p>{t('common.error', { message: (error as Error).message })}</p>
      {details.length > 0 && (
        <ul>
          {details.map((d, i) => (
            <li key={i}>
              <code>{d.field}</code> ({d.rule}): {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <p role="status">{t('common.loading')}</p>;
}

export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage(p: number): void }) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="pager">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('common.prev')}
      </button>
      <span>{t('common.page', { page, pages, total })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </button>
    </div>
  );
}

/** A labelled select of catalogue entries with an "all" choice. */
export function Choice({ id, label, value, onChange, options }: { id: string; label: string; value: string; onChange(v: string): void; options: { id: string; label: string }[] }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('common.all')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** Time left until `deadline`, in words. */
export function useCountdown(deadline: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return new Date(deadline).getTime() - now;
}
