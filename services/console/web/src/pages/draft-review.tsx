import type { DraftAssignmentV1, RoundEditOp, RoundFiguresV1 } from '@civic/contracts/events/round.events';
import type { DraftForReview } from '@civic/contracts/http/console';
import type { DraftEdit, DraftEditAnswer } from '@civic/contracts/http/round-lifecycle';
import { useMemo, useState, type FormEvent } from 'react';
import { api, ApiFailure } from '../api';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { ErrorNote, Loading, useLoad } from './common';

/**
 * A draft's assignments grouped by project, the hand-placed ones marked, and one edit at a time (pin, remove or
 * move, with a reason) sent against the revision shown; the answer's diff and figures stay on the page.
 */
export function DraftReview({ roundId, onEdited }: { roundId: string; onEdited?(): void }) {
  const { t, name, number, percent } = useI18n();
  const { catalogue } = useSession();
  const { data: draft, error, reload } = useLoad(() => api<DraftForReview>('GET', `/api/rounds/${roundId}/draft`), [roundId]);
  const [op, setOp] = useState<RoundEditOp>('remove');
  const [expertId, setExpertId] = useState('');
  const [projectId, setProjectId] = useState('');
  const [fromProjectId, setFromProjectId] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [editError, setEditError] = useState<unknown>();
  const [answer, setAnswer] = useState<DraftEdit>();

  const projectName = useMemo(() => {
    const names = new Map((draft?.projects ?? []).map((p) => [p.projectId, p]));
    return (id: string) => {
      const p = names.get(id);
      return p ? `${name(p)} (${id})` : id;
    };
  }, [draft, name]);
  const groups = useMemo(() => {
    const byProject = new Map<string, DraftAssignmentV1[]>();
    for (const a of draft?.assignments ?? []) byProject.set(a.projectId, [...(byProject.get(a.projectId) ?? []), a]);
    return [...byProject.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }, [draft]);
  const label = (key: string) => name(catalogue?.byId.get(key), key);

  const prefill = (next: RoundEditOp, a: DraftAssignmentV1) => {
    setOp(next);
    setExpertId(a.expertId);
    setProjectId(next === 'move' ? '' : a.projectId);
    setFromProjectId(next === 'move' ? a.projectId : '');
    setAnswer(undefined);
    setEditError(undefined);
    document.getElementById('edit-reason')?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setBusy(true);
    setEditError(undefined);
    setAnswer(undefined);
    const edit: Record<string, string> = { op, expertId: expertId.trim(), projectId };
    if (op === 'move') edit.fromProjectId = fromProjectId;
    try {
      const out = await api<DraftEditAnswer>('POST', `/api/rounds/${roundId}/edits`, { revision: draft.revision, reason, edits: [edit] });
      setAnswer(out.edit);
      setReason('');
      reload();
      onEdited?.();
    } catch (err) {
      setEditError(err);
      // Another edit came first: show the revision now, so the next edit is made against it.
      if (err instanceof ApiFailure && err.body?.error?.code === 'stale_revision') reload();
    } finally {
      setBusy(false);
    }
  };

  const figures = (f: RoundFiguresV1 | null) => (f ? t('draft.figures', { coverage: percent(f.coverageRatio), covered: f.coveredSlots, required: f.requiredSlots, weight: number(f.weight, 1) }) : '—');

  return (
    <section aria-labelledby="draft-review" className="draft-review" data-revision={draft?.revision}>
      <h3 id="draft-review">{t('draft.title')}</h3>
      <ErrorNote error={error} />
      {!draft && !error && <Loading />}
      {draft && (
        <>
          <p>
            {t('draft.revision', { revision: draft.revision, assignments: draft.assignments.length, projects: groups.length })} · {figures(draft.figures)}
          </p>
          {groups.length === 0 && <p>{t('draft.empty')}</p>}
          <div className="draft-projects">
            {groups.map(([project, members]) => (
              <section key={project} className="draft-project" data-project={project} aria-labelledby={`draft-${project}`}>
                <h4 id={`draft-${project}`}>{projectName(project)}</h4>
                <ul>
                  {members.map((a) => (
                    <li key={a.expertId} data-expert={a.expertId} data-placed-by={a.placedBy}>
                      <span>
                        <code>{a.expertId}</code> · {t(a.expertKind === 'teacher' ? 'season.kind.teacher' : 'season.kind.student')} · {label(a.universityId)} · {label(a.discipline)} ·{' '}
                        {t('draft.weight', { weight: number(a.weight, 0) })}
                        {a.placedBy === 'hand' && <strong className="hand"> · {t('draft.hand')}</strong>}
                      </span>
                      <span className="actions">
                        <button type="button" onClick={() => prefill('remove', a)}>
                          {t('draft.row.remove')}
                          <span className="sr-only"> {t('draft.pairOf', { expert: a.expertId, project })}</span>
                        </button>{' '}
                        <button type="button" onClick={() => prefill('move', a)}>
                          {t('draft.row.move')}
                          <span className="sr-only"> {t('draft.pairOf', { expert: a.expertId, project })}</span>
                        </button>
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
          <div className="draft-editor">
            <form className="draft-edit" aria-labelledby="draft-edit" onSubmit={(e) => void submit(e)}>
              <h4 id="draft-edit">{t('draft.edit')}</h4>
              <div className="filters">
                <div className="field">
                  <label htmlFor="edit-op">{t('draft.op')}</label>
                  <select id="edit-op" value={op} onChange={(e) => setOp(e.target.value as RoundEditOp)}>
                    <option value="pin">{t('draft.op.pin')}</option>
                    <option value="remove">{t('draft.op.remove')}</option>
                    <option value="move">{t('draft.op.move')}</option>
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="edit-expert">{t('draft.expert')}</label>
                  <input id="edit-expert" required pattern="[\w.\-]{1,64}" value={expertId} onChange={(e) => setExpertId(e.target.value)} />
                </div>
                {op === 'move' && (
                  <div className="field">
                    <label htmlFor="edit-from">{t('draft.from')}</label>
                    <select id="edit-from" required value={fromProjectId} onChange={(e) => setFromProjectId(e.target.value)}>
                      <option value="">—</option>
                      {groups.map(([p]) => (
                        <option key={p} value={p}>
                          {projectName(p)}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
                <div className="field">
                  <label htmlFor="edit-project">{t(op === 'move' ? 'draft.to' : 'draft.project')}</label>
                  <select id="edit-project" required value={projectId} onChange={(e) => setProjectId(e.target.value)}>
                    <option value="">—</option>
                    {draft.projects.map((p) => (
                      <option key={p.projectId} value={p.projectId}>
                        {projectName(p.projectId)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="edit-reason">{t('draft.reason')}</label>
                  <input id="edit-reason" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
                </div>
              </div>
              <button type="submit" disabled={busy}>
                {t('draft.apply')}
              </button>
            </form>
            <ErrorNote error={editError} />
            {answer && (
              <div className="draft-diff" role="status" aria-live="polite">
                <p>{t('draft.diff', { added: answer.added.length, removed: answer.removed.length })}</p>
                <ul>
                  {answer.removed.map((p) => (
                    <li key={`-${p.expertId}/${p.projectId}`} data-diff="removed">
                      − {t('draft.pair', { expert: p.expertId, project: projectName(p.projectId) })}
                    </li>
                  ))}
                  {answer.added.map((p) => (
                    <li key={`+${p.expertId}/${p.projectId}`} data-diff="added">
                      + {t('draft.pair', { expert: p.expertId, project: projectName(p.projectId) })}
                    </li>
                  ))}
                </ul>
                <p>
                  {t('draft.before')}: {figures(answer.before)}
                  <br />
                  {t('draft.after')}: {figures(answer.after)}
                </p>
              </div>
            )}
          </div>
        </>
      )}
    </section>
  );
}
