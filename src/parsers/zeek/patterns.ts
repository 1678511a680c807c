/**
 * Zeek `time` value as TSV writes it: epoch seconds with (usually six) decimals.
 * Group 1: the whole number.
 *
 * @example
 * ```ts
 * ZEEK_EPOCH_SECONDS.test('1521911799.739898'); // true
 * ```
 */
export const ZEEK_EPOCH_SECONDS: RegExp = /^-?\d{1,12}(?:\.\d{1,9})?$/;

/**
 * Zeek ISO-8601 `time` (`LogAscii::json_timestamps=JSON::TS_ISO8601`, json-streaming-logs):
 * `2018-03-24T17:16:39.739898Z`. Groups: year, month, day, hour, minute, second, fraction,
 * zone (`Z` or `+hh:mm`).
 *
 * @example
 * ```ts
 * ZEEK_ISO_TIME.exec('2018-03-24T17:16:39.739898Z')?.[7]; // '739898'
 * ```
 */
export const ZEEK_ISO_TIME: RegExp =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;
