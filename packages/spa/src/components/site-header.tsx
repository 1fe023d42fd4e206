import { isBffError } from '@sgid-bff/client';
import { useSession } from '@sgid-bff/client/react';
import { useState } from 'react';
import { Link, navigate } from '../router';
import { Masthead } from './masthead';
import { SERVICE_NAME } from './page-title';

/** Masthead, service name, and — when logged in — the navigation and the logout button. */
export function SiteHeader() {
  const { status, logout } = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onLogout = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await logout();
      navigate('/logged-out');
    } catch (error) {
      const code = isBffError(error) ? ` (${error.code})` : '';
      setProblem(`We could not log you out${code}. Please try again.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <header className="site-header">
      <Masthead />
      <div className="container site-header__bar">
        <Link to="/" className="brand">
          <span className="brand__logo" aria-hidden="true">
            D
          </span>
          <span className="brand__name">{SERVICE_NAME}</span>
        </Link>
        {status === 'authenticated' && (
          <nav aria-label="Main" className="site-nav">
            <ul>
              <li>
                <Link to="/profile">Your profile</Link>
              </li>
              <li>
                <Link to="/sessions">Your sessions</Link>
              </li>
            </ul>
            <button
              id="logout"
              type="button"
              className="button button--secondary"
              onClick={onLogout}
              disabled={busy}
            >
              {busy ? 'Logging out…' : 'Log out'}
            </button>
          </nav>
        )}
      </div>
      {problem !== null && (
        <div className="container">
          <p role="alert" className="notice notice--error">
            {problem}
          </p>
        </div>
      )}
    </header>
  );
}
