import { utcEpoch } from './calendar.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const CACHE_LIMIT = 8192;

/**
 * A wall-clock date-time as read on a clock in some time zone. Months are 1-12.
 *
 * @example
 * ```ts
 * const wall: WallTime = {
 *   year: 2024, month: 3, day: 31, hour: 2, minute: 30, second: 0, millisecond: 0,
 * };
 * ```
 */
export interface WallTime {
  /** Full year. */
  readonly year: number;
  /** Month, 1-12. */
  readonly month: number;
  /** Day of month, 1-31. */
  readonly day: number;
  /** Hour, 0-23. */
  readonly hour: number;
  /** Minute, 0-59. */
  readonly minute: number;
  /** Second, 0-59. */
  readonly second: number;
  /** Millisecond, 0-999. */
  readonly millisecond: number;
}

/**
 * Converts a wall-clock time in a zone to epoch milliseconds. Months are 1-12.
 *
 * @internal
 */
export type WallClockConverter = (
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
) => number;

const formatters = new Map<string, Intl.DateTimeFormat>();
const converters = new Map<string, WallClockConverter>();

/**
 * Whether `zone` is an IANA time zone name this runtime knows (`Europe/Berlin`, `UTC`).
 *
 * @param zone - The candidate zone name.
 * @returns True when `Intl.DateTimeFormat` accepts it.
 * @example
 * ```ts
 * isValidTimeZone('Europe/Berlin'); // true
 * isValidTimeZone('Mars/Olympus');  // false
 * ```
 */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The wall-clock time shown in `zone` at an instant.
 *
 * @param epochMs - Epoch milliseconds (UTC).
 * @param zone - An IANA time zone name.
 * @returns The wall-clock fields (month 1-12).
 * @throws RangeError when `zone` is not a valid time zone (a programmer error).
 * @example
 * ```ts
 * zonedWallTime(Date.UTC(2024, 6, 1, 12), 'Europe/Berlin').hour; // 14
 * ```
 */
export function zonedWallTime(epochMs: number, zone: string): WallTime {
  const offset = offsetAt(formatterFor(zone), epochMs);
  const d = new Date(epochMs + offset);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/**
 * Converts a wall-clock time in an IANA zone to epoch milliseconds, correct across
 * daylight-saving changes. Ambiguous and missing times are resolved like Temporal's
 * `'compatible'` disambiguation:
 *
 * - a time that occurs twice (the autumn overlap, e.g. 02:30 on 2024-10-27 in
 *   `Europe/Berlin`) gives the **earlier** instant (the first 02:30, still in summer time);
 * - a time that never occurs (the spring gap, e.g. 02:30 on 2024-03-31 in `Europe/Berlin`)
 *   is read with the offset in force before the gap, i.e. as 03:30 summer time.
 *
 * Offsets are cached per zone and wall-clock hour, so repeated calls cost a map lookup.
 *
 * @param year - Full year.
 * @param month - Month, 1-12.
 * @param day - Day of month.
 * @param hour - Hour, 0-23.
 * @param minute - Minute, 0-59.
 * @param second - Second, 0-59.
 * @param millisecond - Millisecond, 0-999.
 * @param zone - An IANA time zone name.
 * @returns Epoch milliseconds (UTC).
 * @throws RangeError when `zone` is not a valid time zone (a programmer error).
 * @example
 * ```ts
 * zonedWallTimeToEpoch(2024, 10, 27, 2, 30, 0, 0, 'Europe/Berlin');
 * // 1729989000000 (2024-10-27T00:30:00Z, the first 02:30)
 * ```
 */
export function zonedWallTimeToEpoch(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
  zone: string,
): number {
  return wallClockConverter(zone)(year, month, day, hour, minute, second, millisecond);
}

/**
 * A cached converter for one zone (what the envelope parser holds per source).
 *
 * @param zone - An IANA time zone name.
 * @returns A function from wall-clock fields (month 1-12) to epoch milliseconds.
 * @throws RangeError when `zone` is not a valid time zone.
 * @internal
 */
export function wallClockConverter(zone: string): WallClockConverter {
  let converter = converters.get(zone);
  if (converter === undefined) {
    converter = createConverter(formatterFor(zone));
    if (converters.size >= 64) converters.clear();
    converters.set(zone, converter);
  }
  return converter;
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let fmt = formatters.get(zone);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    if (formatters.size >= 64) formatters.clear();
    formatters.set(zone, fmt);
  }
  return fmt;
}

/** Offset (wall minus UTC, in ms) of the zone at an instant. */
function offsetAt(fmt: Intl.DateTimeFormat, instant: number): number {
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const part of fmt.formatToParts(instant)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        bc = part.value.startsWith('B');
        break;
      default:
        break;
    }
  }
  if (bc) year = 1 - year;
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return utcEpoch(year, month, day, hour % 24, minute, second, 0) - wholeSecond;
}

function resolve(fmt: Intl.DateTimeFormat, local: number): number {
  const before = offsetAt(fmt, local - DAY_MS);
  const after = offsetAt(fmt, local + DAY_MS);
  const early = local - before;
  if (before === after) return early;
  const late = local - after;
  const earlyValid = offsetAt(fmt, early) === before;
  const lateValid = offsetAt(fmt, late) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (lateValid) return late;
  // Valid with the earlier offset, or a gap: the offset in force before the change.
  return early;
}

function createConverter(fmt: Intl.DateTimeFormat): WallClockConverter {
  // Wall-clock hour -> offset (local minus UTC), NaN when the offset changes inside the hour.
  const hourOffsets = new Map<number, number>();
  return (year, month, day, hour, minute, second, millisecond) => {
    const local = utcEpoch(year, month, day, hour, minute, second, millisecond);
    const key = Math.floor(local / HOUR_MS);
    let offset = hourOffsets.get(key);
    if (offset === undefined) {
      const start = key * HOUR_MS;
      const first = start - resolve(fmt, start);
      const last = start + HOUR_MS - 1 - resolve(fmt, start + HOUR_MS - 1);
      offset = first === last ? first : Number.NaN;
      if (hourOffsets.size >= CACHE_LIMIT) hourOffsets.clear();
      hourOffsets.set(key, offset);
    }
    return Number.isNaN(offset) ? resolve(fmt, local) : local - offset;
  };
}
