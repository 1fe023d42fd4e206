/**
 * Corppass sometimes sends a structured claim (`act`, `auth_info`, `tp_auth_info`) as a JSON *string* of
 * the object instead of the object (SINGPASS-CORPPASS-FAPI.md §4.10). Rules:
 * - an object is taken as it is; a string is parsed as JSON exactly once (a string inside a string is not
 *   unwrapped again: that is not a shape Corppass sends, and unbounded unwrapping hides garbage);
 * - a string over 256 KiB is refused before parsing, so a hostile token cannot cost unbounded memory;
 * - anything else, a string that is not JSON, or JSON that is not an object, is a reason, never a throw.
 */
const MAX_BLOCK_CHARS = 256 * 1024;

export function decodeBlock(raw: unknown, name: string): Record<string, unknown> | string {
  let value = raw;
  if (typeof value === 'string') {
    if (value.length > MAX_BLOCK_CHARS) return `${name} is over ${MAX_BLOCK_CHARS} characters`;
    try {
      value = JSON.parse(value);
    } catch {
      return `${name} is a string that is not JSON`;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${name} is not an object`;
  return value as Record<string, unknown>;
}
