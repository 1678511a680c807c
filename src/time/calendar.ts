const MS_PER_400_YEARS = 146_097 * 86_400_000;

/**
 * Epoch milliseconds of a proleptic Gregorian UTC date-time. Unlike `Date.UTC`, years
 * 0-99 are taken literally (not as 1900-1999).
 *
 * @param year - Full year, e.g. `2024`.
 * @param month - Month, 1-12.
 * @param day - Day of month, 1-31 (not validated; see {@link daysInMonth}).
 * @param hour - Hour, 0-23.
 * @param minute - Minute, 0-59.
 * @param second - Second, 0-59.
 * @param millisecond - Millisecond, 0-999.
 * @returns Epoch milliseconds (UTC).
 * @example
 * ```ts
 * utcEpoch(2024, 3, 31, 1, 0, 0, 0); // 1711846800000
 * ```
 */
export function utcEpoch(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  // Date.UTC maps 0-99 to 1900-1999: shift by 400 years (an exact Gregorian cycle).
  return Date.UTC(year + 400, month - 1, day, hour, minute, second, millisecond) - MS_PER_400_YEARS;
}

/**
 * Whether `year` is a Gregorian leap year.
 *
 * @param year - Full year.
 * @returns True for leap years (2024, 2000), false otherwise (2023, 1900).
 * @example
 * ```ts
 * isLeapYear(2024); // true
 * ```
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Number of days in a month of a Gregorian year.
 *
 * @param year - Full year.
 * @param month - Month, 1-12.
 * @returns 28-31, or 0 when `month` is out of range.
 * @example
 * ```ts
 * daysInMonth(2024, 2); // 29
 * ```
 */
export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 1:
    case 3:
    case 5:
    case 7:
    case 8:
    case 10:
    case 12:
      return 31;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    case 2:
      return isLeapYear(year) ? 29 : 28;
    default:
      return 0;
  }
}
