import type {
  AuditEventBase,
  AuditPathItem,
  AuditSubject,
  FileOperation,
  HostEvent,
} from '../../events/host.js';
import { rebuildArgv } from './argv.js';
import {
  findField,
  idField,
  numberField,
  parseRadix,
  parseSigned,
  type RawField,
  textField,
  tokenize,
} from './fields.js';
import { anomaly, kernelLogin, LOGIN_TYPES, userLogin } from './login-records.js';
import { type AuditRecord, recordFields } from './record.js';
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
    const args = rebuildArgv(parts.execve, parts.proctitle);
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
