/**
 * The whole event a bound builds per audit event (bound-audit-full): every field the
 * product's event of that kind carries (src/events/host.ts), read unchecked
 * (audit-fields.ts), in one literal per kind in the product's field order, so the engine
 * builds objects of the same shape and size. Beyond bound-audit-events it reads euid, tty,
 * exit, unset ids as undefined, the syscall's name, hex-decoded strings, `CWD`, every
 * `PATH`, the `EXECVE` arguments, the `SOCKADDR` address, and the login records' message
 * fields (audit-login.ts). Kinds are told by the syscall number alone (execve/execveat,
 * connect/accept/bind/accept4, anything else a file access); a file access's op is read
 * from the open flags, any other file syscall is called `open`.
 */
import type {
  AuditLoginEvent,
  AuditPathItem,
  FileAccessEvent,
  ProcessExecEvent,
  SocketConnectEvent,
} from '../../../src/events/host.js';
import type { Provenance, TimeBasis } from '../../../src/events/provenance.js';
import {
  digitsAt,
  find,
  idOf,
  numberOf,
  seek,
  signedOf,
  stringOf,
  timeOf,
} from './audit-fields.js';
import type { AuditGroup } from './audit-groups.js';
import { boundLoginEvent } from './audit-login.js';
import { argvOf, type BoundSockaddr, cwdOf, pathOf, sockaddrOf } from './audit-parts.js';
import { syscallNameOf } from './audit-syscall-names.js';

/** The kinds the full bound builds. */
export type BoundFullEvent =
  | ProcessExecEvent
  | SocketConnectEvent
  | FileAccessEvent
  | AuditLoginEvent;

const BASIS: TimeBasis = { year: 'line', zone: 'line' };
const NONE: readonly never[] = Object.freeze([]);
const NO_ADDRESS: BoundSockaddr = {
  family: 'other',
  path: undefined,
  address: undefined,
  port: undefined,
};

// Record types by the letters after `type=` (no other type of a syscall event shares them).
const C = 67;
const E = 69;
const P = 80;
const S = 83;
const W = 87;
const X = 88;
const A = 65;
const O = 79;

/**
 * Builds the whole event of one group: a syscall event from its `SYSCALL` record and the
 * records beside it, else a login event from its first record.
 *
 * @param g - a complete group
 * @param host - the caller's host (records carry no `node=` in the benchmark file)
 * @returns the event, with the product's field set for its kind
 * @example
 * ```ts
 * const text = 'type=LOGIN msg=audit(1.000:5): pid=9 uid=0 old-auid=4294967295 auid=1000 tty=(none) old-ses=4294967295 ses=1 res=1';
 * const evidence = [{ source: 'audit.log', line: 1, text }];
 * const g = { key: '1.000:5', firstType: 'LOGIN', evidence, syscall: undefined, syscallBody: 0 };
 * boundAuditFullEvent(g, 'bastion-01').kind; // 'audit.login'
 * ```
 */
export function boundAuditFullEvent(g: AuditGroup, host: string): BoundFullEvent {
  const time = timeOf(g.key);
  const serial = digitsAt(g.key, g.key.indexOf(':') + 1);
  const s = g.syscall;
  if (s === undefined) return boundLoginEvent(g, host, time, serial);
  const source = g.evidence[0] as Provenance;

  // The records beside the SYSCALL, told apart by their type's first two letters.
  let cwd: string | undefined;
  let paths: AuditPathItem[] | undefined;
  let argv: string[] | undefined;
  let address: BoundSockaddr | undefined;
  for (const r of g.evidence) {
    const text = r.text;
    const t0 = text.charCodeAt(5);
    const t1 = text.charCodeAt(6);
    if (t0 === P && t1 === A) {
      if (paths === undefined) paths = [];
      paths.push(pathOf(text));
    } else if (t0 === C && t1 === W) cwd = cwdOf(text);
    else if (t0 === E && t1 === X) {
      if (argv === undefined) argv = [];
      argvOf(text, argv);
    } else if (t0 === S && t1 === O) address = sockaddrOf(text);
  }

  seek(g.syscallBody);
  const number = numberOf(s, ' syscall=') ?? -1;
  const syscall = syscallNameOf(number);
  const success = s.charCodeAt(find(s, ' success=')) === 121; // 'y'es
  const exit = signedOf(s, ' exit=');
  // open(2) has its flags in a1, openat(2) in a2.
  const flags = number === 257 ? hexOf(s, ' a2=') : number === 2 ? hexOf(s, ' a1=') : undefined;
  const ppid = numberOf(s, ' ppid=');
  const pid = numberOf(s, ' pid=');
  const auid = idOf(s, ' auid=');
  const uid = idOf(s, ' uid=');
  const euid = idOf(s, ' euid=');
  const tty = stringOf(s, ' tty=', false);
  const ses = idOf(s, ' ses=');
  const comm = stringOf(s, ' comm=', true);
  const exe = stringOf(s, ' exe=', true);
  const key = stringOf(s, ' key=', true);
  const items = paths ?? NONE;
  if (number === 59 || number === 322) {
    return {
      kind: 'process.exec',
      time,
      timeBasis: BASIS,
      host,
      program: 'auditd',
      pid,
      repeat: 1,
      source,
      serial,
      evidence: g.evidence,
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
      syscall,
      cwd,
      paths: items,
      argv: argv ?? NONE,
      argvTruncated: false,
    };
  }
  if (number === 42 || number === 43 || number === 49 || number === 288) {
    const a = address ?? NO_ADDRESS;
    return {
      kind: 'socket.connect',
      time,
      timeBasis: BASIS,
      host,
      program: 'auditd',
      pid,
      repeat: 1,
      source,
      serial,
      evidence: g.evidence,
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
      syscall,
      cwd,
      paths: items,
      family: a.family,
      path: resolve(a.path, cwd),
      address: a.address,
      port: a.port,
    };
  }
  return {
    kind: 'file.access',
    time,
    timeBasis: BASIS,
    host,
    program: 'auditd',
    pid,
    repeat: 1,
    source,
    serial,
    evidence: g.evidence,
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
    syscall,
    cwd,
    paths: items,
    op: flags === undefined ? 'open' : (flags & 3) === 0 ? 'read' : 'write',
    path: resolve(mainPath(items), cwd),
  };
}

// The hex number after `name` (`a2=0`), or undefined when absent.
function hexOf(text: string, name: string): number | undefined {
  let i = find(text, name);
  if (i === -1) return undefined;
  let n = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i) | 32; // lower case
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) break;
    n = n * 16 + d;
  }
  return n;
}

// The main path of a file access: the last name that is not a PARENT.
function mainPath(paths: readonly AuditPathItem[]): string | undefined {
  for (let i = paths.length - 1; i >= 0; i--) {
    const p = paths[i];
    if (p !== undefined && p.nametype !== 'PARENT' && p.path !== undefined) return p.path;
  }
  return paths[paths.length - 1]?.path;
}

// A relative path joined to the working directory, as the product reports it.
function resolve(path: string | undefined, cwd: string | undefined): string | undefined {
  if (path === undefined || cwd === undefined) return path;
  const c = path.charCodeAt(0);
  if (c === 47 || c === 64) return path; // '/' or '@'
  return cwd.endsWith('/') ? cwd + path : `${cwd}/${path}`;
}
