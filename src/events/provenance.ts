/**
 * Where a line came from: the evidence an analyst can open and read.
 *
 * @example
 * ```ts
 * const where: Provenance = { source: '/var/log/auth.log', line: 42, text: 'Jan  1 ...' };
 * ```
 */
export interface Provenance {
  /** The source name as the caller gave it, usually the file path. */
  readonly source: string;
  /** 1-based line number within that source. */
  readonly line: number;
  /** The raw line, without its line terminator (cut at the parser's `maxLineLength`). */
  readonly text: string;
}

/**
 * How the year and the zone of an event's time were decided. RFC3164 lines carry
 * neither, so the choice is recorded on every event.
 *
 * - `line`: the line itself carried it.
 * - `option`: the caller's `year` / `timezone` option.
 * - `inferred`: the year was inferred (with December-to-January rollover).
 * - `assumed_utc`: no zone anywhere, UTC was assumed.
 */
export type TimeBasisSource = 'line' | 'option' | 'inferred' | 'assumed_utc';

/**
 * The recorded decision behind an event's `time`.
 *
 * @example
 * ```ts
 * const basis: TimeBasis = { year: 'inferred', zone: 'option' };
 * ```
 */
export interface TimeBasis {
  /** Where the year came from. */
  readonly year: TimeBasisSource;
  /** Where the UTC offset came from. */
  readonly zone: TimeBasisSource;
}
