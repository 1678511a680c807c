import type { Envelope, MalformedReason } from '../outcome.js';

/**
 * The journald fields of one record that later stages use to join and verify events.
 * Underscore fields are set by journald itself (trusted); the others are supplied by the
 * logging client (forgeable with `logger -t sshd`). Every field is present on the object
 * and `undefined` when the record lacked it. Numeric fields are decimal-parsed; audit ids
 * keep the kernel's "unset" value 4294967295 as is.
 *
 * @example
 * ```ts
 * function isRealSshd(j: JournalFields): boolean {
 *   return j.uid === 0 && (j.comm === 'sshd' || j.comm === 'sshd-session');
 * }
 * ```
 */
export interface JournalFields {
  /** `_COMM`: the process name as the kernel knows it (trusted, at most 15 characters). */
  readonly comm?: string | undefined;
  /** `_EXE`: the executable path (trusted). */
  readonly exe?: string | undefined;
  /** `_CMDLINE`: the command line (trusted), e.g. `sshd: alice [priv]`. */
  readonly cmdline?: string | undefined;
  /** `_UID`: the writing process's user id (trusted). */
  readonly uid?: number | undefined;
  /** `_AUDIT_SESSION`: the audit session id, the same number as auditd's `ses=` (trusted). */
  readonly auditSession?: number | undefined;
  /** `_AUDIT_LOGINUID`: the audit login uid, the same number as auditd's `auid=` (trusted). */
  readonly auditLoginUid?: number | undefined;
  /** `_SYSTEMD_UNIT`: `ssh.service`, `sshd.service`, `session-42.scope`... (trusted). */
  readonly systemdUnit?: string | undefined;
  /** `_TRANSPORT`: `syslog`, `journal`, `stdout`, `kernel`... (trusted). */
  readonly transport?: string | undefined;
  /** `_BOOT_ID`: the boot the record belongs to (trusted). */
  readonly bootId?: string | undefined;
  /** `MESSAGE_ID`: the catalog id of structured messages (logind's session start/stop...). */
  readonly messageId?: string | undefined;
  /** `SESSION_ID`: logind's session id (`42`, `c1`). */
  readonly sessionId?: string | undefined;
  /** `USER_ID`: logind's user name of the session. */
  readonly userId?: string | undefined;
  /** `LEADER`: logind's session leader pid (the sshd process of the session). */
  readonly leader?: number | undefined;
  /** `SYSLOG_IDENTIFIER`: the client-supplied program name. */
  readonly syslogIdentifier?: string | undefined;
  /** `SYSLOG_PID`: the client-supplied pid. */
  readonly syslogPid?: number | undefined;
  /** `PRIORITY`: the syslog level, 0 (emerg) to 7 (debug). */
  readonly priority?: number | undefined;
  /** `__CURSOR`: an opaque position to resume reading from (never parse it). */
  readonly cursor?: string | undefined;
}

/**
 * What {@link parseJournaldRecord} returns: an envelope plus the journald fields, or why the
 * record could not be read. It is assignable to `EnvelopeResult`.
 *
 * @example
 * ```ts
 * function unitOf(r: JournaldResult): string | undefined {
 *   return r.ok ? r.journal.systemdUnit : undefined;
 * }
 * ```
 */
export type JournaldResult =
  | { readonly ok: true; readonly envelope: Envelope; readonly journal: JournalFields }
  | { readonly ok: false; readonly reason: MalformedReason };

/**
 * Options of {@link parseJournaldRecord}.
 *
 * @example
 * ```ts
 * const strict: JournaldOptions = { trustedProgram: true };
 * ```
 */
export interface JournaldOptions {
  /**
   * Take `program` from the trusted `_COMM` before the client-supplied
   * `SYSLOG_IDENTIFIER` (default `false`: the identifier first, as syslog lines show it).
   * Use it when local users must not be able to forge sshd lines with `logger -t sshd`.
   */
  readonly trustedProgram?: boolean | undefined;
}
