/**
 * The event a bound builds per audit event, in the product's shape (src/events/host.ts:
 * AuditEventBase then AuditSubject for a SYSCALL event, AuditLoginEvent's ids otherwise),
 * from fields found by one search each, in the kernel's field order, and read unchecked
 * (audit-fields.ts): digits parsed in a loop (the unset id 4294967295 is kept as is), quoted values sliced,
 * unquoted ones sliced as written (no hex decoding). The kind is told by the syscall number
 * alone (execve, connect, anything else a file access). What a bound does not read (euid,
 * tty, exit, cwd, paths, argv, sockaddr, the login record's message fields) is left
 * undefined or empty.
 */
import type { Provenance, TimeBasis } from '../../../src/events/provenance.js';
import { digitsAt, find, numberOf, seek, textOf, timeOf } from './audit-fields.js';
import type { AuditGroup } from './audit-groups.js';

const BASIS: TimeBasis = { year: 'line', zone: 'line' };
const NONE: readonly never[] = Object.freeze([]);

/**
 * Builds the event of one group: a syscall event from its `SYSCALL` record, else a login
 * event from its first record's ids.
 *
 * @param g - a complete group
 * @param host - the caller's host (records carry no `node=` in the benchmark file)
 * @returns an event-shaped object
 * @example
 * ```ts
 * const text = 'type=LOGIN msg=audit(1.000:5): pid=9 uid=0 auid=1000 ses=1 res=1';
 * const evidence = [{ source: 'audit.log', line: 1, text }];
 * const g = { key: '1.000:5', firstType: 'LOGIN', evidence, syscall: undefined, syscallBody: 0 };
 * boundAuditEvent(g, 'bastion-01').pid; // 9
 * ```
 */
export function boundAuditEvent(g: AuditGroup, host: string) {
  const colon = g.key.indexOf(':');
  const time = timeOf(g.key);
  const serial = digitsAt(g.key, colon + 1);
  const source = g.evidence[0] as Provenance;
  const s = g.syscall;
  if (s === undefined) {
    const text = source.text;
    seek(0);
    return {
      kind: 'audit.login',
      time,
      timeBasis: BASIS,
      host,
      program: 'auditd',
      pid: numberOf(text, ' pid='),
      repeat: 1,
      source,
      serial,
      evidence: g.evidence,
      recordType: g.firstType,
      uid: numberOf(text, ' uid='),
      auid: numberOf(text, ' auid='),
      ses: numberOf(text, ' ses='),
      oldAuid: undefined,
      oldSes: undefined,
      acct: undefined,
      id: undefined,
      exe: undefined,
      hostname: undefined,
      addr: undefined,
      terminal: undefined,
      res: undefined,
      op: undefined,
      cmd: undefined,
    } as const;
  }
  seek(g.syscallBody);
  const syscall = numberOf(s, ' syscall=');
  const success = s.charCodeAt(find(s, ' success=')) === 121; // 'y'es
  const ppid = numberOf(s, ' ppid=');
  const pid = numberOf(s, ' pid=');
  const auid = numberOf(s, ' auid=');
  const uid = numberOf(s, ' uid=');
  const ses = numberOf(s, ' ses=');
  const comm = textOf(s, ' comm=');
  const exe = textOf(s, ' exe=');
  const key = textOf(s, ' key=');
  return {
    kind:
      syscall === 59 || syscall === 322
        ? 'process.exec'
        : syscall === 42
          ? 'socket.connect'
          : 'file.access',
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
    euid: undefined,
    auid,
    ses,
    exe,
    comm,
    tty: undefined,
    key,
    success,
    exit: undefined,
    syscall,
    cwd: undefined,
    paths: NONE,
  } as const;
}
