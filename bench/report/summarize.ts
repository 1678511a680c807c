/**
 * Turns raw child results into the numbers the report quotes: median time, lines/s, MiB/s,
 * ratios against the floors measured in the same run, peak RSS.
 */
import type { Measurement, MeasurementId } from '../measure/measurements.js';
import type { ChildResult } from '../measure/protocol.js';
import { median } from '../measure/stats.js';

/** One measurement's row. */
export type Row =
  | {
      readonly ok: true;
      readonly id: MeasurementId;
      readonly label: string;
      readonly medianMs: number;
      readonly runsMs: readonly number[];
      readonly lines: number;
      readonly linesPerSecond: number;
      readonly mibPerSecond: number;
      /** median / readLines-floor median (the headline ratio). */
      readonly vsReadLines: number | undefined;
      /** median / raw-stream-floor median. */
      readonly vsRaw: number | undefined;
      /** median / the measurement's own floor (e.g. batches floor for parse-batches). */
      readonly vsOwnFloor: number | undefined;
      readonly ownFloor: MeasurementId | undefined;
      readonly peakRssBytes: number;
      readonly sampledRssBytes: number;
      readonly maxRssBytes: number;
      readonly detail: Readonly<Record<string, unknown>> | undefined;
    }
  | {
      readonly ok: false;
      readonly id: MeasurementId;
      readonly label: string;
      readonly reason: string;
    };

/**
 * Builds the rows of one corpus size.
 *
 * @param catalog - measurements run, in order
 * @param results - child results by id
 * @param bytes - corpus size in bytes
 * @returns one row per measurement
 * @example
 * ```ts
 * const rows = summarize(MEASUREMENTS, results, meta.bytes);
 * ```
 */
export function summarize(
  catalog: readonly Measurement[],
  results: ReadonlyMap<MeasurementId, ChildResult>,
  bytes: number,
): Row[] {
  const medians = new Map<MeasurementId, number>();
  for (const [id, r] of results) if (r.ok && r.runsMs.length > 0) medians.set(id, median(r.runsMs));
  const ratio = (ms: number, floor: MeasurementId | undefined): number | undefined => {
    const f = floor === undefined ? undefined : medians.get(floor);
    return f === undefined || f <= 0 ? undefined : ms / f;
  };
  return catalog.flatMap((m): Row[] => {
    const r = results.get(m.id);
    if (r === undefined) return [];
    if (!r.ok) return [{ ok: false, id: m.id, label: m.label, reason: r.reason }];
    const ms = medians.get(m.id) ?? Number.NaN;
    const isIdle = m.id === 'idle';
    return [
      {
        ok: true,
        id: m.id,
        label: m.label,
        medianMs: ms,
        runsMs: r.runsMs,
        lines: r.lines,
        linesPerSecond: isIdle ? 0 : r.lines / (ms / 1000),
        mibPerSecond: isIdle ? 0 : bytes / 2 ** 20 / (ms / 1000),
        vsReadLines: isIdle ? undefined : ratio(ms, 'floor-readlines'),
        vsRaw: isIdle ? undefined : ratio(ms, 'floor-raw'),
        vsOwnFloor: ratio(ms, m.floor),
        ownFloor: m.floor,
        peakRssBytes: r.peakRssBytes,
        sampledRssBytes: r.sampledRssBytes,
        maxRssBytes: r.maxRssBytes,
        detail: r.detail,
      },
    ];
  });
}
