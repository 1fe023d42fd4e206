import { useSession } from '@sgid-bff/client/react';
import { PageTitle } from '../components/page-title';
import { describeErrorCode, type RecoveryAction } from '../lib/error-messages';
import { withoutLoginOutcome } from '../lib/login-outcome';
import { Link, useLocation } from '../router';

interface ErrorPageProps {
  code: string | null;
  /** How "Try again" recovers when the code does not say. */
  fallbackAction: RecoveryAction;
  requestId?: string | undefined;
}

/** A failed login (`?error=CODE`) or a failed session read, in plain words, with "Try again". */
export function ErrorPage({ code, fallbackAction, requestId }: ErrorPageProps) {
  const { login, refresh } = useSession();
  const { path } = useLocation();
  const message = describeErrorCode(code, fallbackAction);
  const returnTo = withoutLoginOutcome(path);

  const tryAgain = () => {
    if (message.action === 'login') login({ returnTo });
    else refresh().catch(() => undefined);
  };

  return (
    <div className="container page">
      <section
        id="error-page"
        className="card card--center"
        aria-labelledby="page-title"
        data-code={code ?? ''}
      >
        <PageTitle title={message.title} />
        <p>{message.body}</p>
        {code !== null && (
          <p className="error-code">
            Error code: <code>{code}</code>
            {requestId !== undefined && (
              <>
                {' '}
                · Request: <code>{requestId}</code>
              </>
            )}
          </p>
        )}
        <div className="button-row">
          <button id="try-again" type="button" className="button" onClick={tryAgain}>
            Try again
          </button>
          <Link to="/" className="button button--secondary">
            Go to the home page
          </Link>
        </div>
      </section>
    </div>
  );
}
