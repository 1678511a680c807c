import type {
  AuditAnomalyEvent,
  AuditEventBase,
  AuditFieldValue,
  AuditLoginEvent,
} from '../../events/host.js';
import { canonicalIp } from '../../ip.js';
import { type FieldValues, valueId, valueNumber, valueText } from './field-values.js';
import { decodeValue, findField, idField, numberField, textField, tokenize } from './fields.js';
import { LOGIN_KEYS, SYSCALL_KEYS } from './keys.js';
import { lineBytes } from './line-bytes.js';
import { pick, pickedId, pickedNumber, pickedText, rawValueAt } from './pick.js';
import { type AuditRecord, recordFields } from './record.js';
import { keyTable, SPAN_ABSENT, SPAN_BRACED } from './scan.js';

const S = SYSCALL_KEYS.slot;
const L = LOGIN_KEYS.slot;

/** User-space record types that become `audit.login`. */
/** @internal */
export const LOGIN_TYPES: ReadonlySet<string> = new Set([
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
  'USER_ROLE_CHANGE',
  'CRYPTO_KEY_USER',
  'CRYPTO_SESSION',
  'ADD_USER',
  'DEL_USER',
  'ADD_GROUP',
  'DEL_GROUP',
  'GRP_MGMT',
  'LOGIN',
]);

/** Fields audit may hex-encode (auparse's "encoded" list). */
const ENCODED: ReadonlySet<string> = new Set([
  'comm',
  'exe',
  'cwd',
  'name',
  'path',
  'proctitle',
  'data',
  'cmd',
  'acct',
  'key',
  'ocomm',
  'dev',
]);

/** A user-space record's own fields, first wins (as the kernel writes them first). */
const USER_OUTER_KEYS = keyTable(['pid', 'uid', 'auid', 'ses', 'msg']);
const UO = USER_OUTER_KEYS.slot;
/**
 * Its `msg='...'` fields, first wins but for the trusted right-hand end: `hostname=` is
 * written unencoded before `addr= terminal= res=`, so text injected into a host name can
 * only add fields before the real ones: those four, last wins.
 */
const USER_INNER_KEYS = keyTable(
  ['op', 'acct', 'id', 'exe', 'hostname', 'addr', 'terminal', 'res', 'cmd'],
  ['hostname', 'addr', 'terminal', 'res'],
);
const UI = USER_INNER_KEYS.slot;

// The events copy the base fields one by one, in AuditEventBase order (what a spread gave):
// an object spread after another property costs about 4x the literal.

function resOf(v: string | undefined): 'success' | 'failed' | undefined {
  if (v === 'success' || v === 'yes' || v === '1') return 'success';
  if (v === 'failed' || v === 'failure' || v === 'no' || v === '0') return 'failed';
  return undefined;
}

/**
 * Maps a user-space record (`USER_LOGIN`, `CRED_ACQ`...) to `audit.login`.
 *
 * @param r - The record.
 * @param base - Builds the shared event fields for a pid.
 * @returns The event.
 * @example
 * ```ts
 * const e = userLogin(record, (pid) => baseFields(pid));
 * ```
 * @internal
 */
export function userLogin(
  r: AuditRecord,
  base: (pid: number | undefined) => AuditEventBase,
): AuditLoginEvent {
  // Picked spans, not tokenized fields (no field objects), both over the line's one byte
  // copy: the message's fields are read in place, as in a slice of it.
  const line = r.line;
  const bytes = lineBytes(line);
  const outer = pick(line, r.bodyStart, r.bodyEnd, USER_OUTER_KEYS, true, bytes);
  const m = 3 * UO.msg;
  const how = outer.spans[m + 2];
  const braced = how === SPAN_BRACED;
  // A braced value is read trimmed (see rawValueAt): then from its own copy.
  const text = braced ? (rawValueAt(outer, UO.msg) ?? '') : line;
  const start = braced || how === SPAN_ABSENT ? 0 : (outer.spans[m] ?? 0);
  const end = braced ? text.length : how === SPAN_ABSENT ? 0 : (outer.spans[m + 1] ?? 0);
  const inner = pick(text, start, end, USER_INNER_KEYS, false, braced ? undefined : bytes);
  let op = pickedText(inner, UI.op, false);
  if (op === undefined && text.startsWith('PAM:', start)) {
    const cut = text.indexOf(' acct=', start);
    op = text.slice(start, cut < 0 || cut >= end ? end : cut).trim();
  }
  const addr = pickedText(inner, UI.addr, false);
  const b = base(pickedNumber(outer, UO.pid));
  return {
    kind: 'audit.login',
    time: b.time,
    timeBasis: b.timeBasis,
    host: b.host,
    program: b.program,
    pid: b.pid,
    repeat: b.repeat,
    source: b.source,
    serial: b.serial,
    evidence: b.evidence,
    recordType: r.type,
    uid: pickedId(outer, UO.uid),
    auid: pickedId(outer, UO.auid),
    ses: pickedId(outer, UO.ses),
    oldAuid: undefined,
    oldSes: undefined,
    acct: pickedText(inner, UI.acct, true),
    id: pickedId(inner, UI.id),
    exe: pickedText(inner, UI.exe, true),
    hostname: pickedText(inner, UI.hostname, false),
    addr: addr === undefined ? undefined : canonicalIp(addr),
    terminal: pickedText(inner, UI.terminal, false),
    res: resOf(pickedText(inner, UI.res, false)),
    op,
    cmd: pickedText(inner, UI.cmd, true),
  };
}

/**
 * Maps the kernel `LOGIN` record (auid/ses assignment) to `audit.login`, taking `exe` from
 * the event's `SYSCALL`.
 *
 * @param r - The `LOGIN` record.
 * @param sys - The `SYSCALL` fields, if any.
 * @param base - Builds the shared event fields for a pid.
 * @returns The event.
 * @example
 * ```ts
 * const e = kernelLogin(record, syscallFields, (pid) => baseFields(pid));
 * ```
 * @internal
 */
export function kernelLogin(
  r: AuditRecord,
  sys: FieldValues | undefined,
  base: (pid: number | undefined) => AuditEventBase,
): AuditLoginEvent {
  const f = pick(r.line, r.bodyStart, r.bodyEnd, LOGIN_KEYS, true);
  const b = base(
    pickedNumber(f, L.pid) ?? (sys === undefined ? undefined : valueNumber(sys, S.pid)),
  );
  return {
    kind: 'audit.login',
    time: b.time,
    timeBasis: b.timeBasis,
    host: b.host,
    program: b.program,
    pid: b.pid,
    repeat: b.repeat,
    source: b.source,
    serial: b.serial,
    evidence: b.evidence,
    recordType: r.type,
    uid: pickedId(f, L.uid),
    auid: pickedId(f, L.auid),
    ses: pickedId(f, L.ses),
    oldAuid: pickedId(f, L['old-auid']),
    oldSes: pickedId(f, L['old-ses']),
    acct: undefined,
    id: undefined,
    exe: sys === undefined ? undefined : valueText(sys, S.exe, true),
    hostname: undefined,
    addr: undefined,
    terminal: pickedText(f, L.tty, false),
    res: resOf(pickedText(f, L.res, false)),
    op: undefined,
    cmd: undefined,
  };
}

/**
 * Maps an `ANOM_*` record (kernel or user space) to `audit.anomaly`.
 *
 * @param r - The record.
 * @param sys - The event's `SYSCALL` fields, if any.
 * @param base - Builds the shared event fields for a pid.
 * @returns The event.
 * @example
 * ```ts
 * const e = anomaly(record, undefined, (pid) => baseFields(pid));
 * ```
 * @internal
 */
export function anomaly(
  r: AuditRecord,
  sys: FieldValues | undefined,
  base: (pid: number | undefined) => AuditEventBase,
): AuditAnomalyEvent {
  const outer = recordFields(r);
  const msg = r.userSpace ? findField(outer, 'msg') : undefined;
  const all =
    msg === undefined
      ? outer
      : [...outer.filter((f) => f !== msg), ...tokenize(msg.value, 0, msg.value.length).fields];
  const fields: AuditFieldValue[] = all.map((f) => ({
    key: f.key,
    value: decodeValue(f, ENCODED.has(f.key)) ?? f.value,
  }));
  const text = (key: 'exe' | 'comm'): string | undefined =>
    textField(all, key, true) ?? (sys === undefined ? undefined : valueText(sys, S[key], true));
  const id = (key: 'uid' | 'auid' | 'ses'): number | undefined =>
    findField(all, key) !== undefined
      ? idField(all, key)
      : sys === undefined
        ? undefined
        : valueId(sys, S[key]);
  const b = base(
    numberField(all, 'pid') ?? (sys === undefined ? undefined : valueNumber(sys, S.pid)),
  );
  return {
    kind: 'audit.anomaly',
    time: b.time,
    timeBasis: b.timeBasis,
    host: b.host,
    program: b.program,
    pid: b.pid,
    repeat: b.repeat,
    source: b.source,
    serial: b.serial,
    evidence: b.evidence,
    recordType: r.type,
    uid: id('uid'),
    auid: id('auid'),
    ses: id('ses'),
    exe: text('exe'),
    comm: text('comm'),
    fields,
  };
}
