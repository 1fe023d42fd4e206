/**
 * One entry per provider, so the provider-blind security suites (transactions, sessions, redirects, CSRF)
 * run once per provider with `describe.each(providerFixtures)`: what a property proves for one provider's
 * logins it then proves for all (ARCHITECTURE.md). A fixture says how to build the in-process world (the
 * BFF configured for the provider, the provider's emulator answering on the simulated internet) and how a
 * browser logs in through it.
 *
 * Adding a provider (e.g. Singpass, once its room and emulator exist): write a `ProviderFixture` whose
 * `createWorld` enables it in the BFF's environment (`SINGPASS_CLIENT_ID`, `SINGPASS_KEYS`,
 * `SINGPASS_ISSUER` = the emulator's origin, `DEFAULT_PROVIDER` if it should be the default), registers its
 * emulator on `world.internet` under that origin and auto-approves a persona; give its `callbackPath`
 * (`/auth/callback/singpass`), the origin its redirects come from (`providerOrigin`) and its session keys;
 * then append it to `providerFixtures`. Every suite below then runs for it too.
 */
import type { ProviderName } from '@sgid-bff/protocol';
import type { Navigation, SimulatedBrowser } from './simulated-internet';
import {
  BFF_ORIGIN,
  createTestWorld,
  PROVIDER_ORIGIN,
  type TestWorld,
  type TestWorldOptions,
} from './test-bff';

export interface ProviderFixture {
  readonly name: ProviderName;
  /** The BFF (this provider enabled, and the default) with the provider's emulator on the simulated internet. */
  createWorld(options?: Pick<TestWorldOptions, 'env' | 'clock' | 'store'>): Promise<TestWorld>;
  /** The path of this provider's redirect URI on the BFF. */
  readonly callbackPath: string;
  /** Where the provider's redirect back comes from (the `Referer`/site of the callback navigation). */
  readonly providerOrigin: string;
  /** The top-level keys of this provider's `GET /auth/session` answer when logged in. */
  readonly sessionKeys: readonly string[];
}

const SESSION_TIMES = ['authenticated', 'provider', 'sub', 'scopes', 'loginAt', 'expiresAt', 'idleExpiresAt'];

export const sgidFixture: ProviderFixture = {
  name: 'sgid',
  createWorld: (options = {}) => createTestWorld(options),
  callbackPath: '/auth/callback',
  providerOrigin: PROVIDER_ORIGIN,
  sessionKeys: [...SESSION_TIMES, 'data'],
};

/** Singpass (FAPI 2.0, a Login app) against the emulator's strict Singpass provider, as the default. */
export const singpassFixture: ProviderFixture = {
  name: 'singpass',
  createWorld: (options = {}) =>
    createTestWorld({ ...options, singpass: 'login', env: { DEFAULT_PROVIDER: 'singpass', ...options.env } }),
  callbackPath: '/auth/callback/singpass',
  providerOrigin: PROVIDER_ORIGIN,
  sessionKeys: [...SESSION_TIMES, 'appType', 'user', 'acr', 'amr'],
};

/** Corppass (FAPI 2.0) against the emulator's strict Corppass provider, as the default. */
export const corppassFixture: ProviderFixture = {
  name: 'corppass',
  createWorld: (options = {}) =>
    createTestWorld({ ...options, corppass: true, env: { DEFAULT_PROVIDER: 'corppass', ...options.env } }),
  callbackPath: '/auth/callback/corppass',
  providerOrigin: PROVIDER_ORIGIN,
  sessionKeys: [...SESSION_TIMES, 'entity', 'actor', 'authorisations', 'acr', 'amr'],
};

/** Every provider the parameterised suites run for. */
export const providerFixtures: readonly ProviderFixture[] = [sgidFixture, singpassFixture, corppassFixture];

/** Log in with the fixture's provider the way a user does: `/auth/login?provider=…`, every redirect followed. */
export function loginWithProvider(
  fixture: ProviderFixture,
  browser: SimulatedBrowser,
  returnTo = '/profile',
): Promise<Navigation> {
  return browser.navigate(loginUrl(fixture, returnTo), { from: `${BFF_ORIGIN}/` });
}

/** Start a login with the fixture's provider and stop where it redirects back: the callback URL, not yet visited. */
export async function startProviderLoginUntilCallback(
  fixture: ProviderFixture,
  browser: SimulatedBrowser,
  returnTo = '/profile',
): Promise<string> {
  const nav = await browser.navigate(loginUrl(fixture, returnTo), {
    from: `${BFF_ORIGIN}/`,
    stopBefore: (url) => url.origin === BFF_ORIGIN && url.pathname === fixture.callbackPath,
  });
  if (nav.status !== 0) throw new Error(`login did not reach the callback: ${nav.status}`);
  return nav.url;
}

/** Visit a callback URL as the provider's redirect would (a cross-site top-level navigation). */
export function visitProviderCallback(
  fixture: ProviderFixture,
  browser: SimulatedBrowser,
  callbackUrl: string,
) {
  return browser.navigate(callbackUrl, { from: `${fixture.providerOrigin}/` });
}

function loginUrl(fixture: ProviderFixture, returnTo: string): string {
  return `${BFF_ORIGIN}/auth/login?provider=${fixture.name}&returnTo=${encodeURIComponent(returnTo)}`;
}
