/** Reading the BFF's answers: JSON bodies, error bodies and the server clock. */
import { BffRequestError, isBffErrorBody, readErrorCode } from './errors';

/** Whether the answer says it is JSON. */
export function isJsonResponse(response: Response): boolean {
  const type = response.headers.get('content-type') ?? '';
  return /^application\/([\w.+-]+\+)?json\b/i.test(type);
}

/** The JSON body of `response`, or `undefined` when it is not JSON or does not parse. */
export async function readJsonBody(response: Response): Promise<unknown> {
  if (!isJsonResponse(response)) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * The {@link BffRequestError} for an unsuccessful answer whose body is a BFF error body, else `null`. Reads a
 * clone so the caller can still read the original response.
 */
export async function readBffError(response: Response): Promise<BffRequestError | null> {
  if (response.ok) return null;
  const body = await readJsonBody(response.clone());
  if (!isBffErrorBody(body)) return null;
  return new BffRequestError(readErrorCode(body.code), body.message, {
    status: response.status,
    requestId: body.requestId,
  });
}

/** Wraps a rejected `fetch` (no answer at all) in a {@link BffRequestError}. */
export function networkError(cause: unknown): BffRequestError {
  return new BffRequestError('CLIENT_NETWORK_ERROR', 'Could not reach the server. Check your connection.', {
    status: 0,
    cause,
  });
}

/**
 * How far the server clock is ahead of ours, from the `Date` header (1 s resolution), so expiry
 * warnings fire on time even when the device clock is wrong. `0` when the header is absent.
 */
export function measureClockSkew(response: Response, now: number): number {
  const header = response.headers.get('date');
  const serverNow = header === null ? Number.NaN : Date.parse(header);
  if (Number.isNaN(serverNow)) return 0;
  const skew = serverNow - now;
  // Within the header's resolution the clocks agree; don't chase sub-second noise.
  return Math.abs(skew) < 2000 ? 0 : skew;
}
