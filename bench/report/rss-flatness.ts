/**
 * The RSS-flatness check: a streaming measurement's peak RSS must not grow with the input
 * size. Compares each measurement's peak across the sizes of one run.
 */
import type { MeasurementId } from '../measure/measurements.js';
import type { Row } from './summarize.js';
import { formatTable } from './table.js';

/** Flatness of one measurement across sizes. */
export interface Flatness {
  /** Measurement id. */
  readonly id: MeasurementId;
  /** Peak RSS per size (same order as sizes), bytes. */
  readonly peaks: readonly number[];
  /** Peak at the largest size / peak at the smallest size. */
  readonly growth: number;
  /** growth <= tolerance. */
  readonly flat: boolean;
}

/** Growth tolerated before a measurement is flagged (GC heuristics move RSS a little). */
export const FLAT_TOLERANCE = 1.25;

/**
 * Compares peaks across sizes (rows per size, in ascending size order).
 *
 * @param perSize - rows of each size
 * @returns one entry per measurement that succeeded at every size
 * @example
 * ```ts
 * rssFlatness([rows1M, rows3M]);
 * ```
 */
export function rssFlatness(perSize: readonly (readonly Row[])[]): Flatness[] {
  const first = perSize[0] ?? [];
  const out: Flatness[] = [];
  for (const row of first) {
    const peaks: number[] = [];
    for (const rows of perSize) {
      const r = rows.find((candidate) => candidate.id === row.id);
      if (r?.ok) peaks.push(r.peakRssBytes);
    }
    const lo = peaks[0];
    const hi = peaks[peaks.length - 1];
    if (peaks.length !== perSize.length || lo === undefined || hi === undefined) continue;
    const growth = hi / lo;
    out.push({ id: row.id, peaks, growth, flat: growth <= FLAT_TOLERANCE });
  }
  return out;
}

/**
 * Renders the flatness check.
 *
 * @param sizes - line counts, ascending
 * @param flatness - from {@link rssFlatness}
 * @returns the table text
 * @example
 * ```ts
 * console.log(flatnessTable([1e6, 3e6], rssFlatness(perSize)));
 * ```
 */
export function flatnessTable(sizes: readonly number[], flatness: readonly Flatness[]): string {
  return formatTable(
    ['measurement', ...sizes.map((s) => `${s.toLocaleString('en-US')} lines`), 'growth', 'flat?'],
    flatness.map((f) => [
      f.id,
      ...f.peaks.map((p) => `${(p / 2 ** 20).toFixed(1)} MiB`),
      `${f.growth.toFixed(2)}x`,
      f.flat ? 'yes' : `NO (> ${FLAT_TOLERANCE}x)`,
    ]),
  );
}
