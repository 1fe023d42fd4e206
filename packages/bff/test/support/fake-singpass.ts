/**
 * A Singpass stand-in for the shared layer's tests until the Singpass room and its emulator exist: a
 * `LoginProvider` named `singpass` whose `beginLogin` answers a URL that comes straight back to the BFF's
 * Singpass callback (as an approving provider would), with `providerData` the test can follow, and whose
 * `completeLogin` answers a fixed `SingpassIdentity`. It proves nothing about Singpass itself — only that
 * the provider-blind layer routes, stores, checks and sessions a second provider correctly.
 */
import { createSingpassJwk } from '../../src/config/test-env';
import type { LoginCallback, LoginProvider, SingpassIdentity } from '../../src/providers/provider';
import { BFF_ORIGIN } from './test-bff';

export const FAKE_SINGPASS_ISSUER = 'http://127.0.0.1:5157/fapi';
export const FAKE_SINGPASS_KEYS = [
  createSingpassJwk('sig', 'bff-sig-1'),
  createSingpassJwk('enc', 'bff-enc-1'),
];

/** The BFF environment enabling Singpass next to sgID (sgID stays the default). */
export const SINGPASS_TEST_ENV = {
  SINGPASS_CLIENT_ID: 'singpass-test-client',
  SINGPASS_ISSUER: FAKE_SINGPASS_ISSUER,
  SINGPASS_KEYS: JSON.stringify({ keys: FAKE_SINGPASS_KEYS }),
};

export const FAKE_SINGPASS_IDENTITY: SingpassIdentity = {
  provider: 'singpass',
  sub: '6f4a1d2c-0b1e-4c55-9a4e-3b6e3f1e8a01',
  appType: 'login',
  scopes: ['openid', 'user.identity', 'name'],
  user: { accountType: 'standard', identityNumber: 'S9812381D', identityCoi: 'SG', name: 'TAN HENG HUAT' },
  acr: 'urn:singpass:authentication:loa:2',
  amr: ['pwd', 'otp-sms'],
};

export interface FakeSingpass extends LoginProvider {
  /** Every callback `completeLogin` was given. */
  readonly completed: LoginCallback[];
  /** Make `beginLogin` fail (as a PAR that fails would) with this error. */
  failBeginWith: Error | undefined;
  /** Answer `iss` on the redirect back (RFC 9207); the issuer by default. */
  redirectIss: string | undefined;
}

export function createFakeSingpass(): FakeSingpass {
  const fake: FakeSingpass = {
    name: 'singpass',
    issuer: FAKE_SINGPASS_ISSUER,
    redirectUri: `${BFF_ORIGIN}/auth/callback/singpass`,
    scopes: FAKE_SINGPASS_IDENTITY.scopes,
    completed: [],
    failBeginWith: undefined,
    redirectIss: FAKE_SINGPASS_ISSUER,
    async beginLogin({ state }) {
      if (fake.failBeginWith) throw fake.failBeginWith;
      const back = new URL(fake.redirectUri);
      back.searchParams.set('code', 'fake-code');
      back.searchParams.set('state', state);
      if (fake.redirectIss !== undefined) back.searchParams.set('iss', fake.redirectIss);
      return { url: back.href, providerData: { dpopKey: { kty: 'EC', d: 'per-login-dpop-secret' } } };
    },
    async completeLogin(callback) {
      fake.completed.push(callback);
      return FAKE_SINGPASS_IDENTITY;
    },
  };
  return fake;
}
