/**
 * One `Host` per request (RFC 9112 §3.2: a request with more than one is invalid and must get a 400).
 * Node keeps the first and drops the others from `request.headers`, so two parts of a chain (a proxy that
 * routes by the last, the BFF that builds URLs from the first) could disagree about the host; the raw
 * headers still show both. Answered `400 BFF_DUPLICATE_HOST`.
 */

/** True when the raw header list (name, value, name, value, …) names `Host` more than once. */
export function hasDuplicateHost(rawHeaders: readonly string[]): boolean {
  let seen = false;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] ?? '';
    if (name.length !== 4 || name.toLowerCase() !== 'host') continue;
    if (seen) return true;
    seen = true;
  }
  return false;
}
