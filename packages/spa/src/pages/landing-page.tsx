import { useSession } from '@sgid-bff/client/react';
import type { ProviderName } from '@sgid-bff/protocol';
import { useEffect, useState } from 'react';
import { bffClient } from '../bff-client';
import { PageTitle, SERVICE_NAME } from '../components/page-title';
import { withoutLoginOutcome } from '../lib/login-outcome';
import { useLocation } from '../router';

const BUTTON_LABELS: Record<ProviderName, string> = {
  sgid: 'Log in with sgID',
  singpass: 'Log in with Singpass',
  corppass: 'Log in with Corppass (business)',
};

/** The providers the BFF offers; until it answers (or if it cannot), one button for its default. */
function useProviders(): ProviderName[] | undefined {
  const [providers, setProviders] = useState<ProviderName[] | undefined>();
  useEffect(() => {
    let live = true;
    bffClient.getProviders().then(
      (answer) => live && setProviders(answer.providers),
      () => live && setProviders(['sgid']),
    );
    return () => {
      live = false;
    };
  }, []);
  return providers;
}

/** For visitors who are not logged in: what the service is, and a login button per provider. */
export function LandingPage() {
  const { login } = useSession();
  const { path } = useLocation();
  const providers = useProviders();
  return (
    <>
      <section className="hero" aria-labelledby="page-title">
        <div className="container">
          <p className="eyebrow">{SERVICE_NAME}</p>
          <PageTitle title="Log in">View your personal details in one place</PageTitle>
          <p className="lead">
            Log in with sgID or Singpass to see the details government agencies hold about you, such as your
            address, your family records and your vehicles — or with Corppass to act for your business. You
            choose what to share.
          </p>
          <div className="login-buttons">
            {(providers ?? []).map((provider) => (
              <button
                key={provider}
                // The sgID button keeps its original id: scripts and tests written for it still work.
                id={provider === 'sgid' ? 'login' : `login-${provider}`}
                type="button"
                className="button button--large"
                onClick={() => login({ provider, returnTo: withoutLoginOutcome(path) })}
              >
                {BUTTON_LABELS[provider]}
              </button>
            ))}
          </div>
          <p className="hint hint--on-dark">You will need the Singpass app on your phone.</p>
        </div>
      </section>
      <div className="container">
        <section aria-labelledby="how-title" className="card">
          <h2 id="how-title">How it works</h2>
          <ol className="steps">
            <li>
              <strong>Select how you log in: sgID, Singpass, or Corppass for a business.</strong> You will see
              a QR code.
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
