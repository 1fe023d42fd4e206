/**
 * Token request (SGID-PROTOCOL.md §3.2): `authorization_code` grant, client_secret_post, PKCE verifier.
 * Any non-200 answer is `BFF_PROVIDER_ERROR`; a 200 without both tokens is too.
 */
import { SGID_PATHS } from '@sgid-bff/protocol';
import { z } from 'zod';
import { BffServerError } from '../../errors';
import { callProvider, describeProviderError, type FetchLike } from '../call-provider';

const TokenAnswer = z.object({ access_token: z.string().min(1), id_token: z.string().min(1) });

export interface CodeExchange {
  origin: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  code: string;
  codeVerifier: string;
  timeoutMs: number;
}

export async function exchangeCode(
  fetchImpl: FetchLike,
  exchange: CodeExchange,
): Promise<{ accessToken: string; idToken: string }> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: exchange.code,
    redirect_uri: exchange.redirectUri,
    code_verifier: exchange.codeVerifier,
    client_id: exchange.clientId,
    client_secret: exchange.clientSecret,
  });
  const answer = await callProvider(
    fetchImpl,
    `${exchange.origin}${SGID_PATHS.token}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
    },
    exchange.timeoutMs,
    'token endpoint',
  );
  if (answer.status !== 200)
    throw new BffServerError('BFF_PROVIDER_ERROR', {
      detail: describeProviderError('token endpoint', answer),
    });
  const tokens = TokenAnswer.safeParse(answer.body);
  if (!tokens.success)
    throw new BffServerError('BFF_PROVIDER_ERROR', {
      detail: 'token endpoint answered without access_token/id_token',
    });
  return { accessToken: tokens.data.access_token, idToken: tokens.data.id_token };
}
