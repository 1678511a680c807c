import { daysInMonth } from '../../time/calendar.js';
import { digitAt, fourDigitsAt, monthAt, twoDigitsAt } from './scan.js';

/**
 * Scratch record the timestamp readers fill in (reused per parser, so reading a
 * timestamp allocates nothing). Months are 1-12; `offsetMinutes` is NaN when the
 * timestamp carried no zone.
 *
 * @internal
 */
export interface TimestampFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
}

/** A reader's failure: the text is not a timestamp of this style at all. @internal */
export const NO_TIMESTAMP = -2;
/** A reader's failure: it is shaped like one, but its values are invalid. @internal */
export const BAD_TIMESTAMP = -1;

/** A fresh scratch record. @internal */
export function timestampFields(): TimestampFields {
  return {
    year: 0,
    month: 0,
    day: 0,
    hour: 0,
    minute: 0,
    second: 0,
    millisecond: 0,
    offsetMinutes: Number.NaN,
  };
}

/**
 * Reads an optional `.fff...` / `,fff...` fraction at `i` into `out.millisecond`.
 * Returns the index after it, or BAD_TIMESTAMP for a separator without digits or more
 * than 9 digits.
 */
function readFraction(text: string, i: number, out: TimestampFields): number {
  out.millisecond = 0;
  const c = text.charCodeAt(i);
  if (c !== 46 && c !== 44) return i;
  let j = i + 1;
  let ms = 0;
  let n = 0;
  for (let d = digitAt(text, j); d >= 0; d = digitAt(text, ++j)) {
    if (n < 3) ms = ms * 10 + d;
    if (++n > 9) return BAD_TIMESTAMP;
  }
  if (n === 0) return BAD_TIMESTAMP;
  for (let k = n; k < 3; k++) ms *= 10;
  out.millisecond = ms;
  return j;
}

function validClock(out: TimestampFields): boolean {
  return (
    out.hour >= 0 &&
    out.hour <= 23 &&
    out.minute >= 0 &&
    out.minute <= 59 &&
    out.second >= 0 &&
    out.second <= 60
  );
}

/**
 * Reads an RFC3339 / ISO-8601 timestamp at `i`:
 * `YYYY-MM-DD(T| )HH:MM:SS[.f{1,9}][Z|±HH:MM|±HHMM]` (also `YYYY/MM/DD HH:MM:SS`).
 *
 * @returns The index after the timestamp, or NO_TIMESTAMP / BAD_TIMESTAMP.
 * @internal
 */
export function readIsoTimestamp(text: string, i: number, out: TimestampFields): number {
  out.year = fourDigitsAt(text, i);
  const dateSep = text.charCodeAt(i + 4);
  if (out.year < 0 || (dateSep !== 45 && dateSep !== 47)) return NO_TIMESTAMP;
  out.month = twoDigitsAt(text, i + 5);
  out.day = twoDigitsAt(text, i + 8);
  const sep = text.charCodeAt(i + 10);
  out.hour = twoDigitsAt(text, i + 11);
  out.minute = twoDigitsAt(text, i + 14);
  out.second = twoDigitsAt(text, i + 17);
  if (
    text.charCodeAt(i + 7) !== dateSep ||
    (sep !== 84 && sep !== 32 && sep !== 116) ||
    text.charCodeAt(i + 13) !== 58 ||
    text.charCodeAt(i + 16) !== 58 ||
    out.month < 1 ||
    out.month > 12 ||
    out.day < 1 ||
    out.day > daysInMonth(out.year, out.month) ||
    out.year === 0 ||
    !validClock(out)
  ) {
    return BAD_TIMESTAMP;
  }
  const j = readFraction(text, i + 19, out);
  if (j < 0) return BAD_TIMESTAMP;
  return readZone(text, j, out);
}

/**
 * Reads the `:SS[.f{1,9}][zone]` tail of an ISO timestamp at `i` (the `:` before the
 * seconds), for a line whose `YYYY-MM-DDTHH:MM` is known valid. Sets `second`,
 * `millisecond` and `offsetMinutes`.
 *
 * @returns The index after the timestamp, or BAD_TIMESTAMP (as {@link readIsoTimestamp}).
 * @internal
 */
export function readIsoSecondsAt(text: string, i: number, out: TimestampFields): number {
  out.second = twoDigitsAt(text, i + 1);
  if (text.charCodeAt(i) !== 58 || out.second < 0 || out.second > 60) return BAD_TIMESTAMP;
  const j = readFraction(text, i + 3, out);
  if (j < 0) return BAD_TIMESTAMP;
  return readZone(text, j, out);
}

function readZone(text: string, j: number, out: TimestampFields): number {
  out.offsetMinutes = Number.NaN;
  const c = text.charCodeAt(j);
  if (c === 90 || c === 122) {
    out.offsetMinutes = 0;
    return j + 1;
  }
  if (c !== 43 && c !== 45) return j;
  const hh = twoDigitsAt(text, j + 1);
  const colon = text.charCodeAt(j + 3) === 58;
  const mm = twoDigitsAt(text, colon ? j + 4 : j + 3);
  if (hh < 0 || mm < 0 || hh > 23 || mm > 59) return BAD_TIMESTAMP;
  const minutes = hh * 60 + mm;
  out.offsetMinutes = c === 45 ? -minutes : minutes;
  return colon ? j + 6 : j + 5;
}

/**
 * Reads an RFC3164 timestamp at `i`: `Mmm dd HH:MM:SS` with the day space-padded,
 * zero-padded or unpadded, and an optional fraction. The year is not known here, so the
 * day is checked against 31 only; the caller checks it against the month once the year
 * is decided. `out.year` is left untouched.
 *
 * @returns The index after the timestamp, or NO_TIMESTAMP / BAD_TIMESTAMP.
 * @internal
 */
export function readRfc3164Timestamp(text: string, i: number, out: TimestampFields): number {
  if (text.charCodeAt(i + 3) !== 32) return NO_TIMESTAMP;
  const c4 = text.charCodeAt(i + 4);
  let t: number;
  if (c4 === 32) {
    out.day = digitAt(text, i + 5);
    t = i + 7;
  } else if (text.charCodeAt(i + 5) === 32) {
    out.day = digitAt(text, i + 4);
    t = i + 6;
  } else {
    out.day = twoDigitsAt(text, i + 4);
    t = i + 7;
  }
  if (out.day < 0 || text.charCodeAt(t - 1) !== 32) return NO_TIMESTAMP;
  out.hour = twoDigitsAt(text, t);
  out.minute = twoDigitsAt(text, t + 3);
  out.second = twoDigitsAt(text, t + 6);
  if (
    out.hour < 0 ||
    out.minute < 0 ||
    out.second < 0 ||
    text.charCodeAt(t + 2) !== 58 ||
    text.charCodeAt(t + 5) !== 58
  ) {
    return NO_TIMESTAMP;
  }
  // Shaped like a timestamp from here on: anything wrong is a bad one.
  out.month = monthAt(text, i);
  if (out.month === 0 || out.day < 1 || out.day > 31 || !validClock(out)) return BAD_TIMESTAMP;
  return readFraction(text, t + 8, out);
}
