import type { PreflightAnswer } from '@civic/contracts/http/console';
import type { ProjectShortage } from '@civic/contracts/http/preflight';
import type { ExpertKind } from '@civic/contracts/matching/matching-instance.v1';
import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.zh-CN';
import { useSession } from '../session';
import { ErrorNote } from './common';

const REASONS = ['distance', 'disciplineFit', 'forbidden', 'capacity'] as const;

/**
 * "Check first": matching's preflight for the scope and options the form holds now (nothing is started or held),
 * supply against demand per kind, districts short of reachable experts, and each project without an eligible expert
 * with the reasons in the catalogue's words.
 */
export function PreflightCheck({ body }: { body: () => Record<string, unknown> }) {
  const { t, name } = useI18n();
  const { catalogue } = useSession();
  const [answer, setAnswer] = useState<PreflightAnswer>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const check = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setAnswer(await api<PreflightAnswer>('POST', '/api/rounds/preflight', body()));
    } catch (e) {
      setAnswer(undefined);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const kind = (k: ExpertKind) => t(k === 'teacher' ? 'season.kind.teacher' : 'season.kind.student');
  const district = (id: string) => name(catalogue?.byId.get(id), id);
  const projectName = (id: string) => {
    const p = answer?.projects.find((x) => x.projectId === id);
    return p ? `${name(p)} (${id})` : id;
  };
  const why = (s: ProjectShortage) => {
    if (s.candidates === 0) return t('preflight.why.none', { kind: kind(s.kind) });
    const parts = REASONS.filter((r) => s.excluded[r] > 0).map((r) => t(`preflight.why.${r}` as MessageKey, { count: s.excluded[r] }));
    return t('preflight.why', { candidates: s.candidates, kind: kind(s.kind), reasons: parts.join(t('preflight.why.separator')) });
  };
  const p = answer?.preflight;
  const short = p?.byDistrict.filter((d) => d.shortfall > 0) ?? [];
  return (
    <div className="preflight" data-feasible={p ? String(p.feasible) : undefined}>
      <button type="button" disabled={busy} onClick={() => void check()}>
        {t('preflight.check')}
      </button>
      <ErrorNote error={error} />
      {!p && !error && <p>{t('preflight.hint')}</p>}
      {p && (
        <div role="status" aria-live="polite">
          <p>
            <strong>{t(p.feasible ? 'preflight.feasible' : 'preflight.infeasible')}</strong>
          </p>
          <table>
            <caption>{t('preflight.byKind')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('preflight.col.kind')}</th>
                <th scope="col">{t('preflight.col.projects')}</th>
                <th scope="col">{t('preflight.col.demand')}</th>
                <th scope="col">{t('preflight.col.experts')}</th>
                <th scope="col">{t('preflight.col.capacity')}</th>
                <th scope="col">{t('preflight.col.shortfall')}</th>
              </tr>
            </thead>
            <tbody>
              {p.byKind.map((k) => (
                <tr key={k.kind} data-kind={k.kind}>
                  <th scope="row">{kind(k.kind)}</th>
                  <td>{k.projects}</td>
                  <td>
                    {k.demandMin}–{k.demandMax}
                  </td>
                  <td>{k.experts}</td>
                  <td>{k.capacity}</td>
                  <td>{k.shortfall}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {short.length > 0 && (
            <ul className="preflight-districts">
              {short.map((d) => (
                <li key={`${d.districtId}/${d.kind}`}>{t('preflight.districtShort', { district: district(d.districtId), kind: kind(d.kind), demand: d.demandMin, reachable: d.reachableCapacity })}</li>
              ))}
            </ul>
          )}
          {p.projectsWithoutExpert.length === 0 ? (
            <p>{t('preflight.everyProject')}</p>
          ) : (
            <table className="preflight-projects">
              <caption>{t('preflight.withoutExpert', { count: p.projectsWithoutExpert.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('preflight.col.project')}</th>
                  <th scope="col">{t('preflight.col.district')}</th>
                  <th scope="col">{t('preflight.col.kind')}</th>
                  <th scope="col">{t('preflight.col.why')}</th>
                </tr>
              </thead>
              <tbody>
                {p.projectsWithoutExpert.map((s) => (
                  <tr key={`${s.projectId}/${s.kind}`} data-project={s.projectId}>
                    <td>{projectName(s.projectId)}</td>
                    <td>{district(s.districtId)}</td>
                    <td>{t('preflight.minOf', { kind: kind(s.kind), min: s.min })}</td>
                    <td>{why(s)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
