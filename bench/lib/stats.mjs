// Small statistics helpers shared by the benchmarks.

/** The median of a list of numbers (NaN for an empty list; non-finite values are ignored). */
export function median(values) {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return Number.NaN;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 === 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/** The p-th percentile (0..100) of a list, nearest-rank on the sorted values. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const xs = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * xs.length);
  return xs[Math.min(xs.length - 1, Math.max(0, rank - 1))];
}

/** a / b, or NaN when either is missing. */
export function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : Number.NaN;
}

/** Format a number for a table: `n/a` for NaN, otherwise a fixed number of decimals. */
export function fmt(value, decimals = 0) {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Format a ratio as a percentage. */
export function pct(value) {
  return Number.isFinite(value) ? `${(value * 100).toFixed(0)} %` : 'n/a';
}
