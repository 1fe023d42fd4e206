/**
 * Pushed authorization request and the authorization URL (SINGPASS-CORPPASS-FAPI.md §4.1–4.3). Rules:
 * - a form POST to discovery's PAR endpoint with `response_type=code`, `scope`, `state`, `nonce`,
 *   `client_id`, `redirect_uri`, the S256 `code_challenge`, the client assertion, and a DPoP proof made
 *   with the login's own key (which binds the code to its thumbprint);
 * - `authentication_context_type` is sent exactly when the room gives one: Singpass Login apps and Corppass
 *   Login apps must send it, Singpass Myinfo apps must not (Singpass answers `invalid_request`); which
 *   app sends what is the room's rule, not this module's;
 * - success is exactly HTTP 201 with a `request_uri` and a numeric `expires_in`; anything else is
 *   `BFF_PROVIDER_ERROR`, the provider's words kept in the private detail;
 * - the browser gets `authorization_endpoint?client_id=…&request_uri=…` and nothing else.
 */
import { z } from 'zod';
import { computeCodeChallenge } from '../../crypto/tokens';
import { BffServerError } from '../../errors';
import { describeEndpointError, type FetchLike } from './call-endpoint';
import { callWithDpop } from './call-with-dpop';
import { clientAssertionFields } from './client-assertion';
import type { SigningKey } from './client-keys';
import type { DpopKey } from './dpop';

const ParAnswer = z.object({
  request_uri: z.string().min(1),
  expires_in: z.number().int().positive(),
});

export interface PushedAuthorizationRequest {
  endpoint: string;
  issuer: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  /** Sent as `authentication_context_type` when given (Login apps); omitted otherwise (Myinfo apps). */
  authContextType?: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  signingKey: SigningKey;
  dpopKey: DpopKey;
  dpopNonces: Map<string, string>;
  clock: () => number;
  timeoutMs: number;
}

export async function pushAuthorizationRequest(
  fetchImpl: FetchLike,
  request: PushedAuthorizationRequest,
): Promise<{ requestUri: string; expiresIn: number }> {
  const what = 'FAPI PAR endpoint';
  const answer = await callWithDpop(fetchImpl, {
    url: request.endpoint,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: async () => {
      const form = new URLSearchParams({
        response_type: 'code',
        scope: request.scopes.join(' '),
        state: request.state,
        nonce: request.nonce,
        redirect_uri: request.redirectUri,
        code_challenge: computeCodeChallenge(request.codeVerifier),
        code_challenge_method: 'S256',
        ...(await clientAssertionFields({
          clientId: request.clientId,
          issuer: request.issuer,
          key: request.signingKey,
          now: request.clock(),
        })),
      });
      if (request.authContextType !== undefined)
        form.set('authentication_context_type', request.authContextType);
      return form.toString();
    },
    key: request.dpopKey,
    nonces: request.dpopNonces,
    now: request.clock,
    timeoutMs: request.timeoutMs,
    what,
  });
  if (answer.status !== 201)
    throw new BffServerError('BFF_PROVIDER_ERROR', { detail: describeEndpointError(what, answer) });
  const parsed = ParAnswer.safeParse(answer.json);
  if (!parsed.success)
    throw new BffServerError('BFF_PROVIDER_ERROR', {
      detail: `${what} answered 201 without request_uri/expires_in`,
    });
  return { requestUri: parsed.data.request_uri, expiresIn: parsed.data.expires_in };
}

/** The URL the browser goes to: the authorization endpoint with `client_id` and `request_uri` only. */
export function buildAuthorizationUrl(endpoint: string, clientId: string, requestUri: string): string {
  const url = new URL(endpoint);
  url.search = '';
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('request_uri', requestUri);
  return url.href;
}
