/**
 * Regular expressions of the Sysmon for Linux parser. Each one is anchored at both ends,
 * bounded and linear-time (checked by recheck in the test suite), and runs on one short
 * field value, never on a whole line.
 *
 * @module
 */

/**
 * A Sysmon UTC timestamp: `UtcTime` (`2022-10-24 17:06:14.200`) or `TimeCreated/@SystemTime`
 * (`2022-11-24T08:30:01.467399000Z`). Groups: year, month, day, hour, minute, second,
 * fraction (1-9 digits, optional).
 *
 * @example
 * ```ts
 * SYSMON_UTC_TIME.exec('2022-10-24 17:06:14.200')?.[7]; // '200'
 * ```
 */
export const SYSMON_UTC_TIME: RegExp =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z?$/;
