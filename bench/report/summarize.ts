/**
 * Turns raw child results into the numbers the report quotes: median wall and CPU time,
 * lines/s, MiB/s, ratios against the floors measured in the same run, peak RSS. Targets are
 * judged on CPU time (the machine is shared, so wall time is noisy); wall ratios are shown too.
 */
import type { Measurement, MeasurementId } from '../measure/measurements.js';
import type { ChildResult } from '../measure/protocol.js';
import { median } from '../measure/stats.js';

/** A time statistic in both clocks. */
export interface Clocks {
  /** Wall-clock value. */
  readonly wall: number;
  /** Process CPU time value (user + system). */
  readonly cpu: number;
}

/** One measurement's row. */
export type Row =
  | {
      readonly ok: true;
      readonly id: MeasurementId;
      readonly label: string;
      /** Median wall time of the timed passes, ms. */
      readonly medianMs: number;
      /** Median CPU time of the timed passes, ms. */
      readonly medianCpuMs: number;
      readonly runsMs: readonly number[];
      readonly cpuMs: readonly number[];
      readonly lines: number;
      readonly linesPerSecond: number;
      readonly mibPerSecond: number;
      /** Median / the measurement's own floor median (the headline ratio). */
      readonly vsOwnFloor: Clocks | undefined;
      /** Median / raw-stream-floor median. */
      readonly vsRaw: Clocks | undefined;
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
  const medians = new Map<MeasurementId, Clocks>();
  for (const [id, r] of results) {
    if (r.ok && r.runsMs.length > 0) {
      medians.set(id, { wall: median(r.runsMs), cpu: median(r.cpuMs) });
    }
  }
  const ratio = (own: Clocks, floor: MeasurementId | undefined): Clocks | undefined => {
    const f = floor === undefined ? undefined : medians.get(floor);
    return f === undefined || f.wall <= 0 || f.cpu <= 0
      ? undefined
      : { wall: own.wall / f.wall, cpu: own.cpu / f.cpu };
  };
  return catalog.flatMap((m): Row[] => {
    const r = results.get(m.id);
    if (r === undefined) return [];
    if (!r.ok) return [{ ok: false, id: m.id, label: m.label, reason: r.reason }];
    const own = medians.get(m.id) ?? { wall: Number.NaN, cpu: Number.NaN };
    const isIdle = m.id === 'idle';
    return [
      {
        ok: true,
        id: m.id,
        label: m.label,
        medianMs: own.wall,
        medianCpuMs: own.cpu,
        runsMs: r.runsMs,
        cpuMs: r.cpuMs,
        lines: r.lines,
        linesPerSecond: isIdle ? 0 : r.lines / (own.wall / 1000),
        mibPerSecond: isIdle ? 0 : bytes / 2 ** 20 / (own.wall / 1000),
        vsOwnFloor: isIdle ? undefined : ratio(own, m.floor),
        vsRaw: isIdle ? undefined : ratio(own, 'floor-raw'),
        ownFloor: m.floor,
        peakRssBytes: r.peakRssBytes,
        sampledRssBytes: r.sampledRssBytes,
        maxRssBytes: r.maxRssBytes,
        detail: r.detail,
      },
    ];
  });
}
