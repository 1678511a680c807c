/**
 * The event a bound builds per audit event, in the product's shape (src/events/host.ts:
 * AuditEventBase then AuditSubject for a SYSCALL event, AuditLoginEvent's ids otherwise),
 * from fields found by one search each, in the kernel's field order, and read unchecked:
 * digits parsed in a loop (the unset id 4294967295 is kept as is), quoted values sliced,
 * unquoted ones sliced as written (no hex decoding). The kind is told by the syscall number
 * alone (execve, connect, anything else a file access). What a bound does not read (euid,
 * tty, exit, cwd, paths, argv, sockaddr, the login record's message fields) is left
 * undefined or empty.
 */
import type { Provenance, TimeBasis } from '../../../src/events/provenance.js';
import type { AuditGroup } from './audit-groups.js';

const BASIS: TimeBasis = { year: 'line', zone: 'line' };
const NONE: readonly never[] = Object.freeze([]);

function digitsAt(text: string, i: number): number {
  let n = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + c - 48;
  }
  return n;
}

// Fields are searched in the order the kernel writes them, each from where the last one
// was found: one pass over the line, as a reader that tokenizes once makes.
let cursor = 0;

// Where `name` (e.g. ` pid=`) ends, from the cursor, or -1 when it is not there.
function find(text: string, name: string): number {
  const at = text.indexOf(name, cursor);
  if (at === -1) return -1;
  cursor = at + name.length;
  return cursor;
}

// The digits after `name`, or undefined when it is not there.
function numberOf(text: string, name: string): number | undefined {
  const at = find(text, name);
  return at === -1 ? undefined : digitsAt(text, at);
}

// The value after `name` (e.g. ` exe=`): inside its quotes, else up to the next space.
function textOf(text: string, name: string): string | undefined {
  const start = find(text, name);
  if (start === -1) return undefined;
  if (text.charCodeAt(start) === 34) return text.slice(start + 1, text.indexOf('"', start + 1));
  const space = text.indexOf(' ', start);
  return text.slice(start, space === -1 ? text.length : space);
}

// `SECONDS.MILLIS:SERIAL` as epoch milliseconds (digits either side of the dot).
function timeOf(key: string): number {
  const dot = key.indexOf('.');
  return digitsAt(key, 0) * 1000 + digitsAt(key, dot + 1);
}

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
    cursor = 0;
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
  cursor = g.syscallBody;
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
