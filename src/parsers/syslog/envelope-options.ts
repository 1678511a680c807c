import type { YearState } from './year-tracker.js';
/**
 * Options of {@link createEnvelopeParser}: how to date lines that do not say their year or
 * zone (RFC3164, zone-less ISO). What was decided is recorded in each envelope's
 * `timeBasis`.
 *
 * @example
 * ```ts
 * const options: EnvelopeOptions = { year: 2024, timezone: 'Europe/Berlin' };
 * ```
 */
export interface EnvelopeOptions {
  /** Year of year-less timestamps. Without it the year is inferred (see `referenceTime`). */
  readonly year?: number | undefined;
  /**
   * IANA time zone of zone-less timestamps (`Europe/Berlin`), DST-correct. Without it they
   * are read as UTC (`timeBasis.zone: 'assumed_utc'`).
   */
  readonly timezone?: string | undefined;
  /**
   * Epoch milliseconds the year inference is relative to (default: the time of the first
   * year-less line's parse, i.e. now). The first year-less timestamp takes this year, or
   * the previous one when it would be more than a day in the future.
   */
  readonly referenceTime?: number | undefined;
  /** Year-inference state to continue from (from {@link EnvelopeParser.yearState}). */
  readonly yearState?: YearState | undefined;
}
