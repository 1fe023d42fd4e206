// What the figure modules (bench/figures/*.mjs) share: the goals they are judged against, the settings
// of the BFFs they start, the progress log, and the helpers that turn per-run rows into medians and
// ratios or say that a figure was not measured.
import { verdict } from './report.mjs';
import { median, ratio } from './stats.mjs';

export const GOALS = {
  readSqlite: 0.6,
  readRedis: 0.5,
  readVsExpress: 2,
  readCpuVsExpress: 0.5,
  readP99Ms: 10,
  loginFlowsPerSec: 350,
  loginVsPeer: 3,
  bffCpuMs: 2.5,
  bffCpuVsExample: 0.4,
  emulatorCpuVsMockpass: 0.3,
  emulatorCpuMs: 3,
  rssSqliteMB: 20,
  proxyRatio: 0.5,
  proxyCpuVsBare: 1.5,
  proxyVsBare: 0.7,
};

export const log = (s) => console.log(`[bench] ${s}`);
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Rate limits are per minute per IP and every flow here comes from 127.0.0.1: raise them for the load. */
export const NO_RATE_LIMIT = { RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_CALLBACK: '100000' };
export const redisPrefix = (what) => `sgid-bff-bench-${process.pid}-${what}:`;

/** Medians of each numeric field over the runs of one target. */
export function mediansOf(rows, fields) {
  return Object.fromEntries(fields.map((f) => [f, median(rows.map((r) => r[f]))]));
}

/** Median over the runs of a ratio measured within each run (both sides measured side by side). */
export function runRatio(rows, a, b) {
  return median((rows ?? []).map((row) => ratio(a(row), b(row))));
}

export const notMeasured = () => 'Not measured yet.';
export const failed = (r) => r?.error && `not measured: ${r.error}`;

/** The verdict of a goal, or "not measured" when the figure was not. */
export const goalVerdict = (reached, measured) => (measured ? verdict(reached) : verdict(undefined));
