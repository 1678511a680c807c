import type { TimeBasis } from '../../events/provenance.js';
import { decodeJournalBytes } from './decode-bytes.js';
import type { JournaldOptions, JournaldResult, JournalFields } from './journal-fields.js';

const LINE_BASIS: TimeBasis = Object.freeze({ year: 'line', zone: 'line' });

const failures = {
  empty_line: Object.freeze({ ok: false, reason: 'empty_line' }),
  bad_json: Object.freeze({ ok: false, reason: 'bad_json' }),
  no_timestamp: Object.freeze({ ok: false, reason: 'no_timestamp' }),
  bad_timestamp: Object.freeze({ ok: false, reason: 'bad_timestamp' }),
  bad_header: Object.freeze({ ok: false, reason: 'bad_header' }),
} as const satisfies Record<string, JournaldResult>;

type JsonRecord = { readonly [field: string]: unknown };

/**
 * Parses one `journalctl -o json` line (or a `-o json-seq` record) into an envelope plus
 * the journald fields later stages join on. Never throws: bad JSON gives `bad_json`, a
 * record without a usable `__REALTIME_TIMESTAMP` gives `no_timestamp` / `bad_timestamp`,
 * one without `MESSAGE` gives `bad_header`.
 *
 * Values may be strings, byte arrays (decoded as UTF-8, or Latin-1 when not valid UTF-8),
 * arrays of either (a repeated field: the first value is used) or `null` (treated as
 * absent). `time` is `__REALTIME_TIMESTAMP` (µs) in ms, falling back to
 * `_SOURCE_REALTIME_TIMESTAMP`.
 *
 * Field choice: `host` is the trusted `_HOSTNAME` and `pid` the trusted `_PID` (then
 * `SYSLOG_PID`). `program` is `SYSLOG_IDENTIFIER` (then `_COMM`) by default, because that
 * is the identifier sshd logs under (`sshd`, `sshd-session`, `sshd-auth`) and the one
 * syslog lines carry, so message parsers dispatch the same way on both sources; `_COMM` is
 * truncated to 15 characters and names the binary, not the log identity. The identifier is
 * client-supplied, though: `journal.comm`, `journal.exe` and `journal.uid` are always
 * returned to verify it, and `trustedProgram: true` makes `_COMM` win instead.
 *
 * @param json - One line of `journalctl -o json` output.
 * @param options - Program field preference.
 * @returns The envelope and journald fields, or a malformed reason.
 * @example
 * ```ts
 * const r = parseJournaldRecord(
 *   '{"__REALTIME_TIMESTAMP":"1718272800000000","_HOSTNAME":"web1","SYSLOG_IDENTIFIER":"sshd-session",' +
 *     '"_PID":"4242","_COMM":"sshd-session","MESSAGE":"Accepted publickey for alice from 10.0.0.5 port 50000 ssh2"}',
 * );
 * if (r.ok) console.log(r.envelope.program, r.envelope.pid, r.journal.comm); // sshd-session 4242 sshd-session
 * ```
 */
export function parseJournaldRecord(json: string, options: JournaldOptions = {}): JournaldResult {
  const text = json.charCodeAt(0) === 0x1e ? json.slice(1) : json;
  if (text.trim().length === 0) return failures.empty_line;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return failures.bad_json;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return failures.bad_json;
  }
  const record = parsed as JsonRecord;

  const realtime =
    field(record, '__REALTIME_TIMESTAMP') ?? field(record, '_SOURCE_REALTIME_TIMESTAMP');
  if (realtime === undefined) return failures.no_timestamp;
  const micros = integer(realtime, 19);
  if (micros === undefined) return failures.bad_timestamp;
  const time = Math.floor(micros / 1000);

  const message = field(record, 'MESSAGE');
  if (message === undefined) return failures.bad_header;

  const comm = field(record, '_COMM');
  const syslogIdentifier = field(record, 'SYSLOG_IDENTIFIER');
  const syslogPid = integer(field(record, 'SYSLOG_PID'));
  const program =
    options.trustedProgram === true ? (comm ?? syslogIdentifier) : (syslogIdentifier ?? comm);
  const pid = integer(field(record, '_PID')) ?? syslogPid;
  const host = field(record, '_HOSTNAME');

  const journal: JournalFields = {
    comm,
    exe: field(record, '_EXE'),
    cmdline: field(record, '_CMDLINE'),
    uid: integer(field(record, '_UID')),
    auditSession: integer(field(record, '_AUDIT_SESSION')),
    auditLoginUid: integer(field(record, '_AUDIT_LOGINUID')),
    systemdUnit: field(record, '_SYSTEMD_UNIT'),
    transport: field(record, '_TRANSPORT'),
    bootId: field(record, '_BOOT_ID'),
    messageId: field(record, 'MESSAGE_ID'),
    sessionId: field(record, 'SESSION_ID'),
    userId: field(record, 'USER_ID'),
    leader: integer(field(record, 'LEADER')),
    syslogIdentifier,
    syslogPid,
    priority: integer(field(record, 'PRIORITY')),
    cursor: field(record, '__CURSOR'),
  };
  return {
    ok: true,
    envelope: { time, timeBasis: LINE_BASIS, host, program, pid, repeat: 1, message },
    journal,
  };
}

/** A field's value as text, or undefined (absent, null, or not a string/bytes). */
function field(record: JsonRecord, name: string): string | undefined {
  if (!Object.hasOwn(record, name)) return undefined;
  return valueText(record[name], true);
}

function valueText(value: unknown, allowRepeat: boolean): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const first: unknown = value[0];
  if (typeof first === 'number') return decodeJournalBytes(value);
  // A field repeated in one entry: an array of values; take the first.
  return allowRepeat ? valueText(first, false) : undefined;
}

/** A decimal string of at most `maxDigits` digits as a number, else undefined. */
function integer(text: string | undefined, maxDigits = 15): number | undefined {
  if (text === undefined || text.length === 0 || text.length > maxDigits) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return Number(text);
}
