import type { HostEvent } from '../../events/host.js';
import type { Provenance } from '../../events/provenance.js';
import type { AuditAssemblerSnapshot } from './snapshot.js';

/**
 * Why an audit line was not (or not yet) part of an event.
 *
 * - `ignored`: `comment` (`#` lines), `unmapped_record_type` (an event of a record type
 *   sshtrail does not map: `CONFIG_CHANGE`, `SERVICE_START`, `AVC`, `DAEMON_*`...),
 *   `unmapped_syscall` (a syscall event that is not exec, socket, file or ptrace),
 *   `no_syscall_record` (aux records whose `SYSCALL` never came), `late_record` (a record
 *   for an event already closed by `EOE`, time-out, eviction or a user-space record),
 *   `orphan_eoe` (an `EOE` with no open event), `event_too_large` (records past
 *   `maxRecordsPerEvent`).
 * - `unrecognized`: `no_event_id` (an audit record without `msg=audit(...)`, e.g. `msg=?`).
 * - `malformed`: `empty_line`, `line_too_long`, `bad_header` (not `[node=N ]type=T ...`),
 *   `no_timestamp`, `bad_timestamp` (e.g. `ausearch -i` interpreted dates).
 */
export type AuditMissReason =
  | 'comment'
  | 'unmapped_record_type'
  | 'unmapped_syscall'
  | 'no_syscall_record'
  | 'late_record'
  | 'orphan_eoe'
  | 'event_too_large'
  | 'no_event_id'
  | 'empty_line'
  | 'line_too_long'
  | 'bad_header'
  | 'no_timestamp'
  | 'bad_timestamp';

/**
 * What the assembler reports: an assembled event (which cites all its lines in
 * `event.evidence`), or one line that became no event.
 *
 * @example
 * ```ts
 * function show(r: AuditResult): string {
 *   return r.kind === 'event' ? r.event.kind : `${r.kind}: ${r.reason} at line ${r.source.line}`;
 * }
 * ```
 */
export type AuditResult =
  | { readonly kind: 'event'; readonly event: HostEvent }
  | {
      readonly kind: 'ignored' | 'unrecognized' | 'malformed';
      readonly reason: AuditMissReason;
      readonly source: Provenance;
    };

/**
 * The assembler's accounting. Every line pushed is in exactly one bucket:
 *
 * `lines = consumed + ignored + unrecognized + malformed + pending`
 *
 * and after {@link AuditAssembler.flush} `pending` is 0. `records` counts the lines that
 * were audit records (`consumed + pending` plus the record lines reported `ignored`).
 *
 * @example
 * ```ts
 * const s = assembler.stats();
 * s.lines === s.consumed + s.ignored + s.unrecognized + s.malformed + s.pending; // true
 * ```
 */
export interface AuditStats {
  /** Lines pushed. */
  readonly lines: number;
  /** Lines that were audit records (their header parsed). */
  readonly records: number;
  /** Events assembled: emitted, or reported line by line as `ignored` (user-space records included). */
  readonly groups: number;
  /** Events emitted. */
  readonly events: number;
  /** Lines that are part of an emitted event (its `evidence`). */
  readonly consumed: number;
  /** Lines reported `ignored`. */
  readonly ignored: number;
  /** Lines reported `unrecognized`. */
  readonly unrecognized: number;
  /** Lines reported `malformed`. */
  readonly malformed: number;
  /** Record lines held in open events, not reported yet. */
  readonly pending: number;
  /** Open events closed early because `maxPending` was reached. */
  readonly evicted: number;
  /** Open events closed without `EOE`: by time-out, eviction or flush (user-space records are complete by themselves and not counted). */
  readonly timedOut: number;
}

/**
 * Stats of an assembler that has read nothing.
 *
 * @returns Every count at zero.
 * @example
 * ```ts
 * noAuditStats().lines; // 0
 * ```
 * @internal
 */
export function noAuditStats(): AuditStats {
  return {
    lines: 0,
    records: 0,
    groups: 0,
    events: 0,
    consumed: 0,
    ignored: 0,
    unrecognized: 0,
    malformed: 0,
    pending: 0,
    evicted: 0,
    timedOut: 0,
  };
}

/**
 * Options of {@link createAuditAssembler}. Every limit is in event time or record counts,
 * never wall-clock time, so replays are deterministic.
 *
 * @example
 * ```ts
 * const options: AuditAssemblerOptions = { host: 'bastion', timeoutMs: 5000 };
 * ```
 */
export interface AuditAssemblerOptions {
  /** Host for records without `node=` (default `undefined`). */
  readonly host?: string;
  /** Lines longer than this are `malformed: line_too_long` (default 65536). */
  readonly maxLineLength?: number;
  /** Close an open event after this many records arrived since its last one (default 128). */
  readonly timeoutRecords?: number;
  /** Close an open event when a record more than this many ms later arrives (default 10000). */
  readonly timeoutMs?: number;
  /** Most open events kept; the least recently active is closed first (default 4096). */
  readonly maxPending?: number;
  /** Most records kept per event; later ones are `ignored: event_too_large` (default 1024). */
  readonly maxRecordsPerEvent?: number;
}

/**
 * A streaming audit-log assembler (see {@link createAuditAssembler}).
 *
 * @example
 * ```ts
 * const a = createAuditAssembler();
 * const out = [...a.push(text, { source: 'audit.log', line: 1 }), ...a.flush()];
 * ```
 */
export interface AuditAssembler {
  /**
   * Reads one or more complete lines (separated by `\n`; a trailing `\n` is optional; one
   * `\r` before a `\n` or at the end is dropped). The output does not depend on how lines
   * are grouped into calls, but a whole read chunk at a time (e.g. from `readTextChunks` of
   * `sshtrail/node`) is read fastest: its ASCII text is copied to bytes once, not line by
   * line.
   *
   * @param text - The line(s), without a partial last line.
   * @param source - Source name and the 1-based number of the first line in `text`.
   * @returns What became of the lines and of the events they completed.
   */
  push(
    text: string,
    source: { readonly source: string; readonly line: number },
  ): readonly AuditResult[];
  /**
   * Closes every open event (end of input).
   *
   * @returns The events (and misses) that were still open.
   */
  flush(): readonly AuditResult[];
  /**
   * The accounting so far.
   *
   * @returns A snapshot of the counters.
   */
  stats(): AuditStats;
  /**
   * The assembler's whole state as plain JSON, for checkpoint and restore with
   * {@link restoreAuditAssembler}. Costs time only when called (it copies the open events).
   *
   * @returns The state: open events with their records, time-out bookkeeping, recently
   * closed event ids and the accounting.
   */
  snapshot(): AuditAssemblerSnapshot;
}
