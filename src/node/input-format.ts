/**
 * The input formats sshtrail can tell apart. `syslog` covers RFC3164, RFC3339/ISO and RFC5424
 * lines (auth.log, secure, messages); `journald-json` is `journalctl -o json`; `auditd` is
 * `/var/log/audit/audit.log`; `zeek` is a Zeek log (TSV with `#fields` headers, or JSON);
 * `sysmon` is Sysmon for Linux (`<Event>` XML in syslog, or JSON with `EventID`); `osquery` is an
 * osquery results log; `utmp` is binary utmp/wtmp/btmp.
 *
 * @example
 * ```ts
 * const format: InputFormat = 'auditd';
 * ```
 */
export type InputFormat =
  | 'syslog'
  | 'journald-json'
  | 'auditd'
  | 'zeek'
  | 'sysmon'
  | 'osquery'
  | 'utmp';

/**
 * Every {@link InputFormat}, in the order `--help` lists them.
 *
 * @example
 * ```ts
 * INPUT_FORMATS.includes('zeek'); // true
 * ```
 */
export const INPUT_FORMATS: readonly InputFormat[] = [
  'syslog',
  'journald-json',
  'auditd',
  'zeek',
  'sysmon',
  'osquery',
  'utmp',
];

/**
 * Tells whether a string names an {@link InputFormat}.
 *
 * @param value - Any string (e.g. a `--format` value).
 * @returns Whether it is one of {@link INPUT_FORMATS}.
 * @example
 * ```ts
 * isInputFormat('syslog'); // true
 * isInputFormat('xml'); // false
 * ```
 */
export function isInputFormat(value: string): value is InputFormat {
  return (INPUT_FORMATS as readonly string[]).includes(value);
}
