import type { ReportAnswer } from '@civic/contracts/http/console';
import { useEffect, useLayoutEffect, useState } from 'react';
import { api } from '../api';
import { BarChart } from '../charts/bar-chart';
import { PointMap, type MapPoint } from '../charts/point-map';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.zh-CN';
import { useSession } from '../session';
import { ErrorNote, Loading } from './common';
import { RoundAdministration } from './round-lifecycle';

const TEAM_STATUSES = ['accepted', 'partly', 'proposed', 'underfilled', 'none'] as const;

/** The round's report: figures, the map, fill charts, the comparisons, under-filled places and CSV downloads. */
export default function ReportPage({ roundId }: { roundId: string }) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState<ReportAnswer>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const load = async () => {
      try {
        const a = await api<ReportAnswer>('GET', `/api/rounds/${roundId}/report`);
        if (!live) return;
        // The budget script measures from here to the first frame after the charts render.
        performance.mark('report-data');
        setAnswer(a);
        if (!a.report.complete) timer = setTimeout(() => void load(), 1000);
      } catch (e) {
        if (live) setError(e);
      }
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [roundId]);
  return (
    <>
      <h1>{t('report.title')}</h1>
      <ErrorNote error={error} />
      {!answer && !error && <Loading />}
      {answer && <ReportBody answer={answer} />}
      <RoundAdministration roundId={roundId} />
    </>
  );
}

function ReportBody({ answer }: { answer: ReportAnswer }) {
  const { t, name, percent, number, language } = useI18n();
  const { catalogue } = useSession();
  const { report, projects } = answer;
  const [ready, setReady] = useState(false);
  useLayoutEffect(() => {
    if (!report.complete) return;
    // After the commit, the next frame: the page is drawn and answers input.
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark('report-interactive');
        setReady(true);
      }, 0),
    );
  }, [report.complete]);
  const figures = report.totals ?? report.declared.figures;
  const projectById = new Map(projects.map((p) => [p.projectId, p]));
  const underfilled = new Set(report.unfilled.map((u) => u.projectId));
  const points: MapPoint[] = report.teams
    .map((team) => {
      const p = projectById.get(team.projectId);
      if (!p) return undefined;
      const members = team.teachers + team.students;
      const status = underfilled.has(team.projectId) ? 'underfilled' : members === 0 ? 'none' : team.accepted >= members ? 'accepted' : team.accepted > 0 ? 'partly' : 'proposed';
      return { id: p.projectId, label: `${name(p)} (${p.projectId})`, lat: p.lat, lon: p.lon, status };
    })
    .filter((p): p is MapPoint => p !== undefined);
  for (const u of underfilled) {
    const p = projectById.get(u);
    if (p && !points.some((x) => x.id === u)) points.push({ id: u, label: `${name(p)} (${u})`, lat: p.lat, lon: p.lon, status: 'underfilled' });
  }
  const label = (key: string) => name(catalogue?.byId.get(key), key);
  const bars = <G extends { key: string }>(groups: G[], ratio: (g: G) => number) =>
    [...groups].sort((a, b) => ratio(b) - ratio(a)).map((g) => ({ key: g.key, label: label(g.key), value: ratio(g), text: percent(ratio(g)) }));
  const reasonKey = (reason: string) => `reason.${reason}` as MessageKey;
  return (
    <div data-report-ready={ready ? 'true' : 'false'}>
      {!report.complete && <p role="status">{t('report.waiting', { arrived: report.progress.arrived, announced: report.progress.announced ?? '?' })}</p>}
      <section aria-labelledby="totals">
        <h2 id="totals">{t('report.totals')}</h2>
        {figures && (
          <dl className="figures">
            {report.totals && (
              <div>
                <dt>{t('report.projectsAtMinimum')}</dt>
                <dd>
                  {number(report.totals.projectsAtMinimum)} / {number(report.totals.projects)}
                </dd>
              </div>
            )}
            <div>
              <dt>{t('report.coverage')}</dt>
              <dd>
                {percent(figures.coverageRatio)} ({number(figures.coveredSlots)} / {number(figures.requiredSlots)})
              </dd>
            </div>
            {report.totals && (
              <div>
                <dt>{t('report.assignments')}</dt>
                <dd>{number(report.totals.assignments.total)}</dd>
              </div>
            )}
            <div>
              <dt>{t('report.weight')}</dt>
              <dd>{number(figures.weight)}</dd>
            </div>
            <div>
              <dt>{t('rounds.teamPolicy')}</dt>
              <dd>{t(report.teamPolicy === 'one-university' ? 'rounds.teamPolicy.one-university' : 'rounds.teamPolicy.mixed')}</dd>
            </div>
          </dl>
        )}
        <p className="downloads">
          <span>{t('report.downloads')}：</span>
          <a href={`/api/rounds/${report.roundId}/report.csv`} download>
            {t('report.downloadReport')}
          </a>{' '}
          <a href={`/api/rounds/${report.roundId}/assignments.csv`} download>
            {t('report.downloadAssignments')}
          </a>
        </p>
      </section>
      {points.length > 0 && (
        <PointMap
          id="map-title"
          title={t('report.map')}
          points={points}
          labels={(catalogue?.districts ?? []).map((d) => ({ id: d.id, label: language === 'en' ? d.en : d.zh, lat: d.centroid.lat, lon: d.centroid.lon }))}
          statuses={TEAM_STATUSES.map((s) => ({ status: s, label: t(`report.team.${s}` as MessageKey) }))}
        />
      )}
      <div className="charts">
        {report.byUniversity.length > 0 && <BarChart id="fill-university" title={t('report.fillUniversity')} bars={bars(report.byUniversity, (g) => g.fillRatio)} />}
        {report.byIssueType.length > 0 && <BarChart id="fill-issue" title={t('report.fillIssueType')} bars={bars(report.byIssueType, (g) => g.coverageRatio)} />}
        {report.byDiscipline.length > 0 && <BarChart id="fill-discipline" title={t('report.fillDiscipline')} bars={bars(report.byDiscipline, (g) => g.fillRatio).slice(0, 20)} />}
      </div>
      <section aria-labelledby="compare">
        <h2 id="compare">{t('report.compare')}</h2>
        {!report.comparison && !report.policyComparison && <p>{t('report.noComparison')}</p>}
        {report.comparison && (
          <>
            <BarChart
              id="compare-strategy"
              title={t('report.priceOfStability', { coverage: report.comparison.priceOfStability.coverage, weight: number(report.comparison.priceOfStability.weight) })}
              max={Math.max(report.comparison.optimal.weight, report.comparison.stable.weight)}
              bars={[
                { key: 'optimal', label: t('report.optimal'), value: report.comparison.optimal.weight, text: `${number(report.comparison.optimal.weight)} · ${percent(report.comparison.optimal.coverageRatio)}` },
                { key: 'stable', label: t('report.stable'), value: report.comparison.stable.weight, text: `${number(report.comparison.stable.weight)} · ${percent(report.comparison.stable.coverageRatio)}` },
              ]}
            />
          </>
        )}
        {report.policyComparison && (
          <BarChart
            id="compare-policy"
            title={t('report.priceOfPolicy', { coverage: report.policyComparison.priceOfPolicy.coverage, weight: number(report.policyComparison.priceOfPolicy.weight) })}
            max={Math.max(report.policyComparison.mixed.weight, report.policyComparison.oneUniversity.weight)}
            bars={[
              { key: 'mixed', label: t('report.mixed'), value: report.policyComparison.mixed.weight, text: `${number(report.policyComparison.mixed.weight)} · ${percent(report.policyComparison.mixed.coverageRatio)}` },
              { key: 'one', label: t('report.oneUniversity'), value: report.policyComparison.oneUniversity.weight, text: `${number(report.policyComparison.oneUniversity.weight)} · ${percent(report.policyComparison.oneUniversity.coverageRatio)}` },
            ]}
          />
        )}
      </section>
      <section aria-labelledby="underfilled">
        <h2 id="underfilled">{t('report.underfilled')}</h2>
        {report.unfilled.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('report.col.project')}</th>
                <th scope="col">{t('report.col.kind')}</th>
                <th scope="col">{t('report.col.missing')}</th>
                <th scope="col">{t('report.col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {report.unfilled.map((u) => (
                <tr key={`${u.projectId}-${u.kind}`}>
                  <td>{name(projectById.get(u.projectId), u.projectId)}</td>
                  <td>{t(u.kind === 'teacher' ? 'season.kind.teacher' : 'season.kind.student')}</td>
                  <td>{u.missing}</td>
                  <td>{t(reasonKey(u.reason)) === reasonKey(u.reason) ? u.reason : t(reasonKey(u.reason))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
