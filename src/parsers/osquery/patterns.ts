/**
 * Regular expressions of the osquery results parser. Each one is anchored at both ends,
 * bounded and linear-time (checked by recheck in the test suite), and runs on one short
 * field value, never on a whole line.
 *
 * @module
 */

/**
 * osquery's `calendarTime` (`Mon May  2 22:27:32 2016 UTC`, day space-padded), used only
 * when `unixTime` is absent. Groups: month name, day, hour, minute, second, year.
 *
 * @example
 * ```ts
 * OSQUERY_CALENDAR_TIME.exec('Mon Jan  8 14:51:55 2018 UTC')?.[6]; // '2018'
 * ```
 */
export const OSQUERY_CALENDAR_TIME: RegExp =
  /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4}) UTC$/;
