import type { AuditEventBase, AuditPathItem, FileOperation, HostEvent } from '../../events/host.js';
import type { Provenance, TimeBasis } from '../../events/provenance.js';
import { detachString } from '../detach-string.js';
import { type Argv, rebuildArgv } from './argv.js';
import { pickShaped, readCwd, readSyscall, SOCKADDR_SHAPE } from './canonical.js';
import { type FieldValues, valueId, valueNumber, valueText } from './field-values.js';
import { parseRadix, parseSigned } from './fields.js';
import { OBJ_PID_KEYS, SYSCALL_KEYS } from './keys.js';
import { anomaly, kernelLogin, LOGIN_TYPES, userLogin } from './login-records.js';
import { pathItems } from './path-items.js';
import { pick, pickedField, pickedId, pickedNumber, pickedText } from './pick.js';
import { recentCache } from './recent-cache.js';
import type { AuditRecord } from './record.js';
import { keyTable } from './scan.js';
import { type DecodedSockaddr, decodeSockaddr } from './sockaddr.js';
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

const ENRICHED_KEYS = keyTable(['SYSCALL']);
const S = SYSCALL_KEYS.slot;
const O = OBJ_PID_KEYS.slot;
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
  readonly syscall: AuditRecord | undefined;
  readonly user: AuditRecord | undefined;
  readonly login: AuditRecord | undefined;
  readonly anomaly: AuditRecord | undefined;
  readonly sockaddr: AuditRecord | undefined;
  readonly cwd: AuditRecord | undefined;
  readonly proctitle: AuditRecord | undefined;
  readonly objPid: AuditRecord | undefined;
  readonly execve: readonly AuditRecord[];
  readonly paths: readonly AuditRecord[];
}

const NO_RECORDS: readonly AuditRecord[] = Object.freeze([]);

/** Audit stamps carry year and zone (epoch seconds): one shared basis, as other parsers do. */
const LINE_BASIS: TimeBasis = { year: 'line', zone: 'line' };

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
  const sr = parts.syscall;
  // The glued-ENRICHED position is only needed when the record has no 0x1d separator.
  const sys =
    sr === undefined
      ? undefined
      : readSyscall(sr.line, sr.bodyStart, sr.bodyEnd, sr.bodyEnd < sr.line.length);
  if (parts.user !== undefined) {
    const type = parts.user.type;
    if (LOGIN_TYPES.has(type)) return userLogin(parts.user, baseOf(records, defaultHost));
    if (type.startsWith('ANOM_')) return anomaly(parts.user, sys, baseOf(records, defaultHost));
    return { kind: 'ignored', reason: 'unmapped_record_type' };
  }
  if (parts.login !== undefined) {
    return kernelLogin(parts.login, sys, baseOf(records, defaultHost));
  }
  if (parts.anomaly !== undefined) {
    return anomaly(parts.anomaly, sys, baseOf(records, defaultHost));
  }
  if (sr === undefined || sys === undefined) {
    return {
      kind: 'ignored',
      reason:
        parts.execve.length > 0 || parts.sockaddr !== undefined || parts.paths.length > 0
          ? 'no_syscall_record'
          : 'unmapped_record_type',
    };
  }
  return syscallEvent(parts, sr, sys, first, records, defaultHost);
}

/** Builds the shared event fields for a pid (made only for the kinds that need it). */
function baseOf(
  records: readonly AuditRecord[],
  defaultHost: string | undefined,
): (pid: number | undefined) => AuditEventBase {
  const first = records[0] as AuditRecord;
  return (pid) => ({
    time: first.time,
    timeBasis: LINE_BASIS,
    host: first.node ?? defaultHost,
    program: 'auditd',
    pid,
    repeat: 1,
    source: first.source,
    serial: first.serial,
    evidence: evidenceOf(records),
  });
}

function evidenceOf(records: readonly AuditRecord[]): Provenance[] {
  const out: Provenance[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) out[i] = (records[i] as AuditRecord).source;
  return out;
}

function sortParts(records: readonly AuditRecord[]): Parts {
  let syscall: AuditRecord | undefined;
  let user: AuditRecord | undefined;
  let login: AuditRecord | undefined;
  let anomaly: AuditRecord | undefined;
  let sockaddr: AuditRecord | undefined;
  let cwd: AuditRecord | undefined;
  let proctitle: AuditRecord | undefined;
  let objPid: AuditRecord | undefined;
  let execveCount = 0;
  let pathCount = 0;
  for (const r of records) {
    if (r.userSpace) {
      user ??= r;
      continue;
    }
    switch (r.type) {
      case 'SYSCALL':
        syscall ??= r;
        break;
      case 'EXECVE':
        execveCount++;
        break;
      case 'PATH':
        pathCount++;
        break;
      case 'CWD':
        cwd ??= r;
        break;
      case 'SOCKADDR':
        sockaddr ??= r;
        break;
      case 'PROCTITLE':
        proctitle ??= r;
        break;
      case 'OBJ_PID':
        objPid ??= r;
        break;
      case 'LOGIN':
        login ??= r;
        break;
      default:
        if (r.type.startsWith('ANOM_')) anomaly ??= r;
    }
  }
  return {
    syscall,
    user,
    login,
    anomaly,
    sockaddr,
    cwd,
    proctitle,
    objPid,
    execve: execveCount === 0 ? NO_RECORDS : ofType(records, 'EXECVE', execveCount),
    paths: pathCount === 0 ? NO_RECORDS : ofType(records, 'PATH', pathCount),
  };
}

/**
 * The `count` kernel records of `type`, in order, in an array of that size: a literal then
 * `push` would grow it to 17 slots, for the one or two records most events have.
 */
function ofType(records: readonly AuditRecord[], type: string, count: number): AuditRecord[] {
  const out: AuditRecord[] = new Array(count);
  let n = 0;
  for (const r of records) if (r.type === type && !r.userSpace) out[n++] = r;
  return out;
}

/** The ENRICHED `SYSCALL=` name (after `0x1d`, or glued after the raw fields). */
function enrichedSyscall(r: AuditRecord, gluedAt: number): string | undefined {
  const start = r.bodyEnd < r.line.length ? r.bodyEnd + 1 : gluedAt;
  if (start < 0) return undefined;
  const name = pickedText(pick(r.line, start, r.line.length, ENRICHED_KEYS, true), 0, false);
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

function syscallOf(syscallRecord: AuditRecord, sys: FieldValues): string {
  const named = enrichedSyscall(syscallRecord, sys.gluedAt);
  if (named !== undefined) return named;
  const num = valueNumber(sys, S.syscall);
  return num === undefined ? 'syscall_unknown' : syscallName(valueText(sys, S.arch, false), num);
}

function successOf(sys: FieldValues): boolean | undefined {
  const success = valueText(sys, S.success, false);
  return success === 'yes' ? true : success === 'no' ? false : undefined;
}

function cwdOf(parts: Parts): string | undefined {
  const r = parts.cwd;
  return r === undefined ? undefined : readCwd(r.line, r.bodyStart, r.bodyEnd);
}

function syscallEvent(
  parts: Parts,
  syscallRecord: AuditRecord,
  sys: FieldValues,
  first: AuditRecord,
  records: readonly AuditRecord[],
  defaultHost: string | undefined,
): HostEvent | BuildMiss {
  const name = syscallOf(syscallRecord, sys);
  const known = !name.startsWith('syscall_');
  const isExec = name === 'execve' || name === 'execveat' || (!known && parts.execve.length > 0);
  const isSocket =
    !isExec &&
    (SOCKET_SYSCALLS.has(name) ||
      MESSAGE_SYSCALLS.has(name) ||
      (!known && parts.sockaddr !== undefined));
  const op = isExec || isSocket ? undefined : FILE_OPS.get(name);
  if (!isExec && !isSocket && op === undefined && name !== 'ptrace') {
    return { kind: 'ignored', reason: 'unmapped_syscall' };
  }
  let addr: DecodedSockaddr | undefined;
  if (isSocket) {
    const sa = parts.sockaddr;
    addr = sa === undefined ? undefined : sockaddrOf(sa);
    if (!SOCKET_SYSCALLS.has(name) && (addr?.family ?? 'other') === 'other') {
      return { kind: 'ignored', reason: 'unmapped_syscall' };
    }
  }
  // One literal per kind, in the field order of AuditEventBase then AuditSubject: object
  // spreads cost more than the rest of the event.
  const pid = valueNumber(sys, S.pid);
  const host = first.node ?? defaultHost;
  const ppid = valueNumber(sys, S.ppid);
  const uid = valueId(sys, S.uid);
  const euid = valueId(sys, S.euid);
  const auid = valueId(sys, S.auid);
  const ses = valueId(sys, S.ses);
  const exe = valueText(sys, S.exe, true);
  const comm = valueText(sys, S.comm, true);
  const tty = valueText(sys, S.tty, false);
  const key = keyText(valueText(sys, S.key, true));
  const success = successOf(sys);
  const exit = parseSigned(valueText(sys, S.exit, false));
  const cwd = cwdOf(parts);
  const paths = pathItems(parts.paths);
  if (isExec) {
    const args = argvOf(parts.execve, parts.proctitle);
    return {
      kind: 'process.exec',
      time: first.time,
      timeBasis: LINE_BASIS,
      host,
      program: 'auditd',
      pid,
      repeat: 1,
      source: first.source,
      serial: first.serial,
      evidence: evidenceOf(records),
      ppid,
      uid,
      euid,
      auid,
      ses,
      exe,
      comm,
      tty,
      key,
      success,
      exit,
      syscall: name,
      cwd,
      paths,
      argv: args.argv,
      argvTruncated: args.truncated,
    };
  }
  if (isSocket) {
    return {
      kind: 'socket.connect',
      time: first.time,
      timeBasis: LINE_BASIS,
      host,
      program: 'auditd',
      pid,
      repeat: 1,
      source: first.source,
      serial: first.serial,
      evidence: evidenceOf(records),
      ppid,
      uid,
      euid,
      auid,
      ses,
      exe,
      comm,
      tty,
      key,
      success,
      exit,
      syscall: name,
      cwd,
      paths,
      family: addr?.family ?? 'other',
      path: resolve(addr?.path, cwd),
      address: addr?.address,
      port: addr?.port,
    };
  }
  if (op !== undefined) {
    return {
      kind: 'file.access',
      time: first.time,
      timeBasis: LINE_BASIS,
      host,
      program: 'auditd',
      pid,
      repeat: 1,
      source: first.source,
      serial: first.serial,
      evidence: evidenceOf(records),
      ppid,
      uid,
      euid,
      auid,
      ses,
      exe,
      comm,
      tty,
      key,
      success,
      exit,
      syscall: name,
      cwd,
      paths,
      op: fileOp(name, op, sys),
      path: resolve(mainPath(paths), cwd),
    };
  }
  const request = parseRadix(valueText(sys, S.a0, false), 16);
  const ob = parts.objPid;
  const obj =
    ob === undefined ? undefined : pick(ob.line, ob.bodyStart, ob.bodyEnd, OBJ_PID_KEYS, true);
  return {
    kind: 'process.ptrace',
    time: first.time,
    timeBasis: LINE_BASIS,
    host,
    program: 'auditd',
    pid,
    repeat: 1,
    source: first.source,
    serial: first.serial,
    evidence: evidenceOf(records),
    ppid,
    uid,
    euid,
    auid,
    ses,
    exe,
    comm,
    tty,
    key,
    success,
    exit,
    syscall: name,
    cwd,
    paths,
    request,
    requestName: request === undefined ? undefined : ptraceRequestName(request),
    targetPid:
      (obj === undefined ? undefined : pickedNumber(obj, O.opid)) ??
      parseRadix(valueText(sys, S.a1, false), 16),
    targetUid: obj === undefined ? undefined : pickedId(obj, O.ouid),
    targetAuid: obj === undefined ? undefined : pickedId(obj, O.oauid),
    targetSes: obj === undefined ? undefined : pickedId(obj, O.oses),
    targetComm: obj === undefined ? undefined : pickedText(obj, O.ocomm, true),
  };
}

/**
 * Decoded `saddr=` values by their `SOCKADDR` record's fields: hosts connect to the same
 * few addresses again and again, and a probe costs far less than a read and a decode. The
 * key is copied, so the cache holds no slice of a line (nor the read chunk behind it).
 */
const SOCKADDRS = recentCache<DecodedSockaddr>(256);

/** The decoded `saddr=` of a `SOCKADDR` record (`undefined` when absent or quoted). */
function sockaddrOf(r: AuditRecord): DecodedSockaddr | undefined {
  if (!SOCKADDRS.worth()) return decodedSockaddr(r);
  const body = r.line.slice(r.bodyStart, r.bodyEnd);
  const hit = SOCKADDRS.get(body);
  if (hit !== undefined) return hit;
  const decoded = decodedSockaddr(r);
  if (decoded !== undefined) SOCKADDRS.set(detachString(body), decoded);
  return decoded;
}

/** {@link sockaddrOf} without the cache. */
function decodedSockaddr(r: AuditRecord): DecodedSockaddr | undefined {
  const saddr = pickedField(
    pickShaped(r.line, r.bodyStart, r.bodyEnd, true, SOCKADDR_SHAPE),
    0,
    'saddr',
  );
  return saddr === undefined || saddr.quoted ? undefined : decodeSockaddr(saddr.value);
}

/**
 * Arguments of one-`EXECVE` events by that record's fields: scripts and cron jobs run the
 * same commands again and again. Keys and arguments are copied (see {@link detachString}).
 */
const ARGVS = recentCache<Argv>(256);

function argvOf(execve: readonly AuditRecord[], proctitle: AuditRecord | undefined): Argv {
  const only = execve.length === 1 ? execve[0] : undefined;
  if (only === undefined) return rebuildArgv(execve, proctitle);
  // Read from the fields alone (a single record's arguments never come from the title).
  if (!ARGVS.worth()) return rebuildArgv(execve, proctitle);
  const body = only.line.slice(only.bodyStart, only.bodyEnd);
  const hit = ARGVS.get(body);
  // Each event gets its own array.
  if (hit !== undefined) return { argv: hit.argv.slice(), truncated: hit.truncated };
  const args = rebuildArgv(execve, proctitle);
  ARGVS.set(detachString(body), { argv: args.argv.map(detachString), truncated: args.truncated });
  return args;
}

/** Several audit keys are joined by 0x01: shown comma-separated (a check first: replaceAll costs). */
function keyText(key: string | undefined): string | undefined {
  return key === undefined || key.indexOf('\u0001') < 0 ? key : key.replaceAll('\u0001', ',');
}

function fileOp(name: string, op: FileOperation, sys: FieldValues): FileOperation {
  if (op === 'unlink' && name === 'unlinkat') {
    const flags = parseRadix(valueText(sys, S.a2, false), 16);
    return flags !== undefined && (flags & 0x200) !== 0 ? 'rmdir' : 'unlink';
  }
  if (op !== 'open' || name === 'openat2') return op;
  const flags = parseRadix(valueText(sys, name === 'open' ? S.a1 : S.a2, false), 16);
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
