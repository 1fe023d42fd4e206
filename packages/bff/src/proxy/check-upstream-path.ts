/**
 * The part of a request URL that follows a route's prefix, checked before it is appended to the
 * upstream's base URL (so `/api/demo/../../internal` cannot climb out of the base path):
 * - it is empty, or starts with `/` or `?` (the router guarantees this; checked anyway);
 * - no path segment is `.` or `..`, and none contains `/`, `\` or a control character, after
 *   percent-decoding (so `%2e%2e` and `%2f` are caught too);
 * - percent-encoding is well-formed.
 * Answers the suffix unchanged (the upstream sees the browser's own encoding), or undefined.
 */
export function checkUpstreamPath(suffix: string): string | undefined {
  if (suffix !== '' && !suffix.startsWith('/') && !suffix.startsWith('?')) return undefined;
  const query = suffix.indexOf('?');
  const path = query === -1 ? suffix : suffix.slice(0, query);
  for (const segment of path.split('/').slice(1)) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (decoded === '.' || decoded === '..' || hasForbiddenCharacter(decoded)) return undefined;
  }
  return suffix;
}

function hasForbiddenCharacter(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x2f /* / */ || c === 0x5c /* \ */) return true;
  }
  return false;
}
