/**
 * Every outbound call to sgID goes through here:
 * - a deadline (`SGID_TIMEOUT`, default 5 s) covers connecting, the headers and the body;
 * - a timeout becomes `BFF_PROVIDER_TIMEOUT`, a network failure `BFF_PROVIDER_UNAVAILABLE`;
 * - redirects are never followed (sgID's API does not redirect; following one could leak the secret).
 */
import { BffServerError } from '../errors';

export type FetchLike = typeof fetch;

export interface ProviderAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  body: unknown;
}

export async function callProvider(
  fetchImpl: FetchLike,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  what: string,
): Promise<ProviderAnswer> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchImpl(url, { ...init, signal, redirect: 'manual' });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: parseJson(text) };
  } catch (cause) {
    if (signal.aborted)
      throw new BffServerError('BFF_PROVIDER_TIMEOUT', {
        detail: `${what} took longer than ${timeoutMs} ms`,
        cause,
      });
    throw new BffServerError('BFF_PROVIDER_UNAVAILABLE', {
      detail: `${what} failed: ${describe(cause)}`,
      cause,
    });
  }
}

/** A provider error answer as a short private detail (RFC 6749 `error`, never the whole body). */
export function describeProviderError(what: string, answer: ProviderAnswer): string {
  const error = (answer.body as { error?: unknown } | undefined)?.error;
  const wwwAuthenticate = answer.headers.get('www-authenticate');
  return [`${what} answered ${answer.status}`, typeof error === 'string' ? error : '', wwwAuthenticate ?? '']
    .filter(Boolean)
    .join(' ')
    .slice(0, 300);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
