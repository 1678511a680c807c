import type {
  AuditAnomalyEvent,
  AuditEventBase,
  AuditFieldValue,
  AuditLoginEvent,
  AuditPathItem,
  AuditSubject,
  FileOperation,
  HostEvent,
} from '../../events/host.js';
import { canonicalIp } from '../../ip.js';
import {
  decodeValue,
  findField,
  idField,
  lastField,
  numberField,
  parseRadix,
  parseSigned,
  parseUnsigned,
  type RawField,
  textField,
  tokenize,
} from './fields.js';
import { hexToBytes, isAuditHex, utf8 } from './hex.js';
import type { AuditRecord } from './record.js';
import { decodeSockaddr } from './sockaddr.js';
import { ptraceRequestName, syscallName } from './syscalls.js';

/**
 * Why an assembled event produced no {@link HostEvent}.
 *
 * @internal
 */
export interface BuildMiss {
  /** Always `ignored`: the records were read but carry nothing sshtrail maps. */
  readonly kind: 'ignored';
  /** Short snake_case reason. */
  readonly reason: 'unmapped_record_type' | 'unmapped_syscall' | 'no_syscall_record';
}

/** User-space record types that become `audit.login`. */
const LOGIN_TYPES: ReadonlySet<string> = new Set([
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

/** The SYSCALL fields sshtrail reads (the others are skipped without slicing). */
const SYSCALL_KEYS: ReadonlySet<string> = new Set([
  'arch',
  'syscall',
  'success',
  'exit',
  'a0',
  'a1',
  'a2',
  'ppid',
  'pid',
  'auid',
  'uid',
  'euid',
  'tty',
  'ses',
  'comm',
  'exe',
  'key',
]);
const PATH_KEYS: ReadonlySet<string> = new Set([
  'item',
  'name',
  'inode',
  'mode',
  'ouid',
  'ogid',
  'nametype',
]);
const ENRICHED_KEYS: ReadonlySet<string> = new Set(['SYSCALL']);
const USER_OUTER_KEYS: ReadonlySet<string> = new Set(['pid', 'uid', 'auid', 'ses', 'msg']);
const USER_INNER_KEYS: ReadonlySet<string> = new Set([
  'op',
  'acct',
  'id',
  'exe',
  'hostname',
  'addr',
  'terminal',
  'res',
  'cmd',
]);

const SOCKET_SYSCALLS: ReadonlySet<string> = new Set(['connect', 'bind', 'accept', 'accept4']);
const MESSAGE_SYSCALLS: ReadonlySet<string> = new Set(['sendto', 'sendmsg', 'recvfrom', 'recvmsg']);

const FILE_OPS: ReadonlyMap<string, FileOperation> = new Map([
  ['open', 'open'],
  ['openat', 'open'],
  ['openat2', 'open'],
  ['open_by_handle_at', 'open'],
  ['creat', 'create'],
  ['unlink', 'unlink'],
  ['unlinkat', 'unlink'],
  ['rename', 'rename'],
  ['renameat', 'rename'],
  ['renameat2', 'rename'],
  ['link', 'link'],
  ['linkat', 'link'],
  ['symlink', 'link'],
  ['symlinkat', 'link'],
  ['chmod', 'chmod'],
  ['fchmod', 'chmod'],
  ['fchmodat', 'chmod'],
  ['chown', 'chown'],
  ['fchown', 'chown'],
  ['lchown', 'chown'],
  ['fchownat', 'chown'],
  ['truncate', 'truncate'],
  ['ftruncate', 'truncate'],
  ['mkdir', 'mkdir'],
  ['mkdirat', 'mkdir'],
  ['rmdir', 'rmdir'],
  ['mknod', 'mknod'],
  ['mknodat', 'mknod'],
]);

/** The records of one event, sorted by role. */
interface Parts {
  syscall: AuditRecord | undefined;
  user: AuditRecord | undefined;
  login: AuditRecord | undefined;
  anomaly: AuditRecord | undefined;
  sockaddr: AuditRecord | undefined;
  cwd: AuditRecord | undefined;
  proctitle: AuditRecord | undefined;
  objPid: AuditRecord | undefined;
  readonly execve: AuditRecord[];
  readonly paths: AuditRecord[];
}

/**
 * Turns the records of one assembled audit event into a {@link HostEvent}, or says why not.
 * Never throws on record content.
 *
 * @param records - The event's records in arrival order (at least one).
 * @param defaultHost - The caller's host, used when records carry no `node=`.
 * @returns The event, or an `ignored` miss.
 * @example
 * ```ts
 * const out = buildEvent(records, 'web1');
 * ```
 * @internal
 */
export function buildEvent(
  records: readonly AuditRecord[],
  defaultHost: string | undefined,
): HostEvent | BuildMiss {
  const first = records[0];
  if (first === undefined) return { kind: 'ignored', reason: 'unmapped_record_type' };
  const parts = sortParts(records);
  const sysTokens =
    parts.syscall === undefined
      ? undefined
      : tokenize(parts.syscall.line, parts.syscall.bodyStart, parts.syscall.bodyEnd, SYSCALL_KEYS);
  const sys = sysTokens?.fields;
  const base = (pid: number | undefined): AuditEventBase => ({
    time: first.time,
    timeBasis: { year: 'line', zone: 'line' },
    host: first.node ?? defaultHost,
    program: 'auditd',
    pid,
    repeat: 1,
    source: first.source,
    serial: first.serial,
    evidence: records.map((r) => r.source),
  });

  if (parts.user !== undefined) {
    const type = parts.user.type;
    if (LOGIN_TYPES.has(type)) return userLogin(parts.user, base);
    if (type.startsWith('ANOM_')) return anomaly(parts.user, sys, base);
    return { kind: 'ignored', reason: 'unmapped_record_type' };
  }
  if (parts.login !== undefined) return kernelLogin(parts.login, sys, base);
  if (parts.anomaly !== undefined) return anomaly(parts.anomaly, sys, base);
  if (parts.syscall === undefined || sys === undefined) {
    return {
      kind: 'ignored',
      reason:
        parts.execve.length > 0 || parts.sockaddr !== undefined || parts.paths.length > 0
          ? 'no_syscall_record'
          : 'unmapped_record_type',
    };
  }
  return syscallEvent(parts, parts.syscall, sysTokens?.gluedAt ?? -1, sys, base);
}

function sortParts(records: readonly AuditRecord[]): Parts {
  const parts: Parts = {
    syscall: undefined,
    user: undefined,
    login: undefined,
    anomaly: undefined,
    sockaddr: undefined,
    cwd: undefined,
    proctitle: undefined,
    objPid: undefined,
    execve: [],
    paths: [],
  };
  for (const r of records) {
    if (r.userSpace) {
      parts.user ??= r;
      continue;
    }
    switch (r.type) {
      case 'SYSCALL':
        parts.syscall ??= r;
        break;
      case 'EXECVE':
        parts.execve.push(r);
        break;
      case 'PATH':
        parts.paths.push(r);
        break;
      case 'CWD':
        parts.cwd ??= r;
        break;
      case 'SOCKADDR':
        parts.sockaddr ??= r;
        break;
      case 'PROCTITLE':
        parts.proctitle ??= r;
        break;
      case 'OBJ_PID':
        parts.objPid ??= r;
        break;
      case 'LOGIN':
        parts.login ??= r;
        break;
      default:
        if (r.type.startsWith('ANOM_')) parts.anomaly ??= r;
    }
  }
  return parts;
}

function recordFields(r: AuditRecord, wanted?: ReadonlySet<string>): readonly RawField[] {
  return tokenize(r.line, r.bodyStart, r.bodyEnd, wanted).fields;
}

/** The ENRICHED `SYSCALL=` name (after `0x1d`, or glued after the raw fields). */
function enrichedSyscall(r: AuditRecord, gluedAt: number): string | undefined {
  const start = r.bodyEnd < r.line.length ? r.bodyEnd + 1 : gluedAt;
  if (start < 0) return undefined;
  const name = textField(
    tokenize(r.line, start, r.line.length, ENRICHED_KEYS).fields,
    'SYSCALL',
    false,
  );
  return name !== undefined && /* names are plain identifiers */ isIdentifier(name)
    ? name
    : undefined;
}

function isIdentifier(s: string): boolean {
  if (s.length === 0 || s.length > 32) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95)) return false;
  }
  return true;
}

function subject(
  parts: Parts,
  syscallRecord: AuditRecord,
  gluedAt: number,
  sys: readonly RawField[],
): AuditSubject {
  const arch = textField(sys, 'arch', false);
  const num = numberField(sys, 'syscall');
  const named = enrichedSyscall(syscallRecord, gluedAt);
  const success = textField(sys, 'success', false);
  return {
    ppid: numberField(sys, 'ppid'),
    uid: idField(sys, 'uid'),
    euid: idField(sys, 'euid'),
    auid: idField(sys, 'auid'),
    ses: idField(sys, 'ses'),
    exe: textField(sys, 'exe', true),
    comm: textField(sys, 'comm', true),
    tty: textField(sys, 'tty', false),
    key: textField(sys, 'key', true)?.replaceAll('\u0001', ','),
    success: success === 'yes' ? true : success === 'no' ? false : undefined,
    exit: parseSigned(textField(sys, 'exit', false)),
    syscall: named ?? (num === undefined ? 'syscall_unknown' : syscallName(arch, num)),
    cwd: parts.cwd === undefined ? undefined : textField(recordFields(parts.cwd), 'cwd', true),
    paths: pathItems(parts.paths),
  };
}

function pathItems(records: readonly AuditRecord[]): readonly AuditPathItem[] {
  const items = records.map((r) => {
    const f = recordFields(r, PATH_KEYS);
    return {
      item: numberField(f, 'item') ?? Number.MAX_SAFE_INTEGER,
      value: {
        path: textField(f, 'name', true),
        inode: numberField(f, 'inode'),
        mode: parseRadix(textField(f, 'mode', false), 8),
        ouid: idField(f, 'ouid'),
        ogid: idField(f, 'ogid'),
        nametype: textField(f, 'nametype', false),
      },
    };
  });
  // Stable sort by item: records normally arrive in item order already.
  items.sort((a, b) => a.item - b.item);
  return items.map((i) => i.value);
}

function syscallEvent(
  parts: Parts,
  syscallRecord: AuditRecord,
  gluedAt: number,
  sys: readonly RawField[],
  base: (pid: number | undefined) => AuditEventBase,
): HostEvent | BuildMiss {
  const s = subject(parts, syscallRecord, gluedAt, sys);
  const pid = numberField(sys, 'pid');
  const known = !s.syscall.startsWith('syscall_');
  const name = s.syscall;
  if (name === 'execve' || name === 'execveat' || (!known && parts.execve.length > 0)) {
    const args = argv(parts);
    return {
      kind: 'process.exec',
      ...base(pid),
      ...s,
      argv: args.argv,
      argvTruncated: args.truncated,
    };
  }
  if (
    SOCKET_SYSCALLS.has(name) ||
    MESSAGE_SYSCALLS.has(name) ||
    (!known && parts.sockaddr !== undefined)
  ) {
    const saddrField =
      parts.sockaddr === undefined ? undefined : findField(recordFields(parts.sockaddr), 'saddr');
    const addr =
      saddrField === undefined || saddrField.quoted ? undefined : decodeSockaddr(saddrField.value);
    const family = addr?.family ?? 'other';
    if (!SOCKET_SYSCALLS.has(name) && family === 'other') {
      return { kind: 'ignored', reason: 'unmapped_syscall' };
    }
    return {
      kind: 'socket.connect',
      ...base(pid),
      ...s,
      family,
      path: resolve(addr?.path, s.cwd),
      address: addr?.address,
      port: addr?.port,
    };
  }
  const op = FILE_OPS.get(name);
  if (op !== undefined) {
    return {
      kind: 'file.access',
      ...base(pid),
      ...s,
      op: fileOp(name, op, sys),
      path: resolve(mainPath(s.paths), s.cwd),
    };
  }
  if (name === 'ptrace') {
    const request = parseRadix(textField(sys, 'a0', false), 16);
    const obj = parts.objPid === undefined ? undefined : recordFields(parts.objPid);
    return {
      kind: 'process.ptrace',
      ...base(pid),
      ...s,
      request,
      requestName: request === undefined ? undefined : ptraceRequestName(request),
      targetPid:
        (obj === undefined ? undefined : numberField(obj, 'opid')) ??
        parseRadix(textField(sys, 'a1', false), 16),
      targetUid: obj === undefined ? undefined : idField(obj, 'ouid'),
      targetAuid: obj === undefined ? undefined : idField(obj, 'oauid'),
      targetSes: obj === undefined ? undefined : idField(obj, 'oses'),
      targetComm: obj === undefined ? undefined : textField(obj, 'ocomm', true),
    };
  }
  return { kind: 'ignored', reason: 'unmapped_syscall' };
}

function fileOp(name: string, op: FileOperation, sys: readonly RawField[]): FileOperation {
  if (op === 'unlink' && name === 'unlinkat') {
    const flags = parseRadix(textField(sys, 'a2', false), 16);
    return flags !== undefined && (flags & 0x200) !== 0 ? 'rmdir' : 'unlink';
  }
  if (op !== 'open' || name === 'openat2') return op;
  const flags = parseRadix(textField(sys, name === 'open' ? 'a1' : 'a2', false), 16);
  if (flags === undefined) return 'open';
  return (flags & 3) === 0 ? 'read' : 'write';
}

function mainPath(paths: readonly AuditPathItem[]): string | undefined {
  for (let i = paths.length - 1; i >= 0; i--) {
    const p = paths[i];
    if (p !== undefined && p.nametype !== 'PARENT' && p.path !== undefined) return p.path;
  }
  return paths[paths.length - 1]?.path;
}

function resolve(path: string | undefined, cwd: string | undefined): string | undefined {
  if (path === undefined || cwd === undefined || path.startsWith('/') || path.startsWith('@')) {
    return path;
  }
  return cwd.endsWith('/') ? cwd + path : `${cwd}/${path}`;
}

interface Argv {
  readonly argv: readonly string[];
  readonly truncated: boolean;
}

/** Rebuilds argv from `EXECVE` records (`aN`, `aN[i]` chunks, several records), else `PROCTITLE`. */
function argv(parts: Parts): Argv {
  if (parts.execve.length === 0) return proctitleArgv(parts.proctitle);
  let argc: number | undefined;
  let max = -1;
  const whole = new Map<number, string>();
  const chunks = new Map<number, Map<number, RawField>>();
  for (const r of parts.execve) {
    for (const f of recordFields(r)) {
      const k = f.key;
      if (k === 'argc') {
        argc ??= parseUnsigned(f.value);
        continue;
      }
      if (k.charCodeAt(0) !== 97) continue; // 'a'
      const bracket = k.indexOf('[');
      if (bracket < 0) {
        const n = parseUnsigned(k.slice(1));
        if (n === undefined) continue; // aN_len and others
        if (!whole.has(n)) whole.set(n, decodeValue(f, true) ?? '');
        if (n > max) max = n;
        continue;
      }
      const n = parseUnsigned(k.slice(1, bracket));
      const c = k.endsWith(']') ? parseUnsigned(k.slice(bracket + 1, -1)) : undefined;
      if (n === undefined || c === undefined) continue;
      let m = chunks.get(n);
      if (m === undefined) {
        m = new Map();
        chunks.set(n, m);
      }
      if (!m.has(c)) m.set(c, f);
      if (n > max) max = n;
    }
  }
  const out: string[] = [];
  let truncated = argc !== undefined && argc > max + 1;
  const count = argc === undefined ? max + 1 : Math.min(argc, max + 1);
  for (let i = 0; i < count; i++) {
    const w = whole.get(i);
    if (w !== undefined) {
      out.push(w);
      continue;
    }
    const m = chunks.get(i);
    if (m === undefined) {
      truncated = true;
      break;
    }
    const joined = joinChunks(m);
    if (joined.missing) truncated = true;
    out.push(joined.text);
  }
  return { argv: out, truncated };
}

function joinChunks(m: ReadonlyMap<number, RawField>): { text: string; missing: boolean } {
  const order = [...m.keys()].sort((a, b) => a - b);
  let missing = false;
  let allHex = true;
  for (let i = 0; i < order.length; i++) {
    if (order[i] !== i) missing = true;
    const f = m.get(order[i] ?? 0);
    if (f === undefined || f.quoted || !isAuditHex(f.value)) allHex = false;
  }
  if (allHex) {
    // Concatenate hex before decoding so multi-byte characters split across chunks survive.
    const hex = order.map((i) => m.get(i)?.value ?? '').join('');
    const bytes = hexToBytes(hex);
    return { text: utf8(bytes, 0, bytes.length), missing };
  }
  const text = order
    .map((i) => {
      const f = m.get(i);
      return f === undefined ? '' : (decodeValue(f, true) ?? '');
    })
    .join('');
  return { text, missing };
}

function proctitleArgv(r: AuditRecord | undefined): Argv {
  if (r === undefined) return { argv: [], truncated: true };
  const f = findField(recordFields(r), 'proctitle');
  if (f === undefined) return { argv: [], truncated: true };
  if (f.quoted || !isAuditHex(f.value)) {
    const v = decodeValue(f, false);
    return { argv: v === undefined ? [] : [v], truncated: false };
  }
  const bytes = hexToBytes(f.value);
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0) {
      if (i > start || i < bytes.length) out.push(utf8(bytes, start, i));
      start = i + 1;
    }
  }
  // The kernel cuts the title at 128 bytes.
  return { argv: out, truncated: bytes.length >= 128 };
}

function resOf(v: string | undefined): 'success' | 'failed' | undefined {
  if (v === 'success' || v === 'yes' || v === '1') return 'success';
  if (v === 'failed' || v === 'failure' || v === 'no' || v === '0') return 'failed';
  return undefined;
}

function userLogin(
  r: AuditRecord,
  base: (pid: number | undefined) => AuditEventBase,
): AuditLoginEvent {
  const outer = recordFields(r, USER_OUTER_KEYS);
  const msg = findField(outer, 'msg');
  const text = msg?.value ?? '';
  const inner = tokenize(text, 0, text.length, USER_INNER_KEYS).fields;
  let op = textField(inner, 'op', false);
  if (op === undefined && text.startsWith('PAM:')) {
    const cut = text.indexOf(' acct=');
    op = (cut < 0 ? text : text.slice(0, cut)).trim();
  }
  // The right-hand end (hostname, addr, terminal, res) is read last-wins: see lastField.
  const right = (key: string): string | undefined => {
    const f = lastField(inner, key);
    return f === undefined ? undefined : decodeValue(f, false);
  };
  const addr = right('addr');
  return {
    kind: 'audit.login',
    ...base(numberField(outer, 'pid')),
    recordType: r.type,
    uid: idField(outer, 'uid'),
    auid: idField(outer, 'auid'),
    ses: idField(outer, 'ses'),
    oldAuid: undefined,
    oldSes: undefined,
    acct: textField(inner, 'acct', true),
    id: idField(inner, 'id'),
    exe: textField(inner, 'exe', true),
    hostname: right('hostname'),
    addr: addr === undefined ? undefined : canonicalIp(addr),
    terminal: right('terminal'),
    res: resOf(right('res')),
    op,
    cmd: textField(inner, 'cmd', true),
  };
}

function kernelLogin(
  r: AuditRecord,
  sys: readonly RawField[] | undefined,
  base: (pid: number | undefined) => AuditEventBase,
): AuditLoginEvent {
  const f = recordFields(r);
  return {
    kind: 'audit.login',
    ...base(numberField(f, 'pid') ?? (sys === undefined ? undefined : numberField(sys, 'pid'))),
    recordType: r.type,
    uid: idField(f, 'uid'),
    auid: idField(f, 'auid'),
    ses: idField(f, 'ses'),
    oldAuid: idField(f, 'old-auid'),
    oldSes: idField(f, 'old-ses'),
    acct: undefined,
    id: undefined,
    exe: sys === undefined ? undefined : textField(sys, 'exe', true),
    hostname: undefined,
    addr: undefined,
    terminal: textField(f, 'tty', false),
    res: resOf(textField(f, 'res', false)),
    op: undefined,
    cmd: undefined,
  };
}

function anomaly(
  r: AuditRecord,
  sys: readonly RawField[] | undefined,
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
  const pick = (key: string, encoded: boolean): string | undefined =>
    textField(all, key, encoded) ?? (sys === undefined ? undefined : textField(sys, key, encoded));
  const id = (key: string): number | undefined =>
    findField(all, key) !== undefined
      ? idField(all, key)
      : sys === undefined
        ? undefined
        : idField(sys, key);
  return {
    kind: 'audit.anomaly',
    ...base(numberField(all, 'pid') ?? (sys === undefined ? undefined : numberField(sys, 'pid'))),
    recordType: r.type,
    uid: id('uid'),
    auid: id('auid'),
    ses: id('ses'),
    exe: pick('exe', true),
    comm: pick('comm', true),
    fields,
  };
}
