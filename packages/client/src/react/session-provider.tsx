/** React bindings: `<SessionProvider>`, `useSession()`, `useBffFetch()`, `useBffClient()`. */
import type { UserData } from '@sgid-bff/protocol';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useReducer } from 'react';
import type { BffClient, LoginOptions } from '../create-bff-client';
import { initialSessionState, reduceSessionState, type SessionState } from './session-state';

interface SessionContextValue {
  client: BffClient;
  state: SessionState;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Props of {@link SessionProvider}. */
export interface SessionProviderProps {
  /** The app's one client from `createBffClient()`. */
  client: BffClient;
  children?: ReactNode;
}

const ignore = () => undefined;

/**
 * Reads the session once on mount, follows every change (this tab, other tabs, expiry), and re-checks
 * without extending the session when the tab becomes visible again.
 */
export function SessionProvider({ client, children }: SessionProviderProps) {
  const [state, dispatch] = useReducer(reduceSessionState, initialSessionState);

  useEffect(() => {
    const unsubscribe = client.onSessionChange(dispatch);
    // Failures arrive as `error` events; the promise is only for callers that await it.
    client.getSession().catch(ignore);
    const onVisible = () => {
      if (document.visibilityState === 'visible') client.getSession({ extendIdle: false }).catch(ignore);
    };
    const hasDocument = typeof document !== 'undefined';
    if (hasDocument) document.addEventListener('visibilitychange', onVisible);
    return () => {
      unsubscribe();
      if (hasDocument) document.removeEventListener('visibilitychange', onVisible);
    };
  }, [client]);

  const value = useMemo(() => ({ client, state }), [client, state]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function useSessionContext(hook: string): SessionContextValue {
  const context = useContext(SessionContext);
  if (context === null) throw new Error(`${hook}() must be used inside <SessionProvider>.`);
  return context;
}

/** What {@link useSession} returns. */
export interface UseSessionResult extends SessionState {
  /**
   * sgID's typed personal data, or `null` when not logged in or logged in with another provider. For
   * every provider, narrow `session` on `session.provider` (`'sgid'`: `data`; `'singpass'`: `user`, `person`).
   */
  data: UserData | null;
  /** Starts a login; comes back to `returnTo` (default: the current path). */
  login: (options?: LoginOptions) => void;
  /** Logs out here and in every tab. Rejects with a `BffRequestError`. */
  logout: () => Promise<void>;
  /** "Stay signed in": reads the session as activity, which extends the idle timeout. */
  staySignedIn: () => Promise<void>;
  /** Reads the session again (e.g. "Try again" after an error) without extending it. */
  refresh: () => Promise<void>;
}

/** The current session and the actions on it. Must be used inside {@link SessionProvider}. */
export function useSession(): UseSessionResult {
  const { client, state } = useSessionContext('useSession');
  return useMemo(
    () => ({
      ...state,
      data: state.session?.provider === 'sgid' ? state.session.data : null,
      login: (options?: LoginOptions) => client.login(options),
      logout: () => client.logout(),
      staySignedIn: async () => {
        await client.getSession({ extendIdle: true });
      },
      refresh: async () => {
        await client.getSession({ extendIdle: false });
      },
    }),
    [client, state],
  );
}

/** The client's `fetch`: CSRF header, cookies, 401 → session ended, JSON errors → `BffRequestError`. */
export function useBffFetch(): BffClient['fetch'] {
  const { client } = useSessionContext('useBffFetch');
  return client.fetch;
}

/** The client given to {@link SessionProvider}. */
export function useBffClient(): BffClient {
  return useSessionContext('useBffClient').client;
}
