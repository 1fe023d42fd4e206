/**
 * `returnTo` rules (SECURITY.md "Redirects"): a local path only — one leading `/`, not `//` or `/\`, no
 * scheme, no backslashes, no control characters — checked on the raw value and after every round of
 * percent-decoding (so `%2F%2Fevil` cannot become `//evil` later), then resolved against the BFF's own
 * origin, which must not change, and checked again after dot-segment normalisation. Anything else is `/`.
 */
const MAX_LENGTH = 2048;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f]/;

export function sanitiseReturnTo(value: string | undefined, publicOrigin: string): string {
  if (value === undefined || value.length === 0 || value.length > MAX_LENGTH) return '/';
  let current = value;
  for (let round = 0; round < 4; round++) {
    if (!isLocalPath(current)) return '/';
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return '/';
    }
    if (decoded === current) break;
    current = decoded;
  }
  if (!isLocalPath(current)) return '/';
  const url = new URL(value, publicOrigin);
  if (url.origin !== publicOrigin) return '/';
  // Normalising dot segments can itself produce `//` (e.g. `/.//evil`), so check the result once more.
  const normalised = `${url.pathname}${url.search}${url.hash}`;
  return isLocalPath(normalised) ? normalised : '/';
}

function isLocalPath(path: string): boolean {
  return (
    path.startsWith('/') &&
    !path.startsWith('//') &&
    !path.includes('\\') &&
    !CONTROL.test(path) &&
    !/^\/[a-z][a-z0-9+.-]*:/i.test(path)
  );
}
