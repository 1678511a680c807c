import type { Provenance } from '../../events/provenance.js';
import { type RawField, tokenize } from './fields.js';

/**
 * One audit record line, with its header read and its fields left unparsed (they are
 * tokenized only when the record's event is mapped).
 *
 * @internal
 */
export interface AuditRecord {
  /** `type=` value (`SYSCALL`, `USER_LOGIN`, `UNKNOWN[1420]`...). */
  readonly type: string;
  /** `node=` value, when present. */
  readonly node: string | undefined;
  /** Epoch milliseconds. */
  readonly time: number;
  /** Event serial. */
  readonly serial: number;
  /** The grouping key: node, time and serial. */
  readonly key: string;
  /** The whole line. */
  readonly line: string;
  /** Where the fields start. */
  readonly bodyStart: number;
  /** Where the raw fields end: the `0x1d` separator, or the line length. */
  readonly bodyEnd: number;
  /** True for a user-space record (its fields hold a nested `msg='...'`). */
  readonly userSpace: boolean;
  /** The line's provenance. */
  readonly source: Provenance;
}

/**
 * Why a line is not a record: `malformed` (not an audit line, or a time that cannot be
 * read) or `unrecognized` (an audit line without an event id, like `msg=?`).
 *
 * @internal
 */
export interface RecordMiss {
  /** Miss kind. */
  readonly kind: 'malformed' | 'unrecognized';
  /** Short snake_case reason. */
  readonly reason: 'bad_header' | 'bad_timestamp' | 'no_timestamp' | 'no_event_id';
}

const MSG_AUDIT = 'msg=audit(';

/** Kernel record types that never carry a nested `msg='...'` (skip the scan for them). */
const KERNEL_TYPES: ReadonlySet<string> = new Set([
  'SYSCALL',
  'EXECVE',
  'PATH',
  'CWD',
  'SOCKADDR',
  'PROCTITLE',
  'EOE',
  'OBJ_PID',
  'LOGIN',
]);

/**
 * Reads a record header: `[node=N ]type=T msg=audit(SECONDS.MILLIS:SERIAL):`. A hand-written
 * scan, linear in the line; never throws.
 *
 * @param line - The line (no terminator).
 * @param source - Its provenance.
 * @returns The record, or why it is not one.
 * @example
 * ```ts
 * const r = readRecord('type=EOE msg=audit(1.000:5):', { source: 'a', line: 1, text: '' });
 * ```
 * @internal
 */
export function readRecord(line: string, source: Provenance): AuditRecord | RecordMiss {
  let i = 0;
  let node: string | undefined;
  if (line.startsWith('node=')) {
    const sp = line.indexOf(' ', 5);
    if (sp < 0) return { kind: 'malformed', reason: 'bad_header' };
    node = line.slice(5, sp);
    i = sp + 1;
    while (line.charCodeAt(i) === 32) i++;
  }
  if (!line.startsWith('type=', i)) return { kind: 'malformed', reason: 'bad_header' };
  let te = i + 5;
  while (te < line.length && line.charCodeAt(te) !== 32) te++;
  const type = line.slice(i + 5, te);
  if (type.length === 0) return { kind: 'malformed', reason: 'bad_header' };
  let m = te;
  while (line.charCodeAt(m) === 32) m++;
  if (!line.startsWith(MSG_AUDIT, m)) {
    return line.startsWith('msg=', m)
      ? { kind: 'unrecognized', reason: 'no_event_id' }
      : { kind: 'malformed', reason: 'no_timestamp' };
  }
  let p = m + MSG_AUDIT.length;
  const secStart = p;
  let seconds = 0;
  while (p < line.length && p - secStart < 12) {
    const d = line.charCodeAt(p) - 48;
    if (d < 0 || d > 9) break;
    seconds = seconds * 10 + d;
    p++;
  }
  if (p === secStart || line.charCodeAt(p) !== 46)
    return { kind: 'malformed', reason: 'bad_timestamp' };
  p++;
  const fracStart = p;
  let millis = 0;
  let scale = 100;
  while (p < line.length && p - fracStart < 9) {
    const d = line.charCodeAt(p) - 48;
    if (d < 0 || d > 9) break;
    millis += d * scale;
    scale /= 10;
    p++;
  }
  if (p === fracStart || line.charCodeAt(p) !== 58)
    return { kind: 'malformed', reason: 'bad_timestamp' };
  p++;
  const serialStart = p;
  let serial = 0;
  while (p < line.length && p - serialStart < 15) {
    const d = line.charCodeAt(p) - 48;
    if (d < 0 || d > 9) break;
    serial = serial * 10 + d;
    p++;
  }
  if (p === serialStart || line.charCodeAt(p) !== 41)
    return { kind: 'malformed', reason: 'bad_timestamp' };
  const idEnd = p;
  p++;
  if (line.charCodeAt(p) === 58) p++;
  const gs = line.indexOf('\u001d', p);
  const bodyEnd = gs < 0 ? line.length : gs;
  return {
    type,
    node,
    time: seconds * 1000 + Math.floor(millis),
    serial,
    key:
      node === undefined ? line.slice(secStart, idEnd) : `${node} ${line.slice(secStart, idEnd)}`,
    line,
    bodyStart: p,
    bodyEnd,
    userSpace: !KERNEL_TYPES.has(type) && hasNestedMsg(line, p, bodyEnd),
    source,
  };
}

/**
 * True when `msg='` appears as a top-level field (after a space, outside double quotes).
 * Kernel records quote untrusted strings and hex-encode any containing `"` or a space, so
 * an even count of `"` before the match means it is not inside a value like `comm="msg='"`.
 */
function hasNestedMsg(line: string, start: number, end: number): boolean {
  let quotes = 0;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) quotes++;
    else if (
      c === 109 &&
      quotes % 2 === 0 &&
      (i === start || line.charCodeAt(i - 1) === 32) &&
      line.startsWith("msg='", i)
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Tokenizes a record's raw fields (before any `0x1d`).
 *
 * @param r - The record.
 * @param wanted - Keys to keep, or all.
 * @returns The fields.
 * @example
 * ```ts
 * recordFields(record, new Set(['pid']));
 * ```
 * @internal
 */
export function recordFields(r: AuditRecord, wanted?: ReadonlySet<string>): readonly RawField[] {
  return tokenize(r.line, r.bodyStart, r.bodyEnd, wanted).fields;
}
