import type { LoginRecordEvent, LoginRecordType } from '../../events/endpoint.js';
import type { TimeBasis } from '../../events/provenance.js';
import { canonicalIp } from '../../ip.js';
import { detectUtmpLayout, plausible, readIntegers, type UtmpLayout } from './layout.js';
import { fieldString, printable } from './strings.js';

/**
 * Options of {@link parseUtmp}.
 *
 * @example
 * ```ts
 * const options: UtmpOptions = { source: '/var/log/btmp', host: 'bastion', kind: 'btmp' };
 * ```
 */
export interface UtmpOptions {
  /** The source name recorded in provenance (usually the file path as given). */
  readonly source: string;
  /** The host the file belongs to (utmp records name none). */
  readonly host?: string;
  /** Which file it is: `utmp` (current logins), `wtmp` (history), `btmp` (failed logins). */
  readonly kind: 'utmp' | 'wtmp' | 'btmp';
  /** The layout, when known; detected from the records otherwise. */
  readonly layout?: UtmpLayout;
}

/**
 * Why part of a utmp file gave no event:
 * - `partial_record`: the file ends inside a record (a write cut short, or a copy taken
 *   while it was written); the remainder is skipped.
 * - `implausible_record`: a record whose type, padding or time cannot be real (corruption).
 * - `unknown_layout`: no layout made the records look real; the file was read as x86_64.
 *
 * @example
 * ```ts
 * const code: UtmpIssueCode = 'partial_record';
 * ```
 */
export type UtmpIssueCode = 'partial_record' | 'implausible_record' | 'unknown_layout';

/**
 * A problem found while reading a utmp file. Never fatal: the rest of the file is read.
 *
 * @example
 * ```ts
 * function show(i: UtmpIssue): string {
 *   return `${i.code} at byte ${i.offset}: ${i.message}`;
 * }
 * ```
 */
export interface UtmpIssue {
  /** Discriminant. */
  readonly kind: 'utmp_issue';
  /** What went wrong. */
  readonly code: UtmpIssueCode;
  /** Byte offset in the file. */
  readonly offset: number;
  /** 1-based record index, when the issue is about one record. */
  readonly record: number | undefined;
  /** A readable explanation. */
  readonly message: string;
}

/**
 * What {@link parseUtmp} returns: the records as events, the issues, and the layout used.
 *
 * @example
 * ```ts
 * function logins(r: UtmpResult): number {
 *   return r.events.filter((e) => e.recordType === 'user_process').length;
 * }
 * ```
 */
export interface UtmpResult {
  /** One event per plausible record, in file order. */
  readonly events: readonly LoginRecordEvent[];
  /** Problems found; never fatal. */
  readonly issues: readonly UtmpIssue[];
  /** The layout the records were read with. */
  readonly layout: UtmpLayout;
}

const TYPES: readonly LoginRecordType[] = [
  'empty',
  'run_level',
  'boot_time',
  'new_time',
  'old_time',
  'init_process',
  'login_process',
  'user_process',
  'dead_process',
  'accounting',
];
const TYPE_NAMES: readonly string[] = [
  'EMPTY',
  'RUN_LVL',
  'BOOT_TIME',
  'NEW_TIME',
  'OLD_TIME',
  'INIT_PROCESS',
  'LOGIN_PROCESS',
  'USER_PROCESS',
  'DEAD_PROCESS',
  'ACCOUNTING',
];
const LINE_BASIS: TimeBasis = { year: 'line', zone: 'line' };
const X86_64: UtmpLayout = { recordSize: 384, byteOrder: 'little' };

/** `ut_addr_v6`: IPv4 in the first word when the rest is zero, else IPv6; zero is none. */
function address(bytes: Uint8Array, offset: number): string | undefined {
  let tailZero = true;
  for (let i = 4; i < 16; i++) if (bytes[offset + i] !== 0) tailZero = false;
  const b = (i: number): number => bytes[offset + i] ?? 0;
  if (tailZero) {
    if (b(0) === 0 && b(1) === 0 && b(2) === 0 && b(3) === 0) return undefined;
    return canonicalIp(`${b(0)}.${b(1)}.${b(2)}.${b(3)}`);
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b(i) << 8) | b(i + 1)).toString(16));
  return canonicalIp(groups.join(':'));
}

function iso(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

/**
 * Parses a utmp, wtmp or btmp file (glibc `struct utmp`) into `login.record` events. The
 * layout (384-byte x86_64 or 400-byte 64-bit-time records, little- or big-endian) is
 * detected from the records unless given. Every plausible record becomes one event, in
 * file order, with provenance `{ source, line: <1-based record index>, text: <a readable
 * rendering of the record> }`; btmp records are failed logins. A partial last record and
 * implausible (corrupt) records are reported as issues, never thrown. Core code: reads a
 * `Uint8Array` through a `DataView`, no Node APIs.
 *
 * @param bytes - The whole file.
 * @param options - Source name, host, file kind and (optionally) the layout.
 * @returns The events, the issues and the layout used.
 * @example
 * ```ts
 * const { events, issues } = parseUtmp(bytes, { source: '/var/log/wtmp', kind: 'wtmp' });
 * for (const e of events) if (e.recordType === 'user_process') console.log(e.user, e.tty, e.address);
 * ```
 */
export function parseUtmp(bytes: Uint8Array, options: UtmpOptions): UtmpResult {
  const issues: UtmpIssue[] = [];
  const events: LoginRecordEvent[] = [];
  let layout = options.layout ?? detectUtmpLayout(bytes);
  if (layout === undefined) {
    layout = X86_64;
    if (bytes.length >= layout.recordSize) {
      issues.push({
        kind: 'utmp_issue',
        code: 'unknown_layout',
        offset: 0,
        record: undefined,
        message: 'no record layout fits; read as x86_64 (384 bytes, little-endian)',
      });
    }
  }
  const size = layout.recordSize;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = Math.floor(bytes.length / size);
  const failed = options.kind === 'btmp';
  for (let k = 0; k < count; k++) {
    const offset = k * size;
    if (!plausible(view, offset, layout)) {
      issues.push({
        kind: 'utmp_issue',
        code: 'implausible_record',
        offset,
        record: k + 1,
        message: `record ${k + 1} at byte ${offset} has an impossible type, padding or time`,
      });
      continue;
    }
    events.push(recordEvent(bytes, view, offset, k + 1, layout, options, failed));
  }
  const rest = bytes.length - count * size;
  if (rest > 0) {
    issues.push({
      kind: 'utmp_issue',
      code: 'partial_record',
      offset: count * size,
      record: count + 1,
      message: `the file ends with ${rest} bytes of a ${size}-byte record`,
    });
  }
  return { events, issues, layout };
}

function recordEvent(
  bytes: Uint8Array,
  view: DataView,
  offset: number,
  index: number,
  layout: UtmpLayout,
  options: UtmpOptions,
  failed: boolean,
): LoginRecordEvent {
  const n = readIntegers(view, offset, layout);
  const tty = fieldString(bytes, offset + 8, 32);
  const ttyId = fieldString(bytes, offset + 40, 4);
  const user = fieldString(bytes, offset + 44, 32);
  const remoteHost = fieldString(bytes, offset + 76, 256);
  let addr = address(bytes, n.addressOffset);
  if (addr === undefined && remoteHost !== undefined) addr = canonicalIp(remoteHost);
  const time = n.seconds * 1000 + Math.floor(n.microseconds / 1000);
  const typeName = TYPE_NAMES[n.type] ?? String(n.type);
  const usec = String(n.microseconds).padStart(6, '0');
  const text = [
    `type=${typeName}`,
    `pid=${n.pid}`,
    `line=${printable(tty ?? '')}`,
    `id=${printable(ttyId ?? '')}`,
    `user=${printable(user ?? '')}`,
    `host=${printable(remoteHost ?? '')}`,
    `addr=${addr ?? ''}`,
    `session=${n.session}`,
    `time=${iso(n.seconds * 1000).slice(0, 19)}.${usec}Z`,
  ].join(' ');
  return {
    kind: 'login.record',
    time,
    timeBasis: LINE_BASIS,
    host: options.host,
    program: undefined,
    pid: n.pid,
    repeat: 1,
    source: { source: options.source, line: index, text },
    origin: options.kind,
    recordType: TYPES[n.type] ?? 'unknown',
    typeCode: n.type,
    failed,
    user,
    tty,
    ttyId,
    remoteHost,
    address: addr,
    sessionId: n.session,
    termination: n.termination,
    exitStatus: n.exit,
    microseconds: n.microseconds,
    action: undefined,
  };
}
