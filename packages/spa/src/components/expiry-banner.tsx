import { isBffError } from '@sgid-bff/client';
import { useSession } from '@sgid-bff/client/react';
import { useState } from 'react';
import { formatTime } from '../lib/format-time';

/**
 * Shown (role alert) shortly before the session ends. The text names a clock time rather than a
 * ticking countdown, so screen readers announce it once instead of every second.
 */
export function ExpiryBanner() {
  const { expiryWarning, staySignedIn, logout } = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  if (expiryWarning === null) return null;

  const at = formatTime(expiryWarning.expiresAt);
  const idle = expiryWarning.kind === 'idle';

  const onStay = async () => {
    setProblem(null);
    try {
      await staySignedIn();
      document.getElementById('main')?.focus();
    } catch (error) {
      setProblem(`We could not extend your session${isBffError(error) ? ` (${error.code})` : ''}.`);
    }
  };

  return (
    <div id="expiry-warning" role="alert" className="expiry-banner">
      <div className="container expiry-banner__inner">
        <p>
          {idle
            ? `You have been inactive. For your security, you will be logged out at ${at}.`
            : `For your security, your session ends at ${at}. You will need to log in again after that.`}
          {problem !== null && <span className="expiry-banner__problem"> {problem}</span>}
        </p>
        <div className="button-row">
          {idle && (
            <button id="stay-signed-in" type="button" className="button" onClick={onStay}>
              Stay signed in
            </button>
          )}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => logout().catch(() => undefined)}
          >
            Log out now
          </button>
        </div>
      </div>
    </div>
  );
}
