import { useSession } from '@sgid-bff/client/react';
import { PageTitle } from '../components/page-title';
import { withoutLoginOutcome } from '../lib/login-outcome';
import { useLocation } from '../router';

/** The session ended by itself (inactivity, time limit, or ended elsewhere); log in to return here. */
export function SessionExpiredPage() {
  const { login, ended } = useSession();
  const { path } = useLocation();
  const elsewhere = ended?.source === 'other-tab';
  return (
    <div className="container page">
      <section id="session-expired" className="card card--center" aria-labelledby="page-title">
        <PageTitle title="Your session has ended" />
        <p>
          {elsewhere
            ? 'Your session ended in another tab or window.'
            : 'For your security, you were logged out because your session timed out or was ended.'}{' '}
          Log in again to continue where you left off.
        </p>
        {ended?.code && <p className="error-code">Reference: {ended.code}</p>}
        <button
          id="login-again"
          type="button"
          className="button"
          onClick={() => login({ returnTo: withoutLoginOutcome(path) })}
        >
          Log in again
        </button>
      </section>
    </div>
  );
}
