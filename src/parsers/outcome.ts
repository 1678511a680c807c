import type { EventBase } from '../events/base.js';
import type { SshtrailEvent } from '../events/index.js';
import type { Provenance } from '../events/provenance.js';

/**
 * Why a line could not be read at all (its envelope, not its message).
 */
export type MalformedReason =
  | 'empty_line'
  | 'line_too_long'
  | 'bad_timestamp'
  | 'no_timestamp'
  | 'bad_header'
  | 'bad_json';

/**
 * What became of one input line. Every line ends as exactly one of these, so the
 * per-source counts always add up to the number of lines read.
 *
 * - `event`: a normalized event.
 * - `ignored`: a line understood but carrying nothing for sshtrail (cron, other daemons).
 * - `unrecognized`: a line from a program sshtrail reads whose message it does not know.
 * - `malformed`: a line whose envelope (time, host, program) could not be read.
 */
export type LineOutcome =
  | { readonly kind: 'event'; readonly event: SshtrailEvent }
  | {
      readonly kind: 'ignored' | 'unrecognized';
      readonly reason: string;
      readonly program: string | undefined;
      readonly source: Provenance;
    }
  | {
      readonly kind: 'malformed';
      /** A {@link MalformedReason}, or a format-specific code (e.g. auditd's `bad_header`). */
      readonly reason: MalformedReason | (string & {});
      readonly source: Provenance;
    };

/**
 * A message parser's miss: the message was seen but is irrelevant (`ignored`) or unknown
 * (`unrecognized`). `reason` is a short snake_case code.
 */
export interface MessageMiss {
  /** Which kind of miss. */
  readonly kind: 'ignored' | 'unrecognized';
  /** Short snake_case code, e.g. `unknown_sshd_message`. */
  readonly reason: string;
}

/**
 * What a message parser returns: an event, or a miss.
 */
export type MessageResult = SshtrailEvent | MessageMiss;

/**
 * The envelope-level fields handed to message parsers; they copy them into the event.
 */
export type MessageContext = EventBase;

/**
 * A syslog-style envelope, split from its message: the common ground of RFC3164,
 * RFC3339/ISO, RFC5424 and journald records.
 */
export interface Envelope {
  /** Epoch milliseconds (UTC). */
  readonly time: number;
  /** How the year and zone were decided. */
  readonly timeBasis: EventBase['timeBasis'];
  /** Host name from the record, or `undefined` when it carried none. */
  readonly host: string | undefined;
  /** Program identifier (`sshd`, `sshd-session`, `sudo`...). */
  readonly program: string | undefined;
  /** Process id, when present. */
  readonly pid: number | undefined;
  /** Times the message was repeated (`message repeated N times: [ ... ]` unwrapped), at least 1. */
  readonly repeat: number;
  /** The message text after the program tag. */
  readonly message: string;
}

/**
 * An envelope parser's result: an envelope, or why the line is malformed.
 */
export type EnvelopeResult =
  | { readonly ok: true; readonly envelope: Envelope }
  | { readonly ok: false; readonly reason: MalformedReason };
