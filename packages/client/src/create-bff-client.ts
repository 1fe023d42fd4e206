/**
 * The browser SDK: session, login/logout, fetch with the CSRF header, 401 handling, cross-tab sync and
 * the idle-expiry warning. The SPA never sees a token; the BFF's session cookie does the work.
 */
import type {
  AuthenticatedSession,
  ProviderName,
  ProvidersResponse,
  SessionResponse,
} from '@sgid-bff/protocol';
import { type CrossTabChannelFactory, openBroadcastChannel } from './cross-tab';
import { BffRequestError, type BffRequestErrorCode } from './errors';
import { createExpiryWatcher } from './expiry-watcher';
import { measureClockSkew, networkError, readBffError, readJsonBody } from './http';
import { parseProvidersResponse, parseSessionResponse } from './parse-session';
import type { SessionChangeEvent, SessionChangeListener, SessionEndReason } from './session-events';
import { createSessionHub } from './session-hub';

/** Options of {@link createBffClient}. Every one has a default that suits an SPA served by the BFF. */
export interface BffClientOptions {
  /** Origin (and optional path prefix) of the BFF. Default `''`: the SPA's own origin. */
  baseUrl?: string;
  /** Name of the anti-CSRF header the BFF requires. Default `X-CSRF` (value `1`). */
  csrfHeader?: string;
  /** The `fetch` to use. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** BroadcastChannel name shared by the tabs of this app. Default `sgid-bff-session`. */
  channelName?: string;
  /** Opens the cross-tab channel. Default: `BroadcastChannel`; return `null` to disable sync. */
  openChannel?: CrossTabChannelFactory;
  /** How long before the session ends to raise the expiry warning. Default 2 minutes. */
  warnBeforeMs?: number;
  /** Performs the login navigation. Default: `location.assign`. */
  navigate?: (url: string) => void;
  /** The current path, used when `login()` has no `returnTo`. Default: `location` path + query + hash. */
  currentPath?: () => string;
  /** The clock. Default `Date.now`. */
  now?: () => number;
}

/** Options of {@link BffClient.getSession}. */
export interface GetSessionOptions {
  /**
   * Whether this read counts as activity and extends the idle timeout. Default `true`. Background
   * checks pass `false`; a "Stay signed in" button passes `true`.
   */
  extendIdle?: boolean;
}

/** Options of {@link BffClient.login}. */
export interface LoginOptions {
  /** Local path to come back to after login, e.g. `/profile`. Default: the current path. */
  returnTo?: string;
  /** The provider to log in with (`'sgid'`, `'singpass'`). Default: the BFF's `DEFAULT_PROVIDER`. */
  provider?: ProviderName;
}

/** A BFF client. Create one per app with {@link createBffClient}. */
export interface BffClient {
  /** Reads the session (`GET /auth/session`) and notifies listeners. Rejects with a {@link BffRequestError}. */
  getSession(options?: GetSessionOptions): Promise<SessionResponse>;
  /**
   * The providers the BFF has enabled and its default (`GET /auth/providers`), e.g. to show one login
   * button per provider. Rejects with a {@link BffRequestError}.
   */
  getProviders(): Promise<ProvidersResponse>;
  /** Starts a login: navigates to `/auth/login?provider=…&returnTo=…`. The page unloads. */
  login(options?: LoginOptions): void;
  /** Ends the session at the BFF (`POST /auth/logout`) and in every tab. Rejects with a {@link BffRequestError}. */
  logout(): Promise<void>;
  /**
   * `fetch` for the BFF: adds the CSRF header and sends cookies. A 401 ends the session (an `ended`
   * event with the BFF's code) and rejects; any other JSON error `{code, message}` rejects with a
   * {@link BffRequestError}; other answers resolve as they are.
   */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Subscribes to session changes; returns the unsubscribe function. */
  onSessionChange(listener: SessionChangeListener): () => void;
  /** The session as last read, or `null` before the first read. */
  readonly session: SessionResponse | null;
  /** Stops timers and closes the cross-tab channel. */
  close(): void;
}

const DEFAULT_WARN_BEFORE_MS = 2 * 60 * 1000;
/** A session that ends within this much of its deadline counts as timed out, not ended elsewhere. */
const ENDED_EARLY_MARGIN_MS = 5000;

const defaultNavigate = (url: string) => globalThis.location.assign(url);
const defaultCurrentPath = () => {
  const { pathname, search, hash } = globalThis.location;
  return `${pathname}${search}${hash}`;
};

/** Whether `path` is a local path the BFF will accept as `returnTo` (mirrors its own check). */
export function isLocalPath(path: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
  return /^\/(?![/\\])[^\\\u0000-\u001f\u007f]*$/.test(path);
}

/** Creates the browser SDK. */
export function createBffClient(options: BffClientOptions = {}): BffClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const csrfHeader = options.csrfHeader ?? 'X-CSRF';
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const navigate = options.navigate ?? defaultNavigate;
  const currentPath = options.currentPath ?? defaultCurrentPath;
  const now = options.now ?? (() => Date.now());
  const warnBeforeMs = options.warnBeforeMs ?? DEFAULT_WARN_BEFORE_MS;

  let session: SessionResponse | null = null;
  let skewMs = 0;

  const url = (path: string) => `${baseUrl}${path}`;
  const resolve = (input: RequestInfo | URL) =>
    typeof input === 'string' && input.startsWith('/') ? url(input) : input;

  const hub = createSessionHub({
    channelName: options.channelName ?? 'sgid-bff-session',
    openChannel: options.openChannel ?? openBroadcastChannel,
    onRemoteEnded: (event) => endSession(event.reason, event.code, 'other-tab'),
    onRemoteSession: (message) => {
      if (session?.authenticated && session.sub === message.sub) {
        adopt(
          { ...session, expiresAt: message.expiresAt, idleExpiresAt: message.idleExpiresAt },
          'other-tab',
        );
      } else {
        // A login (or a different user) in another tab: read our own copy. Failures surface as events.
        void readSession(false, false).catch(() => undefined);
      }
    },
  });

  const watcher = createExpiryWatcher({
    warnBeforeMs,
    now,
    check: () => readSession(false, true),
    onWarning: (event) => hub.emit(event),
  });

  function adopt(next: AuthenticatedSession, source: 'this-tab' | 'other-tab') {
    session = next;
    hub.emit({ type: 'session', session: next, source });
    // After the update, so a warning raised at once arrives after the session it is about.
    watcher.schedule(next, skewMs);
  }

  /**
   * Whether the session this tab knew should still be alive by its own deadlines (server clock, with a
   * margin for the skew measurement and the BFF's own rounding): if the BFF says it is gone anyway and
   * this browser did not log out, it was ended elsewhere, not timed out.
   */
  function endedBeforeItsTime(): boolean {
    if (!session?.authenticated) return false;
    const endsAt = Math.min(Date.parse(session.expiresAt), Date.parse(session.idleExpiresAt)) - skewMs;
    return Number.isFinite(endsAt) && now() < endsAt - ENDED_EARLY_MARGIN_MS;
  }

  function endSession(
    reason: SessionEndReason,
    code: BffRequestErrorCode | null,
    source: 'this-tab' | 'other-tab',
  ) {
    if (source === 'this-tab' && reason !== 'logout' && endedBeforeItsTime()) reason = 'ended-elsewhere';
    const wasAuthenticated = session?.authenticated === true;
    const wasAnonymous = session !== null && !wasAuthenticated;
    // Another tab's news matters only to a tab that has a session; this tab's own logout always counts.
    if (source === 'other-tab' && !wasAuthenticated) return;
    session = { authenticated: false };
    watcher.stop();
    if (wasAnonymous && reason !== 'logout') return;
    const event: SessionChangeEvent = { type: 'ended', reason, code, source };
    hub.emit(event);
    if (source === 'this-tab') hub.broadcast({ type: 'ended', reason, code });
  }

  async function send(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set(csrfHeader, '1');
    try {
      return await fetchImpl(resolve(input), { ...init, headers, credentials: 'include' });
    } catch (cause) {
      throw networkError(cause);
    }
  }

  /** GET /auth/session; `announce` tells other tabs about a fresh authenticated session. */
  async function readSession(extendIdle: boolean, announce: boolean): Promise<SessionResponse> {
    let response: Response;
    try {
      response = await send(url(extendIdle ? '/auth/session' : '/auth/session?extendIdle=false'), {
        method: 'GET',
        headers: { Accept: 'application/json' },
        cache: 'no-store',
      });
    } catch (error) {
      hub.emit({ type: 'error', error: error as BffRequestError });
      throw error;
    }
    skewMs = measureClockSkew(response, now());
    if (response.status === 401) {
      const error = await readBffError(response);
      endSession('rejected', error?.code ?? 'BFF_UNAUTHENTICATED', 'this-tab');
      return { authenticated: false };
    }
    const failure = await readBffError(response);
    const next = failure === null && response.ok ? parseSessionResponse(await readJsonBody(response)) : null;
    if (next === null) {
      const error =
        failure ??
        new BffRequestError('CLIENT_BAD_RESPONSE', 'The server sent an unexpected answer.', {
          status: response.status,
        });
      hub.emit({ type: 'error', error });
      throw error;
    }
    if (next.authenticated) {
      adopt(next, 'this-tab');
      if (announce) {
        hub.broadcast({
          type: 'session',
          sub: next.sub,
          expiresAt: next.expiresAt,
          idleExpiresAt: next.idleExpiresAt,
        });
      }
    } else if (session?.authenticated) {
      endSession('expired', null, 'this-tab');
    } else {
      session = next;
      hub.emit({ type: 'session', session: next, source: 'this-tab' });
    }
    return next;
  }

  return {
    get session() {
      return session;
    },

    getSession(getOptions = {}) {
      return readSession(getOptions.extendIdle ?? true, true);
    },

    async getProviders() {
      const response = await send(url('/auth/providers'), {
        method: 'GET',
        headers: { Accept: 'application/json' },
        cache: 'no-store',
      });
      const failure = await readBffError(response);
      if (failure !== null) throw failure;
      const body = response.ok ? parseProvidersResponse(await readJsonBody(response)) : null;
      if (body === null)
        throw new BffRequestError('CLIENT_BAD_RESPONSE', 'The server sent an unexpected answer.', {
          status: response.status,
        });
      return body;
    },

    login(loginOptions = {}) {
      const returnTo = loginOptions.returnTo ?? currentPath();
      if (!isLocalPath(returnTo)) {
        throw new BffRequestError(
          'CLIENT_INVALID_RETURN_TO',
          'returnTo must be a local path such as /profile.',
          {
            status: 0,
          },
        );
      }
      const provider =
        loginOptions.provider === undefined ? '' : `provider=${encodeURIComponent(loginOptions.provider)}&`;
      navigate(url(`/auth/login?${provider}returnTo=${encodeURIComponent(returnTo)}`));
    },

    async logout() {
      const response = await send(url('/auth/logout'), { method: 'POST' });
      // 401: the session had already ended; the user is logged out either way.
      if (!response.ok && response.status !== 401) {
        throw (
          (await readBffError(response)) ??
          new BffRequestError('CLIENT_BAD_RESPONSE', 'Logging out failed.', { status: response.status })
        );
      }
      endSession('logout', null, 'this-tab');
    },

    async fetch(input, init) {
      const response = await send(input, init);
      if (response.status === 401) {
        const error =
          (await readBffError(response)) ??
          new BffRequestError('BFF_UNAUTHENTICATED', 'You are not logged in.', { status: 401 });
        endSession('rejected', error.code, 'this-tab');
        throw error;
      }
      const error = await readBffError(response);
      if (error !== null) throw error;
      return response;
    },

    onSessionChange: (listener) => hub.subscribe(listener),

    close() {
      watcher.stop();
      hub.close();
    },
  };
}
