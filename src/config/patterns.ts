/**
 * A wall-clock time `HH:MM` (00:00-23:59, and `24:00` for an end of day).
 *
 * @example
 * ```ts
 * CLOCK_TIME.test('22:30'); // true
 * ```
 */
export const CLOCK_TIME: RegExp = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/**
 * An ISO-8601 instant with an explicit zone (`Z` or `±hh:mm`), seconds and fraction optional.
 *
 * @example
 * ```ts
 * ISO_INSTANT.test('2024-06-01T22:00:00Z'); // true
 * ```
 */
export const ISO_INSTANT: RegExp =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A CIDR prefix length after the slash (0-128).
 *
 * @example
 * ```ts
 * PREFIX_LENGTH.test('24'); // true
 * ```
 */
export const PREFIX_LENGTH: RegExp = /^(?:\d|[1-9]\d|1[01]\d|12[0-8])$/;
