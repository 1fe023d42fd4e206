import { useSession } from '@sgid-bff/client/react';
import { PageTitle, SERVICE_NAME } from '../components/page-title';
import { withoutLoginOutcome } from '../lib/login-outcome';
import { useLocation } from '../router';

/** For visitors who are not logged in: what the service is, and the sgID login button. */
export function LandingPage() {
  const { login } = useSession();
  const { path } = useLocation();
  return (
    <>
      <section className="hero" aria-labelledby="page-title">
        <div className="container">
          <p className="eyebrow">{SERVICE_NAME}</p>
          <PageTitle title="Log in">View your personal details in one place</PageTitle>
          <p className="lead">
            Log in with sgID to see the details government agencies hold about you, such as your address, your
            family records and your vehicles. You choose what to share.
          </p>
          <button
            id="login"
            type="button"
            className="button button--large"
            onClick={() => login({ returnTo: withoutLoginOutcome(path) })}
          >
            Log in with sgID
          </button>
          <p className="hint hint--on-dark">You will need the Singpass app on your phone.</p>
        </div>
      </section>
      <div className="container">
        <section aria-labelledby="how-title" className="card">
          <h2 id="how-title">How it works</h2>
          <ol className="steps">
            <li>
              <strong>Select “Log in with sgID”.</strong> You will see a QR code.
            </li>
            <li>
              <strong>Scan it with the Singpass app</strong> and check the details this service asks for.
            </li>
            <li>
              <strong>Approve</strong>, and you come straight back here, logged in.
            </li>
          </ol>
        </section>
        <section aria-labelledby="privacy-title" className="card">
          <h2 id="privacy-title">Your privacy</h2>
          <p>
            Your details are kept on this service's server only for as long as you are logged in, and are
            never stored in your browser. You are logged out automatically after a period of inactivity.
          </p>
        </section>
      </div>
    </>
  );
}
