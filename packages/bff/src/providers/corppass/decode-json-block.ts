/**
 * Corppass blocks that may arrive double-encoded (SINGPASS-CORPPASS-FAPI.md §4.10, [GO-CP]): the ID token's
 * `act` (and `sub_attributes`), userinfo's `auth_info` and `tp_auth_info`. Rules:
 * - an object is taken as it is;
 * - a string is JSON-decoded **once**, at most `MAX_BLOCK_CHARS` long, and must then be an object: a string
 *   that holds a string that holds JSON is refused, never unwrapped further;
 * - anything else (an array, a number, `null`, a string that is not JSON) is a `Problem`.
 */
import type { Problem } from './problem';

/** Longer than any real block (a few KiB), short enough that parsing it costs nothing. */
export const MAX_BLOCK_CHARS = 256 * 1024;

export function decodeJsonBlock(raw: unknown, name: string): Record<string, unknown> | Problem {
  if (isRecord(raw)) return raw;
  if (typeof raw !== 'string') return { problem: `${name} is not an object` };
  if (raw.length > MAX_BLOCK_CHARS)
    return { problem: `${name} is longer than ${MAX_BLOCK_CHARS} characters` };
  let decoded: unknown;
  try {
    decoded = JSON.parse(raw);
  } catch {
    return { problem: `${name} is a string that is not JSON` };
  }
  if (!isRecord(decoded)) return { problem: `${name} is a JSON string of something other than an object` };
  return decoded;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
