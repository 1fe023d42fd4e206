import { useSession } from '@sgid-bff/client/react';
import { useEffect, useRef } from 'react';
import { ExpiryBanner } from './components/expiry-banner';
import { SiteFooter } from './components/site-footer';
import { SiteHeader } from './components/site-header';
import { chooseView, type View } from './lib/choose-view';
import { readLoginError, readLoginRequestId } from './lib/login-outcome';
import { ErrorPage } from './pages/error-page';
import { LandingPage } from './pages/landing-page';
import { LoadingPage } from './pages/loading-page';
import { LoggedOutPage } from './pages/logged-out-page';
import { NotFoundPage } from './pages/not-found-page';
import { ProfilePage } from './pages/profile-page';
import { SessionExpiredPage } from './pages/session-expired-page';
import { SessionsPage } from './pages/sessions-page';
import { useLocation } from './router';

/** After an in-page navigation, focus the new page's heading (not on first load: the reader starts at the top). */
function useFocusOnViewChange(view: View, pathname: string) {
  const previous = useRef<string | null>(null);
  const key = `${view}:${pathname}`;
  useEffect(() => {
    const before = previous.current;
    previous.current = key;
    if (before === null || before === key || before.startsWith('loading:') || key.startsWith('loading:'))
      return;
    document.getElementById('page-title')?.focus();
  }, [key]);
}

export function App() {
  const { status, ended, error } = useSession();
  const { pathname, search } = useLocation();
  const loginError = readLoginError(search);
  const view = chooseView({ status, pathname, loginError, loggedOut: ended?.reason === 'logout' });
  useFocusOnViewChange(view, pathname);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <SiteHeader />
      <ExpiryBanner />
      <main id="main" tabIndex={-1}>
        {view === 'loading' && <LoadingPage />}
        {view === 'login-error' && (
          <ErrorPage code={loginError} fallbackAction="login" requestId={readLoginRequestId(search)} />
        )}
        {view === 'session-error' && (
          <ErrorPage code={error?.code ?? null} fallbackAction="reload" requestId={error?.requestId} />
        )}
        {view === 'expired' && <SessionExpiredPage />}
        {view === 'logged-out' && <LoggedOutPage />}
        {view === 'landing' && <LandingPage />}
        {view === 'profile' && <ProfilePage />}
        {view === 'sessions' && <SessionsPage />}
        {view === 'not-found' && <NotFoundPage />}
      </main>
      <SiteFooter />
    </>
  );
}
