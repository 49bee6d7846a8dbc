import { lazy, Suspense, type ReactNode } from 'react';
import { useI18n } from './i18n/i18n';
import { Link, useRoute } from './router';
import { useSession } from './session';
import { NotFoundPage } from './pages/not-found.page';

// Each page is its own chunk: the first page loads only what it shows.
const SeasonPage = lazy(() => import('./pages/season.page'));
const RoundsPage = lazy(() => import('./pages/rounds.page'));
const ReportPage = lazy(() => import('./pages/report.page'));
const DeadLettersPage = lazy(() => import('./pages/dead-letters.page'));
const ProposalsPage = lazy(() => import('./pages/proposals.page'));
const HistoryPage = lazy(() => import('./pages/history.page'));

export function App() {
  const { t } = useI18n();
  const { user } = useSession();
  const { path } = useRoute();
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>{route(path, user)}</Suspense>
      </main>
    </>
  );
}

function route(path: string, user: ReturnType<typeof useSession>['user']): ReactNode {
  if (path === '/signed-out') return <SignedOut />;
  if (!user) return <Welcome />;
  const university = /^\/universities\/([\w-]+)\/(proposals|history)$/.exec(path);
  if (university) {
    // A coordinator's pages are their own university's only: another's path is "not found", with nothing fetched.
    if (user.role === 'coordinator' && university[1] !== user.universityId) return <NotFoundPage />;
    return university[2] === 'proposals' ? <ProposalsPage universityId={university[1]} /> : <HistoryPage universityId={university[1]} />;
  }
  if (user.role === 'coordinator') {
    if (path === '/') return <ProposalsPage universityId={user.universityId!} />;
    return <NotFoundPage />;
  }
  if (path === '/' || path === '/season') return <SeasonPage />;
  if (path === '/rounds') return <RoundsPage />;
  const report = /^\/rounds\/([0-9a-f-]{36})$/.exec(path);
  if (report) return <ReportPage roundId={report[1]} />;
  if (path === '/dead-letters') return <DeadLettersPage />;
  return <NotFoundPage />;
}

function Header() {
  const { t, language, setLanguage } = useI18n();
  const { user, signOut, catalogue } = useSession();
  const university = user?.universityId ? catalogue?.byId.get(user.universityId) : undefined;
  return (
    <header className="top">
      <p className="brand">{t('app.title')}</p>
      {user && (
        <nav aria-label={t('nav.label')}>
          <ul>
            {user.role === 'admin' ? (
              <>
                <li><Link to="/season">{t('nav.season')}</Link></li>
                <li><Link to="/rounds">{t('nav.rounds')}</Link></li>
                <li><Link to="/dead-letters">{t('nav.deadLetters')}</Link></li>
              </>
            ) : (
              <>
                <li><Link to={`/universities/${user.universityId}/proposals`}>{t('nav.proposals')}</Link></li>
                <li><Link to={`/universities/${user.universityId}/history`}>{t('nav.history')}</Link></li>
              </>
            )}
          </ul>
        </nav>
      )}
      <div className="who">
        <button type="button" className="link" lang={language === 'en' ? 'zh-CN' : 'en'} onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}>
          {t('lang.switch')}
        </button>
        {user ? (
          <>
            <span>
              {t('session.signedInAs', { name: user.name })} · {t(user.role === 'admin' ? 'session.role.admin' : 'session.role.coordinator')}
              {university ? ` · ${language === 'en' ? university.en : university.zh}` : ''}
            </span>
            <button type="button" onClick={() => void signOut()}>
              {t('session.signOut')}
            </button>
          </>
        ) : (
          <a className="button" href="/auth/sign-in">
            {t('session.signIn')}
          </a>
        )}
      </div>
    </header>
  );
}

function Welcome() {
  const { t } = useI18n();
  const { ended } = useSession();
  return (
    <section>
      <h1>{t('home.welcome')}</h1>
      {ended && <p role="alert">{t('session.expired')}</p>}
      <p>{t('home.intro')}</p>
      <p>
        <a className="button" href="/auth/sign-in">
          {t('session.signIn')}
        </a>
      </p>
    </section>
  );
}

function SignedOut() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('signedOut.title')}</h1>
      <p>
        <a className="button" href="/auth/sign-in">
          {t('signedOut.again')}
        </a>
      </p>
    </section>
  );
}
