import type { CatalogueEntry } from '@civic/contracts/http/console';
import type { ExpertView } from '@civic/contracts/http/expert-view';
import type { ImportJobView, ImportMode } from '@civic/contracts/http/import-job';
import type { Page } from '@civic/contracts/http/page';
import type { ProjectView } from '@civic/contracts/http/project-view';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.zh-CN';
import { useSession } from '../session';
import { Choice, ErrorNote, Loading, Pager, useLoad } from './common';

export default function SeasonPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<'projects' | 'experts'>('projects');
  return (
    <>
      <h1>{t('season.title')}</h1>
      <div role="tablist" aria-label={t('season.title')} className="tabs">
        {(['projects', 'experts'] as const).map((k) => (
          <button key={k} type="button" role="tab" id={`tab-${k}`} aria-selected={tab === k} aria-controls={`panel-${k}`} onClick={() => setTab(k)}>
            {t(k === 'projects' ? 'season.projects' : 'season.experts')}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'projects' ? <ProjectList /> : <ExpertList />}
      </div>
      <ImportPanel />
    </>
  );
}

function useOptions(list: CatalogueEntry[] | undefined) {
  const { language } = useI18n();
  return (list ?? []).map((e) => ({ id: e.id, label: language === 'en' ? e.en : e.zh }));
}

function SearchBox({ onSearch }: { onSearch(q: string): void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(q);
  };
  return (
    <form role="search" onSubmit={submit} className="field">
      <label htmlFor="season-search">{t('season.searchLabel')}</label>
      <input id="season-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      <button type="submit">{t('common.search')}</button>
    </form>
  );
}

/** A season list's filters (page included) and the page of rows they select; any other filter's change goes back to page 1. */
function useSeasonList<T, F extends Record<string, string>>(path: string, initial: F) {
  const [filters, setFilters] = useState({ ...initial, page: 1 });
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '').map(([k, v]) => [k, String(v)]));
  const { data, error } = useLoad(() => api<Page<T>>('GET', `${path}?${query}`), [query.toString()]);
  return {
    filters,
    data,
    error,
    set: (patch: Partial<F>) => setFilters({ ...filters, page: 1, ...patch }),
    setPage: (page: number) => setFilters({ ...filters, page }),
  };
}

interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
}

/** One page of a season list as a table, with the pager under it. */
function PagedTable<T>({ caption, columns, rowKey, data, error, onPage }: { caption: string; columns: Column<T>[]; rowKey(row: T): string; data?: Page<T>; error?: Error; onPage(page: number): void }) {
  const { t } = useI18n();
  return (
    <>
      <ErrorNote error={error} />
      {!data && !error && <Loading />}
      {data && (
        <>
          <table>
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.header} scope="col">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.items.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((c) => (
                    <td key={c.header}>{c.cell(row)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {data.items.length === 0 && <p>{t('season.empty')}</p>}
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={onPage} />
        </>
      )}
    </>
  );
}

function ProjectList() {
  const { t, name } = useI18n();
  const { catalogue } = useSession();
  const list = useSeasonList<ProjectView, { districtId: string; issueType: string; q: string }>('/api/projects', { districtId: '', issueType: '', q: '' });
  const districts = useOptions(catalogue?.districts);
  const issueTypes = useOptions(catalogue?.issueTypes);
  const columns: Column<ProjectView>[] = [
    { header: t('season.col.id'), cell: (p) => p.projectId },
    { header: t('season.col.name'), cell: (p) => name(p) },
    { header: t('season.district'), cell: (p) => name(catalogue?.byId.get(p.districtId), p.districtId) },
    { header: t('season.issueType'), cell: (p) => p.issueTypes.map((i) => name(catalogue?.byId.get(i), i)).join('、') },
    { header: t('season.col.slots'), cell: (p) => `${p.slots.teacher.min}–${p.slots.teacher.max} / ${p.slots.student.min}–${p.slots.student.max}` },
    { header: t('season.col.status'), cell: (p) => (p.status === 'withdrawn' ? t('projectStatus.withdrawn') : t('projectStatus.active')) },
  ];
  return (
    <>
      <div className="filters">
        <SearchBox onSearch={(q) => list.set({ q })} />
        <Choice id="f-district" label={t('season.district')} value={list.filters.districtId} onChange={(districtId) => list.set({ districtId })} options={districts} />
        <Choice id="f-issue" label={t('season.issueType')} value={list.filters.issueType} onChange={(issueType) => list.set({ issueType })} options={issueTypes} />
      </div>
      <PagedTable caption={t('season.projects')} columns={columns} rowKey={(p) => p.projectId} data={list.data} error={list.error} onPage={list.setPage} />
    </>
  );
}

function ExpertList() {
  const { t, name } = useI18n();
  const { catalogue } = useSession();
  const list = useSeasonList<ExpertView, { universityId: string; discipline: string; kind: string; q: string }>('/api/experts', { universityId: '', discipline: '', kind: '', q: '' });
  const universities = useOptions(catalogue?.universities);
  const disciplines = useOptions(catalogue?.disciplines);
  const columns: Column<ExpertView>[] = [
    { header: t('season.col.id'), cell: (e) => e.expertId },
    { header: t('season.col.name'), cell: (e) => name(e) },
    { header: t('season.kind'), cell: (e) => t(e.kind === 'teacher' ? 'season.kind.teacher' : 'season.kind.student') },
    { header: t('season.university'), cell: (e) => name(catalogue?.byId.get(e.universityId), e.universityId) },
    { header: t('season.discipline'), cell: (e) => e.disciplines.map((d) => name(catalogue?.byId.get(d), d)).join('、') },
    { header: t('season.col.capacity'), cell: (e) => e.capacity },
  ];
  return (
    <>
      <div className="filters">
        <SearchBox onSearch={(q) => list.set({ q })} />
        <Choice id="f-university" label={t('season.university')} value={list.filters.universityId} onChange={(universityId) => list.set({ universityId })} options={universities} />
        <Choice id="f-discipline" label={t('season.discipline')} value={list.filters.discipline} onChange={(discipline) => list.set({ discipline })} options={disciplines} />
        <Choice
          id="f-kind"
          label={t('season.kind')}
          value={list.filters.kind}
          onChange={(kind) => list.set({ kind })}
          options={[
            { id: 'teacher', label: t('season.kind.teacher') },
            { id: 'student', label: t('season.kind.student') },
          ]}
        />
      </div>
      <PagedTable caption={t('season.experts')} columns={columns} rowKey={(e) => e.expertId} data={list.data} error={list.error} onPage={list.setPage} />
    </>
  );
}

/** Uploads a CSV, follows the job with a progress bar, and lists the rows it refused. */
function ImportPanel() {
  const { t } = useI18n();
  const [kind, setKind] = useState<'projects' | 'teachers' | 'students'>('projects');
  const [mode, setMode] = useState<ImportMode>('valid-rows');
  const [job, setJob] = useState<ImportJobView>();
  const [error, setError] = useState<unknown>();
  const file = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!job || job.status === 'completed' || job.status === 'rejected' || job.status === 'failed') return;
    const timer = setTimeout(() => {
      api<ImportJobView>('GET', `/api/imports/${kind}/${job.id}`).then(setJob, setError);
    }, 300);
    return () => clearTimeout(timer);
  }, [job, kind]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setJob(undefined);
    const f = file.current?.files?.[0];
    if (!f) return;
    try {
      setJob(await api<ImportJobView>('POST', `/api/imports/${kind}?mode=${mode}`, await f.text(), 'text/csv'));
    } catch (err) {
      setError(err);
    }
  };
  const ratio = job && job.counts.total ? job.counts.checked / job.counts.total : 0;
  return (
    <section aria-labelledby="import-title" className="panel">
      <h2 id="import-title">{t('import.title')}</h2>
      <form onSubmit={(e) => void submit(e)} className="filters">
        <div className="field">
          <label htmlFor="import-kind">{t('import.kind')}</label>
          <select id="import-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="projects">{t('import.kind.projects')}</option>
            <option value="teachers">{t('import.kind.teachers')}</option>
            <option value="students">{t('import.kind.students')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-mode">{t('import.mode')}</label>
          <select id="import-mode" value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
            <option value="valid-rows">{t('import.mode.validRows')}</option>
            <option value="all-or-nothing">{t('import.mode.allOrNothing')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-file">{t('import.file')}</label>
          <input id="import-file" type="file" accept=".csv,text/csv" ref={file} required />
        </div>
        <button type="submit">{t('import.start')}</button>
      </form>
      <ErrorNote error={error} />
      {job && (
        <div className="import-job">
          <label htmlFor="import-progress" className="block">
            {t('import.progress')}
          </label>
          <progress id="import-progress" max={1} value={ratio} />
          <p role="status" data-status={job.status}>
            {t('import.status', { status: t(`importStatus.${job.status}` as MessageKey), checked: job.counts.checked, total: job.counts.total, imported: job.counts.imported, rejected: job.counts.rejected })}
          </p>
          {job.message && <p>{job.message}</p>}
          {job.errors.length > 0 ? (
            <table className="import-errors">
              <caption>{t('import.errors')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.col.line')}</th>
                  <th scope="col">{t('import.col.field')}</th>
                  <th scope="col">{t('import.col.rule')}</th>
                  <th scope="col">{t('import.col.message')}</th>
                </tr>
              </thead>
              <tbody>
                {job.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.line}</td>
                    <td>{e.field}</td>
                    <td>{e.rule}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            job.status === 'completed' && <p>{t('import.noErrors')}</p>
          )}
        </div>
      )}
    </section>
  );
}
