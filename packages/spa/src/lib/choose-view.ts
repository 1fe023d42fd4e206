/** Which screen the app shows, from the session status, the URL and how the last session ended. */
import type { SessionStatus } from '@sgid-bff/client/react';

export type View =
  | 'loading'
  | 'login-error'
  | 'session-error'
  | 'expired'
  | 'logged-out'
  | 'landing'
  | 'profile'
  | 'sessions'
  | 'not-found';

export interface ViewInput {
  status: SessionStatus;
  pathname: string;
  /** An error code from the URL (a login that failed at the BFF), if any. */
  loginError: string | null;
  /** Whether the last session ended by a logout (here or in another tab). */
  loggedOut: boolean;
}

const SIGNED_IN_PAGES: Readonly<Record<string, View>> = {
  '/': 'profile',
  '/profile': 'profile',
  '/sessions': 'sessions',
};
const KNOWN_PATHS = new Set(['/', '/profile', '/sessions', '/logged-out']);

export function chooseView({ status, pathname, loginError, loggedOut }: ViewInput): View {
  if (loginError !== null && status !== 'authenticated') return 'login-error';
  if (status === 'loading') return 'loading';
  if (status === 'error') return 'session-error';
  if (status === 'expired') return 'expired';
  if (!KNOWN_PATHS.has(pathname)) return 'not-found';
  if (status === 'authenticated') return SIGNED_IN_PAGES[pathname] ?? 'profile';
  return loggedOut || pathname === '/logged-out' ? 'logged-out' : 'landing';
}
