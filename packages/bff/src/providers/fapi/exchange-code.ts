/**
 * Token request (SINGPASS-CORPPASS-FAPI.md §4.7–4.8, §6.3–6.4). Rules:
 * - a form POST to discovery's token endpoint (of the transaction's issuer only: mix-up defence) with
 *   `grant_type=authorization_code`, `code`, the PAR's `redirect_uri`, `code_verifier`, `client_id` and a
 *   fresh client assertion, plus a DPoP proof made with the same per-login key as the PAR;
 * - success is HTTP 200 with `id_token`, `access_token` and `token_type` DPoP (case-insensitive): a
 *   Bearer token would not be sender-constrained;
 * - the access token is opaque to the BFF; `expires_in` and `scope` are neither required nor read.
 */
import { z } from 'zod';
import { BffServerError } from '../../errors';
import { describeEndpointError, type FetchLike } from './call-endpoint';
import { callWithDpop } from './call-with-dpop';
import { clientAssertionFields } from './client-assertion';
import type { SigningKey } from './client-keys';
import type { DpopKey } from './dpop';

const TokenAnswer = z.object({
  access_token: z.string().min(1),
  id_token: z.string().min(1),
  token_type: z.string(),
});

export interface CodeExchange {
  endpoint: string;
  issuer: string;
  clientId: string;
  redirectUri: string;
  code: string;
  codeVerifier: string;
  signingKey: SigningKey;
  dpopKey: DpopKey;
  dpopNonces: Map<string, string>;
  clock: () => number;
  timeoutMs: number;
}

export async function exchangeCode(
  fetchImpl: FetchLike,
  exchange: CodeExchange,
): Promise<{ accessToken: string; idToken: string }> {
  const what = 'FAPI token endpoint';
  const answer = await callWithDpop(fetchImpl, {
    url: exchange.endpoint,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: async () =>
      new URLSearchParams({
        grant_type: 'authorization_code',
        code: exchange.code,
        redirect_uri: exchange.redirectUri,
        code_verifier: exchange.codeVerifier,
        ...(await clientAssertionFields({
          clientId: exchange.clientId,
          issuer: exchange.issuer,
          key: exchange.signingKey,
          now: exchange.clock(),
        })),
      }).toString(),
    key: exchange.dpopKey,
    nonces: exchange.dpopNonces,
    now: exchange.clock,
    timeoutMs: exchange.timeoutMs,
    what,
  });
  if (answer.status !== 200)
    throw new BffServerError('BFF_PROVIDER_ERROR', { detail: describeEndpointError(what, answer) });
  const tokens = TokenAnswer.safeParse(answer.json);
  if (!tokens.success)
    throw new BffServerError('BFF_PROVIDER_ERROR', {
      detail: `${what} answered without access_token/id_token/token_type`,
    });
  if (tokens.data.token_type.toLowerCase() !== 'dpop')
    throw new BffServerError('BFF_PROVIDER_ERROR', {
      detail: `${what} answered token_type ${tokens.data.token_type.slice(0, 20)}, not DPoP`,
    });
  return { accessToken: tokens.data.access_token, idToken: tokens.data.id_token };
}
