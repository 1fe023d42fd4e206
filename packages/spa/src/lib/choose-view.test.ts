import { describe, expect, it } from 'vitest';
import { chooseView, type ViewInput } from './choose-view';

const base: ViewInput = { status: 'anonymous', pathname: '/', loginError: null, loggedOut: false };
const view = (input: Partial<ViewInput>) => chooseView({ ...base, ...input });

describe('chooseView', () => {
  it('anonymous visitors see the landing page on every known page', () => {
    expect(view({})).toBe('landing');
    expect(view({ pathname: '/profile' })).toBe('landing');
    expect(view({ pathname: '/sessions' })).toBe('landing');
  });

  it('logged-in people see their profile at / and /profile, and their sessions at /sessions', () => {
    expect(view({ status: 'authenticated' })).toBe('profile');
    expect(view({ status: 'authenticated', pathname: '/profile' })).toBe('profile');
    expect(view({ status: 'authenticated', pathname: '/sessions' })).toBe('sessions');
    expect(view({ status: 'authenticated', pathname: '/logged-out' })).toBe('profile');
  });

  it('a logout (here or in another tab) shows the logged-out page', () => {
    expect(view({ loggedOut: true, pathname: '/profile' })).toBe('logged-out');
    expect(view({ pathname: '/logged-out' })).toBe('logged-out');
  });

  it('a failed login in the URL wins over loading and landing, not over a live session', () => {
    expect(view({ status: 'loading', loginError: 'BFF_LOGIN_DECLINED' })).toBe('login-error');
    expect(view({ loginError: 'BFF_LOGIN_DECLINED' })).toBe('login-error');
    expect(view({ status: 'authenticated', loginError: 'BFF_LOGIN_DECLINED' })).toBe('profile');
  });

  it('loading, error, expired and unknown paths', () => {
    expect(view({ status: 'loading' })).toBe('loading');
    expect(view({ status: 'error' })).toBe('session-error');
    expect(view({ status: 'expired', pathname: '/sessions' })).toBe('expired');
    expect(view({ pathname: '/nope' })).toBe('not-found');
  });
});
