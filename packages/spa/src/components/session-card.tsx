import { formatDateTime } from '../lib/format-time';

/** "This session": when it started and when it ends at the latest, whatever the provider. */
export function SessionCard({ loginAt, expiresAt }: { loginAt: string; expiresAt: string }) {
  return (
    <section aria-labelledby="session-title" className="card">
      <h2 id="session-title">This session</h2>
      <dl className="field-list">
        <div className="field-list__row">
          <dt>Logged in</dt>
          <dd>{formatDateTime(loginAt)}</dd>
        </div>
        <div className="field-list__row">
          <dt>Ends at the latest</dt>
          <dd>{formatDateTime(expiresAt)}</dd>
        </div>
      </dl>
    </section>
  );
}
