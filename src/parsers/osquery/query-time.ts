import { daysInMonth, utcEpoch } from '../../time/calendar.js';
import { OSQUERY_CALENDAR_TIME } from './patterns.js';
import { integer } from './values.js';

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/**
 * When a result's query ran, epoch ms: `unixTime` (number or decimal string), else
 * `calendarTime`, else `undefined`.
 *
 * @internal
 */
export function queryTime(unixTime: unknown, calendarTime: unknown): number | undefined {
  const seconds = integer(unixTime);
  if (seconds !== undefined && seconds >= 0) return seconds * 1000;
  if (typeof calendarTime !== 'string' || calendarTime.length > 40) return undefined;
  const m = OSQUERY_CALENDAR_TIME.exec(calendarTime);
  if (m === null) return undefined;
  const monthIndex = MONTHS.indexOf(m[1] ?? '');
  if (monthIndex < 0 || monthIndex % 3 !== 0) return undefined;
  const month = monthIndex / 3 + 1;
  const year = Number(m[6]);
  const day = Number(m[2]);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  const hour = Number(m[3]);
  const minute = Number(m[4]);
  const second = Number(m[5]);
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  return utcEpoch(year, month, day, hour, minute, second, 0);
}
