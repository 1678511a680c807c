import type { Provenance, TimeBasis } from './provenance.js';

/**
 * Fields every normalized event carries, whatever its kind.
 *
 * @example
 * ```ts
 * function where(e: EventBase): string {
 *   return `${e.source.source}:${e.source.line}`;
 * }
 * ```
 */
export interface EventBase {
  /** Epoch milliseconds (UTC). */
  readonly time: number;
  /** How the year and zone of `time` were decided. */
  readonly timeBasis: TimeBasis;
  /** Host name from the line, the caller's default host, or `undefined`. */
  readonly host: string | undefined;
  /** The writing program's identifier (`sshd`, `sshd-session`, `sudo`, ...), when known. */
  readonly program: string | undefined;
  /** The writing process id, when known. */
  readonly pid: number | undefined;
  /** How many times the line stood for this event (rsyslog `message repeated N times`). */
  readonly repeat: number;
  /** The line this event came from. */
  readonly source: Provenance;
}
