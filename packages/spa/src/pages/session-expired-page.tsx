import { useSession } from '@sgid-bff/client/react';
import { PageTitle } from '../components/page-title';
import { withoutLoginOutcome } from '../lib/login-outcome';
import { describeSessionEnd } from '../lib/session-end';
import { useLocation } from '../router';

/** The session ended by itself (inactivity, time limit, or ended elsewhere); log in to return here. */
export function SessionExpiredPage() {
  const { login, ended } = useSession();
  const { path } = useLocation();
  const { title, body } = describeSessionEnd(ended);
  return (
    <div className="container page">
      <section
        id="session-expired"
        className="card card--center"
        aria-labelledby="page-title"
        data-reason={ended?.reason ?? ''}
      >
        <PageTitle title={title} />
        <p>{body} Log in again to continue where you left off.</p>
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
