/**
 * A call that carries a DPoP proof, with the nonce dance of RFC 9449 §8–9 (SINGPASS-CORPPASS-FAPI.md §4.6,
 * §6.3). Rules:
 * - each attempt gets a new proof and a new body (fresh `jti`s, current `iat`);
 * - when the server answers `use_dpop_nonce` (a JSON `error` at PAR/token, `WWW-Authenticate: DPoP
 *   error="use_dpop_nonce"` at userinfo) with a `DPoP-Nonce` header, retry **once** with that nonce; a
 *   second refusal is the server's answer;
 * - a nonce the server hands out is remembered in `nonces` (per origin, for this login only), so the next
 *   call to the same server sends it straight away.
 */
import { callEndpoint, type EndpointAnswer, type FetchLike, readOAuthError } from './call-endpoint';
import { createDpopProof, type DpopKey } from './dpop';

export interface DpopCall {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /**
   * Builds the form body for each attempt: a retry must not resend the first attempt's client assertion,
   * whose `jti` the server may already have recorded.
   */
  body?: () => Promise<string>;
  key: DpopKey;
  accessToken?: string;
  /** Nonces seen during this login, by origin. */
  nonces: Map<string, string>;
  now: () => number;
  timeoutMs: number;
  what: string;
}

export async function callWithDpop(fetchImpl: FetchLike, call: DpopCall): Promise<EndpointAnswer> {
  const origin = new URL(call.url).origin;
  const attempt = async (): Promise<EndpointAnswer> => {
    const nonce = call.nonces.get(origin);
    const proof = await createDpopProof({
      key: call.key,
      htm: call.method,
      htu: call.url,
      now: call.now(),
      ...(nonce !== undefined && { nonce }),
      ...(call.accessToken !== undefined && { accessToken: call.accessToken }),
    });
    const answer = await callEndpoint(
      fetchImpl,
      call.url,
      {
        method: call.method,
        headers: { ...call.headers, dpop: proof },
        ...(call.body !== undefined && { body: await call.body() }),
      },
      call.timeoutMs,
      call.what,
    );
    const next = answer.headers.get('dpop-nonce');
    if (next) call.nonces.set(origin, next);
    return answer;
  };

  const first = await attempt();
  if (readOAuthError(first) !== 'use_dpop_nonce' || !first.headers.get('dpop-nonce')) return first;
  return attempt();
}
