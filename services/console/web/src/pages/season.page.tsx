import type { Page } from '@civic/contracts/http/page';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.zh-CN';
import { useSession, type Entry } from '../session';
import { Choice, ErrorNote, Loading, Pager, useLoad } from './common';

interface Project {
  projectId: string;
  name: string;
  nameEn: string | null;
  districtId: string;
  issueTypes: string[];
  status: string;
  slots: { teacher: { min: number; max: number }; student: { min: number; max: number } };
}
interface Expert {
  expertId: string;
  name: string;
  nameEn: string | null;
  kind: 'teacher' | 'student';
  universityId: string;
  disciplines: string[];
  capacity: number;
}

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

function useOptions(list: Entry[] | undefined) {
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

function ProjectList() {
  const { t, name } = useI18n();
  const { catalogue } = useSession();
  const [filters, setFilters] = useState({ districtId: '', issueType: '', q: '', page: 1 });
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '').map(([k, v]) => [k, String(v)]));
  const { data, error } = useLoad(() => api<Page<Project>>('GET', `/api/projects?${query}`), [query.toString()]);
  const set = (patch: Partial<typeof filters>) => setFilters({ ...filters, page: 1, ...patch });
  const districts = useOptions(catalogue?.districts);
  const issueTypes = useOptions(catalogue?.issueTypes);
  return (
    <>
      <div className="filters">
        <SearchBox onSearch={(q) => set({ q })} />
        <Choice id="f-district" label={t('season.district')} value={filters.districtId} onChange={(districtId) => set({ districtId })} options={districts} />
        <Choice id="f-issue" label={t('season.issueType')} value={filters.issueType} onChange={(issueType) => set({ issueType })} options={issueTypes} />
      </div>
      <ErrorNote error={error} />
      {!data && !error && <Loading />}
      {data && (
        <>
          <table>
            <caption className="sr-only">{t('season.projects')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('season.col.id')}</th>
                <th scope="col">{t('season.col.name')}</th>
                <th scope="col">{t('season.district')}</th>
                <th scope="col">{t('season.issueType')}</th>
                <th scope="col">{t('season.col.slots')}</th>
                <th scope="col">{t('season.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((p) => (
                <tr key={p.projectId}>
                  <td>{p.projectId}</td>
                  <td>{name(p)}</td>
                  <td>{name(catalogue?.byId.get(p.districtId), p.districtId)}</td>
                  <td>{p.issueTypes.map((i) => name(catalogue?.byId.get(i), i)).join('、')}</td>
                  <td>
                    {p.slots.teacher.min}–{p.slots.teacher.max} / {p.slots.student.min}–{p.slots.student.max}
                  </td>
                  <td>{p.status === 'withdrawn' ? t('projectStatus.withdrawn') : t('projectStatus.active')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.items.length === 0 && <p>{t('season.empty')}</p>}
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(page) => setFilters({ ...filters, page })} />
        </>
      )}
    </>
  );
}

function ExpertList() {
  const { t, name } = useI18n();
  const { catalogue } = useSession();
  const [filters, setFilters] = useState({ universityId: '', discipline: '', kind: '', q: '', page: 1 });
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '').map(([k, v]) => [k, String(v)]));
  const { data, error } = useLoad(() => api<Page<Expert>>('GET', `/api/experts?${query}`), [query.toString()]);
  const set = (patch: Partial<typeof filters>) => setFilters({ ...filters, page: 1, ...patch });
  const universities = useOptions(catalogue?.universities);
  const disciplines = useOptions(catalogue?.disciplines);
  return (
    <>
      <div className="filters">
        <SearchBox onSearch={(q) => set({ q })} />
        <Choice id="f-university" label={t('season.university')} value={filters.universityId} onChange={(universityId) => set({ universityId })} options={universities} />
        <Choice id="f-discipline" label={t('season.discipline')} value={filters.discipline} onChange={(discipline) => set({ discipline })} options={disciplines} />
        <Choice
          id="f-kind"
          label={t('season.kind')}
          value={filters.kind}
          onChange={(kind) => set({ kind })}
          options={[
            { id: 'teacher', label: t('season.kind.teacher') },
            { id: 'student', label: t('season.kind.student') },
          ]}
        />
      </div>
      <ErrorNote error={error} />
      {!data && !error && <Loading />}
      {data && (
        <>
          <table>
            <caption className="sr-only">{t('season.experts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('season.col.id')}</th>
                <th scope="col">{t('season.col.name')}</th>
                <th scope="col">{t('season.kind')}</th>
                <th scope="col">{t('season.university')}</th>
                <th scope="col">{t('season.discipline')}</th>
                <th scope="col">{t('season.col.capacity')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((e) => (
                <tr key={e.expertId}>
                  <td>{e.expertId}</td>
                  <td>{name(e)}</td>
                  <td>{t(e.kind === 'teacher' ? 'season.kind.teacher' : 'season.kind.student')}</td>
                  <td>{name(catalogue?.byId.get(e.universityId), e.universityId)}</td>
                  <td>{e.disciplines.map((d) => name(catalogue?.byId.get(d), d)).join('、')}</td>
                  <td>{e.capacity}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.items.length === 0 && <p>{t('season.empty')}</p>}
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(page) => setFilters({ ...filters, page })} />
        </>
      )}
    </>
  );
}

interface ImportJob {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'rejected' | 'failed';
  counts: { total: number; checked: number; imported: number; rejected: number };
  errors: { line: number; field: string; rule: string; message: string }[];
  message: string | null;
}

/** Uploads a CSV, follows the job with a progress bar, and lists the rows it refused. */
function ImportPanel() {
  const { t } = useI18n();
  const [kind, setKind] = useState<'projects' | 'teachers' | 'students'>('projects');
  const [mode, setMode] = useState<'valid-rows' | 'all-or-nothing'>('valid-rows');
  const [job, setJob] = useState<ImportJob>();
  const [error, setError] = useState<unknown>();
  const file = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!job || job.status === 'completed' || job.status === 'rejected' || job.status === 'failed') return;
    const timer = setTimeout(() => {
      api<ImportJob>('GET', `/api/imports/${kind}/${job.id}`).then(setJob, setError);
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
      setJob(await api<ImportJob>('POST', `/api/imports/${kind}?mode=${mode}`, await f.text(), 'text/csv'));
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
