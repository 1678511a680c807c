import { daysInMonth, utcEpoch } from '../../time/calendar.js';
import { SYSMON_UTC_TIME } from './patterns.js';

/**
 * Epoch milliseconds of a Sysmon UTC timestamp (`2022-10-24 17:06:14.200` or
 * `2022-11-24T08:30:01.467399000Z`), or `undefined` when it is not one or names an
 * impossible date.
 *
 * @internal
 */
export function sysmonTime(text: string | undefined): number | undefined {
  if (text === undefined || text.length > 40) return undefined;
  const m = SYSMON_UTC_TIME.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  const fraction = m[7] ?? '';
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = fraction.length === 0 ? 0 : Math.floor(Number(`0.${fraction}`) * 1000 + 1e-6);
  return utcEpoch(year, month, day, hour, minute, second, Math.min(ms, 999));
}
