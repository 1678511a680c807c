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
 * The envelope fields of the line just scanned, filled in place by an envelope scanner (one
 * record per parser, so scanning a line allocates no envelope). The message is
 * `text.slice(start, end)` unless a rare wrapper (Solaris `[ID ...]`) made `message` a string
 * of its own; read it with {@link scratchMessage}.
 *
 * @internal
 */
export interface EnvelopeScratch {
  time: number;
  timeBasis: TimeBasis;
  host: string | undefined;
  program: string | undefined;
  pid: number | undefined;
  repeat: number;
  /** Where the message starts in the line. */
  start: number;
  /** Where it ends (exclusive). */
  end: number;
  /** The message, when it is not a plain range of the line. */
  message: string | undefined;
}

/** A fresh scratch envelope. @internal */
export function envelopeScratch(): EnvelopeScratch {
  return {
    time: 0,
    timeBasis: BASIS.lineLine,
    host: undefined,
    program: undefined,
    pid: undefined,
    repeat: 1,
    start: 0,
    end: 0,
    message: undefined,
  };
}

/** The message of the scanned line `text`. @internal */
export function scratchMessage(text: string, s: EnvelopeScratch): string {
  return s.message ?? text.slice(s.start, s.end);
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
