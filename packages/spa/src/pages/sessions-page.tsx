import { useBffFetch, useSession } from '@sgid-bff/client/react';
import { useCallback, useEffect, useState } from 'react';
import { PageTitle } from '../components/page-title';
import {
  type CallResult,
  type DeviceSession,
  listSessions,
  revokeOtherSessions,
  revokeSession,
} from '../lib/bff-calls';
import { formatDateTime } from '../lib/format-time';
import { navigate } from '../router';

type ListState = { kind: 'loading' } | CallResult<DeviceSession[]>;

function describeFailure(result: CallResult<unknown>): string | null {
  switch (result.kind) {
    case 'ok':
      return null;
    case 'unavailable':
      return 'Managing sessions is not available on this server.';
    case 'unauthenticated':
      return `Your session has ended (${result.code}).`;
    case 'error':
      return `That did not work (${result.error.code}). Please try again.`;
  }
}

function SessionRow({ item, onRevoke }: { item: DeviceSession; onRevoke: (id: string) => void }) {
  return (
    <tr>
      <th scope="row">
        {item.device}
        {item.current && <span className="badge">This device</span>}
      </th>
      <td data-label="Logged in">{formatDateTime(item.createdAt)}</td>
      <td data-label="Last active">{formatDateTime(item.lastSeenAt)}</td>
      <td className="sessions-table__action">
        {!item.current && (
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => onRevoke(item.id)}
          >
            Log out<span className="visually-hidden"> {item.device}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

/** The user's sessions on every device: end one, or log out everywhere. */
export function SessionsPage() {
  const bffFetch = useBffFetch();
  const { logout } = useSession();
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => setList(await listSessions(bffFetch)), [bffFetch]);
  useEffect(() => {
    void load();
  }, [load]);

  const onRevoke = async (id: string) => {
    const result = await revokeSession(bffFetch, id);
    setNotice(describeFailure(result) ?? 'That session has been logged out.');
    await load();
  };

  const onLogoutEverywhere = async () => {
    const result = await revokeOtherSessions(bffFetch);
    const failure = describeFailure(result);
    if (failure !== null) {
      setNotice(failure);
      return;
    }
    await logout().catch(() => undefined);
    navigate('/logged-out');
  };

  return (
    <div className="container page">
      <PageTitle title="Your sessions" />
      <p className="lead lead--dark">
        These are the devices where you are logged in to this service. If you do not recognise one, log it
        out.
      </p>
      {notice !== null && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <section aria-labelledby="sessions-title" className="card">
        <h2 id="sessions-title">Where you are logged in</h2>
        <div
          aria-live="polite"
          aria-busy={list.kind === 'loading'}
          id="sessions-result"
          data-state={list.kind}
        >
          {list.kind === 'loading' && <p>Loading your sessions…</p>}
          {list.kind !== 'loading' && list.kind !== 'ok' && <p>{describeFailure(list)}</p>}
          {list.kind === 'ok' && (
            <table className="records-table sessions-table">
              <caption className="visually-hidden">Your sessions</caption>
              <thead>
                <tr>
                  <th scope="col">Device</th>
                  <th scope="col">Logged in</th>
                  <th scope="col">Last active</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.value.map((item) => (
                  <SessionRow key={item.id} item={item} onRevoke={(id) => void onRevoke(id)} />
                ))}
              </tbody>
            </table>
          )}
        </div>
        <button
          id="logout-everywhere"
          type="button"
          className="button"
          onClick={() => void onLogoutEverywhere()}
        >
          Log out everywhere
        </button>
      </section>
    </div>
  );
}
