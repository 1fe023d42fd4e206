/**
 * Userinfo request (SGID-PROTOCOL.md §3.3): once per login, bearer token, JSON `{sub, key?, data?}`.
 * Shape problems are `BFF_USERINFO_INVALID`; a `sub` that differs from the ID token's fails the login.
 */
import { SGID_PATHS, type UserinfoResponse } from '@sgid-bff/protocol';
import { z } from 'zod';
import { BffServerError } from '../../errors';
import { callProvider, describeProviderError, type FetchLike } from '../call-provider';

const UserinfoAnswer = z.object({
  sub: z.string().min(1),
  key: z.string().min(1).optional(),
  data: z.record(z.string(), z.string()).optional(),
});

export async function fetchUserinfo(
  fetchImpl: FetchLike,
  request: { origin: string; accessToken: string; expectedSub: string; timeoutMs: number },
): Promise<UserinfoResponse> {
  const answer = await callProvider(
    fetchImpl,
    `${request.origin}${SGID_PATHS.userinfo}`,
    { headers: { authorization: `Bearer ${request.accessToken}`, accept: 'application/json' } },
    request.timeoutMs,
    'userinfo endpoint',
  );
  if (answer.status !== 200)
    throw new BffServerError('BFF_PROVIDER_ERROR', {
      detail: describeProviderError('userinfo endpoint', answer),
    });
  const userinfo = UserinfoAnswer.safeParse(answer.body);
  if (!userinfo.success)
    throw new BffServerError('BFF_USERINFO_INVALID', { detail: 'userinfo is not {sub, key?, data?}' });
  if (userinfo.data.sub !== request.expectedSub)
    throw new BffServerError('BFF_USERINFO_SUB_MISMATCH', {
      detail: 'userinfo sub differs from the ID token sub',
    });
  return userinfo.data;
}
