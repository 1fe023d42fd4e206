/**
 * `@sgid-bff/client/react`: React bindings for the browser SDK. Wrap the app in `<SessionProvider
 * client={createBffClient()}>` and read the session with `useSession()`.
 */
export {
  SessionProvider,
  type SessionProviderProps,
  type UseSessionResult,
  useBffClient,
  useBffFetch,
  useSession,
} from './react/session-provider';
export {
  initialSessionState,
  reduceSessionState,
  type SessionState,
  type SessionStatus,
} from './react/session-state';
