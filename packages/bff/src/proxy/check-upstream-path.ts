/**
 * The part of a request URL that follows a route's prefix, checked before it is appended to the
 * upstream's base URL, so that no upstream (Tomcat, Spring, IIS, a gateway that decodes twice) can be
 * made to resolve it outside the base path (`/api/java/..;/secret` reached `/secret` on Tomcat):
 * - it is empty, or starts with `/` or `?` (the router guarantees this; checked anyway);
 * - no path segment has a `;` parameter, raw or encoded (`..;`, `..;jsessionid=x`, `%3b`);
 * - no path segment is a dot-segment (`.`, `..`) in any encoding: each segment is percent-decoded
 *   repeatedly until it stops changing (so `%2e%2e` and `%252e%252e` are caught), and its compatibility
 *   form (NFKC: full-width `．．`) is checked too;
 * - no segment contains `/`, `\`, `#` or a control character after decoding (an encoded slash is a
 *   second path separator to many upstreams);
 * - the first round of percent-encoding is well-formed.
 * Answers the suffix unchanged (the upstream sees the browser's own encoding), or undefined.
 */
export function checkUpstreamPath(suffix: string): string | undefined {
  if (suffix !== '' && !suffix.startsWith('/') && !suffix.startsWith('?')) return undefined;
  const query = suffix.indexOf('?');
  const path = query === -1 ? suffix : suffix.slice(0, query);
  for (const segment of path.split('/').slice(1)) if (!isSafeSegment(segment)) return undefined;
  return suffix;
}

/** Decoding rounds after which a segment that still changes is refused (no real name needs more). */
const MAX_DECODINGS = 4;

function isSafeSegment(segment: string): boolean {
  let current = segment;
  for (let round = 0; round <= MAX_DECODINGS; round++) {
    if (!isSafeForm(current)) return false;
    if (!current.includes('%')) return true;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      // Malformed on the first round is malformed; later, `%` is a literal the browser meant (`100%25`).
      return round > 0;
    }
    if (decoded === current) return true;
    current = decoded;
  }
  return false;
}

function isSafeForm(segment: string): boolean {
  if (isDotSegment(segment) || isDotSegment(segment.normalize('NFKC'))) return false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
    if (c === 0x2f /* / */ || c === 0x5c /* \ */ || c === 0x3b /* ; */ || c === 0x23 /* # */) return false;
  }
  return true;
}

function isDotSegment(segment: string): boolean {
  return segment === '.' || segment === '..';
}
