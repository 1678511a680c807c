import { daysInMonth, utcEpoch } from '../../time/calendar.js';
import { SYSMON_UTC_TIME } from './patterns.js';

/** The value of the two digits at `i`, or -1. */
function two(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Epoch milliseconds of a Sysmon UTC timestamp (`2022-10-24 17:06:14.200` or
 * `2022-11-24T08:30:01.467399000Z`), or `undefined` when it is not one or names an
 * impossible date. The pattern check runs first; the fields are then read by position.
 *
 * @internal
 */
export function sysmonTime(text: string | undefined): number | undefined {
  if (text === undefined || text.length > 40 || !SYSMON_UTC_TIME.test(text)) return undefined;
  const year = two(text, 0) * 100 + two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = two(text, 17);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  let ms = 0;
  if (text.charCodeAt(19) === 46) {
    // Up to three fraction digits make the milliseconds; the rest (µs, ns) is dropped.
    for (let k = 20, scale = 100; k < 23; k++, scale /= 10) {
      const d = text.charCodeAt(k) - 48;
      if (d < 0 || d > 9) break;
      ms += d * scale;
    }
  }
  return utcEpoch(year, month, day, hour, minute, second, ms);
}
