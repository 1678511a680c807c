import type { DurationStats } from './baseline.js';

/**
 * Median and median absolute deviation of a sample.
 *
 * @param values - The sample (not modified).
 * @returns The statistics (`median` and `mad` are 0 for an empty sample).
 * @example
 * ```ts
 * robustStats([10, 12, 11, 300]); // { count: 4, median: 11.5, mad: 1 }
 * ```
 */
export function robustStats(values: readonly number[]): DurationStats {
  if (values.length === 0) return { count: 0, median: 0, mad: 0 };
  const median = medianOf([...values]);
  const mad = medianOf(values.map((v) => Math.abs(v - median)));
  return { count: values.length, median, mad };
}

/**
 * How many robust standard deviations a value lies from the median (the modified z-score,
 * `|x - median| / (1.4826 * MAD)`), with a floor on the spread so a sample of identical
 * values does not make every difference infinite.
 *
 * @param stats - The sample's statistics.
 * @param value - The value.
 * @param minSpread - The smallest spread to divide by (same unit as the values).
 * @returns The score, signed: positive above the median.
 * @example
 * ```ts
 * robustScore({ count: 30, median: 600_000, mad: 120_000 }, 4_000_000, 60_000); // about 19
 * ```
 */
export function robustScore(stats: DurationStats, value: number, minSpread: number): number {
  const spread = Math.max(1.4826 * stats.mad, minSpread, 1e-9);
  return (value - stats.median) / spread;
}

function medianOf(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  const hi = values[mid] ?? 0;
  return values.length % 2 === 1 ? hi : ((values[mid - 1] ?? hi) + hi) / 2;
}
