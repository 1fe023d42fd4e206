/**
 * Rate-limit rules in configuration: `N` (N per minute, the original form) or `N/duration` such as
 * `30/1m`, `5/10s`, `1000/1h`. The window is a fixed window counted in the store.
 */
import { parseDuration } from './duration';

export interface RateRule {
  /** Hits allowed per window. */
  readonly limit: number;
  readonly windowMs: number;
}

const MAX_LIMIT = 1_000_000;
const MIN_WINDOW_MS = 1000;
const MAX_WINDOW_MS = 86_400_000;

/** Parse a rule; answers a reason when the text is not one. */
export function parseRateRule(text: string): RateRule | string {
  const [count = '', window = '1m', ...rest] = text.trim().split('/');
  if (rest.length > 0 || !/^\d+$/.test(count)) return 'expected N or N/duration, e.g. 30/1m';
  const limit = Number(count);
  if (limit < 1 || limit > MAX_LIMIT) return `the count must be between 1 and ${MAX_LIMIT}`;
  const windowMs = parseDuration(/^\d/.test(window) ? window : `1${window}`);
  if (windowMs === undefined) return 'the window must be a duration such as 1m or 10s';
  if (windowMs < MIN_WINDOW_MS || windowMs > MAX_WINDOW_MS) return 'the window must be between 1s and 1d';
  return { limit, windowMs };
}
