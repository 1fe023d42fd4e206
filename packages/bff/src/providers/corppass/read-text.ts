/**
 * One rule for every Corppass text field the BFF keeps (SINGPASS-CORPPASS-FAPI.md §4.9, §5): a string of
 * at most `max` characters, non-empty unless said otherwise. A bound on each field, with the bounds on
 * counts in the parsers, keeps a session record small whatever Corppass sends.
 */
import type { Problem } from './problem';

/** Ids, roles, names, codes. */
export const MAX_TEXT = 256;
/** `Parameter` values, which agencies fill freely. */
export const MAX_LONG_TEXT = 2048;

export function readText(
  value: unknown,
  where: string,
  options: { max?: number; allowEmpty?: boolean } = {},
): string | Problem {
  const max = options.max ?? MAX_TEXT;
  if (typeof value !== 'string') return { problem: `${where} is not a string` };
  if (value.length === 0 && !options.allowEmpty) return { problem: `${where} is empty` };
  if (value.length > max) return { problem: `${where} is longer than ${max} characters` };
  return value;
}
