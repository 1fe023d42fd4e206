/**
 * Every outbound call to Singpass goes through here (SINGPASS-CORPPASS-FAPI.md §6.6–6.7):
 * - one deadline (`timeoutMs`) covers connecting, the headers and the whole body, through the injected
 *   `fetch`, so tests and the shared layer decide how the network is reached;
 * - a timeout becomes `BFF_PROVIDER_TIMEOUT`, a network failure `BFF_PROVIDER_UNAVAILABLE`;
 * - redirects are never followed: no Singpass API redirects, and following one would send a DPoP proof or
 *   a client assertion somewhere discovery did not name.
 * The body is kept as text: PAR and token answer JSON, userinfo answers `application/jwt`.
 */
import { BffServerError } from '../../errors';

export type FetchLike = typeof fetch;

export interface EndpointAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export async function callEndpoint(
  fetchImpl: FetchLike,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  what: string,
): Promise<EndpointAnswer> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchImpl(url, { ...init, signal, redirect: 'manual' });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: parseJson(text) };
  } catch (cause) {
    if (signal.aborted)
      throw new BffServerError('BFF_PROVIDER_TIMEOUT', {
        detail: `${what} took longer than ${timeoutMs} ms`,
        cause,
      });
    throw new BffServerError('BFF_PROVIDER_UNAVAILABLE', {
      detail: `${what} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    });
  }
}

/** The OAuth `error` of an answer: the JSON body's, else the `WWW-Authenticate: DPoP error="…"` one. */
export function readOAuthError(answer: EndpointAnswer): string | undefined {
  const body = answer.json;
  if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string')
    return body.error;
  const challenge = answer.headers.get('www-authenticate') ?? '';
  return /\berror="([^"]*)"/.exec(challenge)?.[1];
}

/**
 * A provider error answer as a short private detail for the log: status and RFC 6749 `error` code only.
 * The provider's `error_description` never reaches the user and is not needed to triage (§4.4).
 */
export function describeEndpointError(what: string, answer: EndpointAnswer): string {
  const error = readOAuthError(answer);
  return `${what} answered ${answer.status}${error ? ` ${error.slice(0, 60)}` : ''}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
