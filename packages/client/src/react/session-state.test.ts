import { describe, expect, it } from 'vitest';
import { BffRequestError, readErrorCode } from '../errors';
import type { SessionChangeEvent } from '../session-events';
import { makeSession } from '../test-helpers';
import { initialSessionState, reduceSessionState, type SessionState } from './session-state';

const run = (...events: SessionChangeEvent[]): SessionState =>
  events.reduce(reduceSessionState, initialSessionState);

const signedIn: SessionChangeEvent = { type: 'session', session: makeSession(), source: 'this-tab' };
const anonymous: SessionChangeEvent = {
  type: 'session',
  session: { authenticated: false },
  source: 'this-tab',
};
const warning: SessionChangeEvent = {
  type: 'expiry-warning',
  kind: 'idle',
  expiresAt: '2025-01-01T00:30:00.000Z',
  remainingMs: 120_000,
};

describe('reduceSessionState', () => {
  it('starts loading, then follows the first read', () => {
    expect(initialSessionState.status).toBe('loading');
    expect(run(signedIn)).toMatchObject({ status: 'authenticated', session: makeSession() });
    expect(run(anonymous)).toMatchObject({ status: 'anonymous', session: null });
  });

  it('logout → anonymous with the reason kept', () => {
    const state = run(signedIn, { type: 'ended', reason: 'logout', code: null, source: 'other-tab' });
    expect(state).toMatchObject({ status: 'anonymous', session: null, ended: { reason: 'logout' } });
  });

  it('an end the user did not ask for → expired, which a later anonymous read does not hide', () => {
    const ended: SessionChangeEvent = {
      type: 'ended',
      reason: 'rejected',
      code: 'BFF_UNAUTHENTICATED',
      source: 'this-tab',
    };
    expect(run(signedIn, ended)).toMatchObject({ status: 'expired', ended: { code: 'BFF_UNAUTHENTICATED' } });
    expect(run(signedIn, ended, anonymous).status).toBe('expired');
  });

  it('a 401 before any session is just anonymous, whatever code it carries', () => {
    expect(
      run({ type: 'ended', reason: 'rejected', code: 'BFF_UNAUTHENTICATED', source: 'this-tab' }).status,
    ).toBe('anonymous');
    expect(
      run({
        type: 'ended',
        reason: 'rejected',
        code: readErrorCode('BFF_FROM_A_NEWER_BFF'),
        source: 'this-tab',
      }).status,
    ).toBe('anonymous');
  });

  it('a session ended elsewhere is expired with that reason kept, for the app to say so', () => {
    const ended: SessionChangeEvent = {
      type: 'ended',
      reason: 'ended-elsewhere',
      code: null,
      source: 'other-tab',
    };
    expect(run(signedIn, ended)).toMatchObject({ status: 'expired', ended: { reason: 'ended-elsewhere' } });
    expect(run(ended).status).toBe('expired');
  });

  it('keeps the warning until the deadline moves, then clears it', () => {
    expect(run(signedIn, warning).expiryWarning).toEqual(warning);
    expect(run(signedIn, warning, signedIn).expiryWarning).toEqual(warning);
    const extended: SessionChangeEvent = {
      type: 'session',
      session: makeSession({ idleExpiresAt: '2025-01-01T00:45:00.000Z' }),
      source: 'other-tab',
    };
    expect(run(signedIn, warning, extended).expiryWarning).toBeNull();
  });

  it('ignores a warning when not logged in', () => {
    expect(run(anonymous, warning).expiryWarning).toBeNull();
  });

  it('a failed first read is an error; a failed later read keeps the session', () => {
    const error = new BffRequestError('CLIENT_NETWORK_ERROR', 'offline', { status: 0 });
    expect(run({ type: 'error', error })).toMatchObject({ status: 'error', error });
    expect(run(signedIn, { type: 'error', error })).toMatchObject({ status: 'authenticated', error });
    expect(run({ type: 'error', error }, signedIn)).toMatchObject({ status: 'authenticated', error: null });
  });
});
