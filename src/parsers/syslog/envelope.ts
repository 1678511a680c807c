import type { TimeBasis } from '../../events/provenance.js';
import type { EnvelopeResult, MalformedReason } from '../outcome.js';

/**
 * Shared, frozen `TimeBasis` values (one per combination), so envelopes do not allocate one.
 *
 * @internal
 */
export const BASIS = {
  lineLine: Object.freeze({ year: 'line', zone: 'line' }),
  lineOption: Object.freeze({ year: 'line', zone: 'option' }),
  lineUtc: Object.freeze({ year: 'line', zone: 'assumed_utc' }),
  optionOption: Object.freeze({ year: 'option', zone: 'option' }),
  optionUtc: Object.freeze({ year: 'option', zone: 'assumed_utc' }),
  inferredOption: Object.freeze({ year: 'inferred', zone: 'option' }),
  inferredUtc: Object.freeze({ year: 'inferred', zone: 'assumed_utc' }),
} as const satisfies Record<string, TimeBasis>;

const failures: { readonly [R in MalformedReason]: EnvelopeResult } = {
  empty_line: Object.freeze({ ok: false, reason: 'empty_line' }),
  line_too_long: Object.freeze({ ok: false, reason: 'line_too_long' }),
  bad_timestamp: Object.freeze({ ok: false, reason: 'bad_timestamp' }),
  no_timestamp: Object.freeze({ ok: false, reason: 'no_timestamp' }),
  bad_header: Object.freeze({ ok: false, reason: 'bad_header' }),
  bad_json: Object.freeze({ ok: false, reason: 'bad_json' }),
};

/**
 * The (shared, frozen) failure result for a reason.
 *
 * @internal
 */
export function malformed(reason: MalformedReason): EnvelopeResult {
  return failures[reason];
}

/**
 * The one construction site of a successful envelope result (stable object shape).
 *
 * @internal
 */
export function envelopeResult(
  time: number,
  timeBasis: TimeBasis,
  host: string | undefined,
  program: string | undefined,
  pid: number | undefined,
  repeat: number,
  message: string,
): EnvelopeResult {
  return { ok: true, envelope: { time, timeBasis, host, program, pid, repeat, message } };
}
