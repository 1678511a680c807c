import type { Provenance } from '../../events/provenance.js';
import { type RawField, tokenize } from './fields.js';
import { lineBytes } from './line-bytes.js';
import { keyTable } from './scan.js';

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
  /** True when `key` is the previous record's (same event id), false when it differs from it. */
  readonly continued: boolean;
  /** Whole seconds of the time stamp. */
  readonly seconds: number;
  /** Its fraction digits as an integer (exact, unlike `time`). */
  readonly fraction: number;
  /** Digit counts of seconds, fraction and serial (`s * 10000 + f * 100 + n`). */
  readonly digits: number;
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

/**
 * Record types read often, so the type is matched in place and its constant reused. The
 * first {@link KERNEL_COUNT} are kernel types that never carry a nested `msg='...'` (the
 * scan for it is skipped for them).
 */
const TYPES = keyTable([
  'SYSCALL',
  'EXECVE',
  'PATH',
  'CWD',
  'SOCKADDR',
  'PROCTITLE',
  'EOE',
  'OBJ_PID',
  'LOGIN',
  'USER_AUTH',
  'USER_ACCT',
  'USER_MGMT',
  'CRED_ACQ',
  'CRED_DISP',
  'CRED_REFR',
  'USER_CHAUTHTOK',
  'USER_ERR',
  'USER_LOGIN',
  'USER_LOGOUT',
  'USER_START',
  'USER_END',
  'USER_CMD',
  'CRYPTO_KEY_USER',
  'CRYPTO_SESSION',
]);
const KERNEL_COUNT = 9;

/** Each type's character codes, by its number in {@link TYPES}. */
const TYPE_CODES: readonly (readonly number[])[] = TYPES.keys.map((t) =>
  [...t].map((ch) => ch.charCodeAt(0)),
);

/**
 * The numbers of the known types by their first character code, the commonest first: a
 * line's type is mostly told by its first character and read once (no scan for its end
 * first, no map probe, no second string read).
 */
const TYPES_BY_FIRST: readonly (readonly number[] | undefined)[] = (() => {
  const byFirst: number[][] = [];
  const common = ['EOE', 'EXECVE', 'CWD', 'PATH', 'PROCTITLE', 'SYSCALL', 'SOCKADDR'];
  for (const t of [...common, ...TYPES.keys.filter((t) => !common.includes(t))]) {
    const c = t.charCodeAt(0);
    const list = byFirst[c] ?? [];
    list.push(TYPES.slot[t as keyof typeof TYPES.slot]);
    byFirst[c] = list;
  }
  return byFirst;
})();

/**
 * The number in {@link TYPES} of the type at `from` in bytes `b` of a line that ends at
 * `end` (it runs to the next space or the end of the line), or -1 for another type.
 */
function typeAt(b: Uint8Array, end: number, from: number): number {
  const candidates = TYPES_BY_FIRST[b[from] ?? 0];
  if (candidates === undefined) return -1;
  for (const k of candidates) {
    const codes = TYPE_CODES[k] as readonly number[];
    let n = 1;
    while (n < codes.length && b[from + n] === codes[n]) n++;
    if (n === codes.length && (from + n === end || b[from + n] === 32)) return k;
  }
  return -1;
}

/**
 * Reads a record header: `[node=N ]type=T msg=audit(SECONDS.MILLIS:SERIAL)[:]`, a byte
 * at a time from the line's bytes ({@link lineBytes}: cheaper reads than the sliced
 * string's) with no regex, no match array and no slice but the key (known types are
 * matched in place, digits read as numbers); linear in the line; never throws.
 *
 * @param line - The line (no terminator).
 * @param source - Its provenance.
 * @param previous - The record read before, if any: when this line has the same event id,
 * its key is reused (no new key string).
 * @param other - Another recent record (of another event), whose key is reused likewise.
 * @returns The record, or why it is not one.
 * @example
 * ```ts
 * const r = readRecord('type=EOE msg=audit(1.000:5):', { source: 'a', line: 1, text: '' });
 * ```
 * @internal
 */
export function readRecord(
  line: string,
  source: Provenance,
  previous?: AuditRecord,
  other?: AuditRecord,
): AuditRecord | RecordMiss {
  return readRecordAt(line, lineBytes(line), 0, -1, source, previous, other);
}

/**
 * {@link readRecord} with the line's bytes given: byte `at + i` of `b` is the line's unit
 * `i` (ASCII, else any byte of 0x80 or more), and byte `at + line.length` is one no header
 * literal or digit has (0 after a lone line, `\r` or `\n` in a chunk).
 *
 * @param line - The line (no terminator).
 * @param b - Bytes holding the line's.
 * @param at - Where the line's bytes start in `b`.
 * @param firstGs - Where the line's first `0x1d` is (its length when it has none), or -1
 * when not known: then the body is searched for it.
 * @param source - Its provenance.
 * @param previous - As for {@link readRecord}.
 * @param other - As for {@link readRecord}.
 * @returns The record, or why it is not one.
 * @example
 * ```ts
 * const line = 'type=EOE msg=audit(1.000:5):';
 * const r = readRecordAt(line, lineBytes(line), 0, -1, { source: 'a', line: 1, text: line });
 * ```
 * @internal
 */
export function readRecordAt(
  line: string,
  b: Uint8Array,
  at: number,
  firstGs: number,
  source: Provenance,
  previous?: AuditRecord,
  other?: AuditRecord,
): AuditRecord | RecordMiss {
  // Every read below stops at the end byte before any byte after it. Positions are in
  // `b` (the line's own start at `at`), made line offsets for the string reads.
  const length = line.length;
  const end = at + length;
  let i = at;
  let node: string | undefined;
  if (isNodeKey(b, at)) {
    const sp = line.indexOf(' ', 5);
    if (sp < 0) return { kind: 'malformed', reason: 'bad_header' };
    node = line.slice(5, sp);
    i = at + sp + 1;
    while (b[i] === 32) i++;
  }
  if (!isTypeKey(b, i)) return { kind: 'malformed', reason: 'bad_header' };
  const known = typeAt(b, end, i + 5);
  let te = i + 5;
  if (known >= 0) te += (TYPE_CODES[known] as readonly number[]).length;
  else {
    while (te < end && b[te] !== 32) te++;
    if (te === i + 5) return { kind: 'malformed', reason: 'bad_header' };
  }
  const type = known < 0 ? line.slice(i + 5 - at, te - at) : (TYPES.keys[known] as string);
  let m = te;
  while (b[m] === 32) m++;
  if (!isMsgAudit(b, m)) {
    return line.startsWith('msg=', m - at)
      ? { kind: 'unrecognized', reason: 'no_event_id' }
      : { kind: 'malformed', reason: 'no_timestamp' };
  }
  let p = m + MSG_AUDIT.length;
  const secStart = p;
  let seconds = 0;
  while (p < end && p - secStart < 12) {
    const d = (b[p] ?? 0) - 48;
    if (d < 0 || d > 9) break;
    seconds = seconds * 10 + d;
    p++;
  }
  if (p === secStart || b[p] !== 46) return { kind: 'malformed', reason: 'bad_timestamp' };
  p++;
  const fracStart = p;
  let millis = 0;
  let scale = 100;
  let fraction = 0;
  while (p < end && p - fracStart < 9) {
    const d = (b[p] ?? 0) - 48;
    if (d < 0 || d > 9) break;
    millis += d * scale;
    scale /= 10;
    fraction = fraction * 10 + d;
    p++;
  }
  if (p === fracStart || b[p] !== 58) return { kind: 'malformed', reason: 'bad_timestamp' };
  p++;
  const serialStart = p;
  let serial = 0;
  while (p < end && p - serialStart < 15) {
    const d = (b[p] ?? 0) - 48;
    if (d < 0 || d > 9) break;
    serial = serial * 10 + d;
    p++;
  }
  if (p === serialStart || b[p] !== 41) return { kind: 'malformed', reason: 'bad_timestamp' };
  const digits =
    (fracStart - 1 - secStart) * 10000 + (serialStart - 1 - fracStart) * 100 + (p - serialStart);
  // The same digits (values and counts) and node are the same id text: reuse the key.
  const continued = sameId(previous, serial, seconds, fraction, digits, node);
  // Else maybe the event before (records of two events often alternate): its key string is
  // the one the assembler's map holds, already hashed.
  const same = continued
    ? previous
    : sameId(other, serial, seconds, fraction, digits, node)
      ? other
      : undefined;
  let key: string;
  let time: number;
  if (same !== undefined) {
    key = same.key;
    time = same.time;
  } else {
    // A slice of the line, not a concatenation: it is hashed at once, and concatenations
    // are flattened (copied) first.
    const id = line.slice(secStart - at, p - at);
    key = node === undefined ? id : `${node} ${id}`;
    time = seconds * 1000 + Math.floor(millis);
  }
  const body = (b[p + 1] === 58 ? p + 2 : p + 1) - at;
  // A known first 0x1d after the header is the one; else search (an EOE body is empty).
  const gs = firstGs >= body ? firstGs : body < length ? line.indexOf('\u001d', body) : -1;
  const bodyEnd = gs < 0 ? length : gs;
  return {
    type,
    node,
    time,
    serial,
    key,
    continued,
    seconds,
    fraction,
    digits,
    line,
    bodyStart: body,
    bodyEnd,
    userSpace: (known < 0 || known >= KERNEL_COUNT) && hasNestedMsg(line, body, bodyEnd),
    source,
  };
}

/** Whether `r` has the event id read as these digits (values and counts) and node. */
function sameId(
  r: AuditRecord | undefined,
  serial: number,
  seconds: number,
  fraction: number,
  digits: number,
  node: string | undefined,
): r is AuditRecord {
  return (
    r !== undefined &&
    r.serial === serial &&
    r.seconds === seconds &&
    r.fraction === fraction &&
    r.digits === digits &&
    r.node === node
  );
}

// The literals of a header, one comparison per byte; each chain stops at the first
// mismatch, so at the end byte (0) at the latest.

/** `node=` at `i`. */
function isNodeKey(b: Uint8Array, i: number): boolean {
  return (
    b[i] === 110 && b[i + 1] === 111 && b[i + 2] === 100 && b[i + 3] === 101 && b[i + 4] === 61
  );
}

/** `type=` at `i`. */
function isTypeKey(b: Uint8Array, i: number): boolean {
  return (
    b[i] === 116 && b[i + 1] === 121 && b[i + 2] === 112 && b[i + 3] === 101 && b[i + 4] === 61
  );
}

/** `msg=audit(` at `i`. */
function isMsgAudit(b: Uint8Array, i: number): boolean {
  return (
    b[i] === 109 &&
    b[i + 1] === 115 &&
    b[i + 2] === 103 &&
    b[i + 3] === 61 &&
    b[i + 4] === 97 &&
    b[i + 5] === 117 &&
    b[i + 6] === 100 &&
    b[i + 7] === 105 &&
    b[i + 8] === 116 &&
    b[i + 9] === 40
  );
}

/**
 * True when `msg='` appears as a top-level field (after a space, outside double quotes).
 * Kernel records quote untrusted strings and hex-encode any containing `"` or a space, so
 * an even count of `"` before the match means it is not inside a value like `comm="msg='"`.
 * Candidates and quotes are found with `indexOf` (a user-space body is long, its `msg='`
 * late); every quote is counted once.
 */
function hasNestedMsg(line: string, start: number, end: number): boolean {
  let quotes = 0;
  let counted = start;
  let from = start;
  for (;;) {
    const at = line.indexOf("msg='", from);
    if (at < 0 || at >= end) return false;
    for (let q = line.indexOf('"', counted); q >= 0 && q < at; q = line.indexOf('"', q + 1)) {
      quotes++;
    }
    counted = at;
    if (quotes % 2 === 0 && (at === start || line.charCodeAt(at - 1) === 32)) return true;
    from = at + 1;
  }
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
