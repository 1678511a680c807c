import { utcEpoch } from '../../time/calendar.js';

const DAY_MS = 86_400_000;

/**
 * Decides the year of year-less (RFC3164) timestamps in one stream.
 *
 * - The first such line takes the reference time's year, or the year before when that
 *   would put it more than a day after the reference (as fail2ban does).
 * - When the month then drops by six or more (December to January), the year advances.
 * - A line whose month jumps forward by six or more (a late December line after January)
 *   is read in the previous year, without moving the stream's year.
 * - A line that carries its own year (ISO, RFC5424) re-anchors the stream.
 *
 * @internal
 */
export interface YearTracker {
  /** The year for a year-less timestamp (month 1-12); updates the stream state. */
  yearFor(month: number, day: number, hour: number, minute: number, second: number): number;
  /** Re-anchors the stream on a line that carried its own year. */
  anchor(year: number, month: number): void;
  /** Changes whenever the stream's year or anchor changes (for caches keyed on it). */
  readonly generation: number;
  /** The stream's current year (NaN before the first line). */
  readonly current: number;
  /** The inference state, for a checkpoint. */
  state(): YearState;
}

/**
 * The year inference of one stream, for checkpoint and restore: the current year (`null`
 * before the first year-less line) and the month of the latest line.
 */
export interface YearState {
  /** The stream's current year, or `null` before the first line. */
  readonly year: number | null;
  /** Month (1-12) of the latest line, 0 before the first. */
  readonly lastMonth: number;
}

/**
 * Creates a year tracker. `referenceWall` returns the reference time as wall-clock
 * fields in the stream's zone; it is called once, on the first year-less line.
 *
 * @internal
 */
export function createYearTracker(
  referenceWall: () => readonly number[],
  initial?: YearState,
): YearTracker {
  let year = initial?.year ?? Number.NaN;
  let lastMonth = initial?.lastMonth ?? 0;
  let generation = 0;
  return {
    get generation() {
      return generation;
    },
    get current() {
      return year;
    },
    yearFor(month, day, hour, minute, second) {
      if (Number.isNaN(year)) {
        const [ry = 1970, rmo = 1, rd = 1, rh = 0, rmi = 0, rs = 0] = referenceWall();
        const reference = utcEpoch(ry, rmo, rd, rh, rmi, rs, 0);
        const candidate = utcEpoch(ry, month, day, hour, minute, second, 0);
        year = candidate - reference > DAY_MS ? ry - 1 : ry;
        lastMonth = month;
        generation++;
        return year;
      }
      if (lastMonth - month >= 6) {
        year++;
        generation++;
      } else if (month - lastMonth >= 6) {
        return year - 1;
      }
      lastMonth = month;
      return year;
    },
    state() {
      return { year: Number.isNaN(year) ? null : year, lastMonth };
    },
    anchor(lineYear, month) {
      // Every anchor changes the generation, even one that changes nothing: the RFC3164
      // minute cache skips yearFor (and its lastMonth update) while the generation holds.
      generation++;
      year = lineYear;
      lastMonth = month;
    },
  };
}
