/**
 * The BFF's sgID relying party: builds the authorization URL and turns a callback's code into a verified
 * identity with typed data.
 *
 * Why hand-built on jose rather than openid-client 6: the BFF's clock is injected (sessions, transactions
 * and ID-token `exp`/`iat` must all move with one fake clock in tests), openid-client reads the wall clock
 * with only a static skew; each check here maps to its own stable `BFF_*` code without parsing library
 * messages; every call has its own deadline through the injected `fetch`. sgID's surface is three fixed
 * endpoints (SGID-PROTOCOL.md §2: no discovery), so what openid-client would add is small, and jose does
 * the cryptography (JWKS cache, RS256 verification, JWE) for both.
 */
import type { Tracer } from '@opentelemetry/api';
import { parseUserData } from '@sgid-bff/protocol';
import type { SgidConfig } from '../../config';
import { computeCodeChallenge } from '../../crypto/tokens';
import { BffServerError } from '../../errors';
import { getDefaultTracer, inSpan, TRACE_ATTRIBUTES } from '../../observability/tracing';
import { importPrivateKey } from '../../private-key';
import type { FetchLike } from '../call-provider';
import type { LoginProvider, SgidIdentity } from '../provider';
import { buildAuthorizationUrl } from './authorization-url';
import { decryptUserinfo, selectJweProfiles } from './decrypt-userinfo';
import { exchangeCode } from './exchange-code';
import { fetchUserinfo } from './fetch-userinfo';
import { createIdTokenVerifier } from './verify-id-token';

/** sgID's room as the shared layer sees it: `completeLogin` answers an `SgidIdentity`. */
export interface SgidProvider extends LoginProvider {
  readonly name: 'sgid';
  completeLogin(callback: Parameters<LoginProvider['completeLogin']>[0]): Promise<SgidIdentity>;
}

export function createSgidProvider(
  sgid: SgidConfig,
  deps: { fetch: FetchLike; clock: () => number; tracer?: Tracer },
): SgidProvider {
  // Each step of completeLogin is its own span (docs/production.md "Tracing"): which one is slow or failing.
  const tracer = deps.tracer ?? getDefaultTracer();
  const step = <T>(name: string, fn: () => Promise<T>) =>
    inSpan(tracer, name, { [TRACE_ATTRIBUTES.provider]: 'sgid' }, fn);
  const privateKey = importPrivateKey(sgid.privateKeyPem.reveal());
  const profiles = selectJweProfiles(sgid.compat);
  const verifyIdToken = createIdTokenVerifier({
    origin: sgid.origin,
    issuer: sgid.issuer,
    clientId: sgid.clientId,
    timeoutMs: sgid.timeoutMs,
    clockToleranceSeconds: sgid.clockToleranceSeconds,
    fetch: deps.fetch,
    clock: deps.clock,
  });

  return {
    name: 'sgid',
    issuer: sgid.issuer,
    redirectUri: sgid.redirectUri,
    scopes: sgid.scopes,

    // No call to sgID at login (no PAR) and nothing of its own to remember: no providerData.
    async beginLogin({ state, nonce, codeVerifier }) {
      const url = buildAuthorizationUrl(sgid.origin, {
        state,
        nonce,
        codeChallenge: computeCodeChallenge(codeVerifier),
        clientId: sgid.clientId,
        redirectUri: sgid.redirectUri,
        scopes: sgid.scopes,
      });
      return { url };
    },

    async completeLogin({ code, codeVerifier, nonce, scopes }) {
      const tokens = await step('provider.token_exchange', () =>
        exchangeCode(deps.fetch, {
          origin: sgid.origin,
          clientId: sgid.clientId,
          clientSecret: sgid.clientSecret.reveal(),
          redirectUri: sgid.redirectUri,
          code,
          codeVerifier,
          timeoutMs: sgid.timeoutMs,
        }),
      );
      const { sub } = await step('provider.id_token_verify', () => verifyIdToken(tokens.idToken, nonce));
      const userinfo = await step('provider.userinfo_fetch', () =>
        fetchUserinfo(deps.fetch, {
          origin: sgid.origin,
          accessToken: tokens.accessToken,
          expectedSub: sub,
          timeoutMs: sgid.timeoutMs,
        }),
      );
      const { data, unknown } = await step('provider.userinfo_decrypt', async () => {
        const raw = await decryptUserinfo(userinfo, privateKey, profiles, scopes);
        const parsed = parseUserData(raw);
        // Decision (docs/errors.md): a value that breaks its catalogue format fails the login rather than
        // storing data the SPA would mis-render; unknown scopes are kept verbatim instead.
        if (parsed.problems.length > 0) {
          const detail = parsed.problems.map((p) => `${p.scope}: ${p.reason}`).join('; ');
          throw new BffServerError('BFF_USERINFO_INVALID', { detail });
        }
        return parsed;
      });
      return { provider: 'sgid', sub, data, unknownData: unknown, scopes: [...scopes] };
    },
  };
}
