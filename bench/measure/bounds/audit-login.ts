/**
 * The `audit.login` event of the full audit bound: an event without a `SYSCALL`, read from
 * its first record, unchecked (audit-fields.ts). The kernel `LOGIN` record gives its old
 * and new ids, `tty` and `res`; a user-space record (`USER_AUTH`, `CRED_ACQ`...) its ids,
 * then from its nested `msg='...'`: op, acct, id, exe, hostname, addr, terminal, res.
 * Skipped against the product (src/parsers/auditd/login-records.ts): `cmd` (only
 * `USER_CMD` has it), the legacy `PAM: ...` op phrase, last-wins for the trusted right-hand
 * fields, canonical IP text for `addr`, and `exe` from a `SYSCALL` for `LOGIN`.
 */
import type { AuditLoginEvent } from '../../../src/events/host.js';
import type { Provenance, TimeBasis } from '../../../src/events/provenance.js';
import { find, idOf, numberOf, seek, stringOf } from './audit-fields.js';
import type { AuditGroup } from './audit-groups.js';

const BASIS: TimeBasis = { year: 'line', zone: 'line' };

/**
 * Builds the login event of a group without a `SYSCALL`.
 *
 * @param g - a complete group
 * @param host - the caller's host
 * @param time - the event's time (epoch milliseconds)
 * @param serial - the event's serial
 * @returns the event, with the product's field set
 * @example
 * ```ts
 * const text = "type=USER_AUTH msg=audit(1.000:5): pid=9 uid=0 auid=4294967295 ses=4294967295 msg='op=PAM:authentication acct=\"bob\" exe=\"/usr/sbin/sshd\" hostname=? addr=192.0.2.1 terminal=ssh res=failed'";
 * const evidence = [{ source: 'audit.log', line: 1, text }];
 * const g = { key: '1.000:5', firstType: 'USER_AUTH', evidence, syscall: undefined, syscallBody: 0 };
 * boundLoginEvent(g, 'bastion-01', 1000, 5).res; // 'failed'
 * ```
 */
export function boundLoginEvent(
  g: AuditGroup,
  host: string,
  time: number,
  serial: number,
): AuditLoginEvent {
  const source = g.evidence[0] as Provenance;
  const text = source.text;
  seek(0);
  const pid = numberOf(text, ' pid=');
  const uid = idOf(text, ' uid=');
  if (g.firstType === 'LOGIN') {
    const oldAuid = idOf(text, ' old-auid=');
    const auid = idOf(text, ' auid=');
    const terminal = stringOf(text, ' tty=', false);
    const oldSes = idOf(text, ' old-ses=');
    const ses = idOf(text, ' ses=');
    return {
      kind: 'audit.login',
      time,
      timeBasis: BASIS,
      host,
      program: 'auditd',
      pid,
      repeat: 1,
      source,
      serial,
      evidence: g.evidence,
      recordType: g.firstType,
      uid,
      auid,
      ses,
      oldAuid,
      oldSes,
      acct: undefined,
      id: undefined,
      exe: undefined,
      hostname: undefined,
      addr: undefined,
      terminal,
      res: resOf(text, find(text, ' res=')),
      op: undefined,
      cmd: undefined,
    };
  }
  const auid = idOf(text, ' auid=');
  const ses = idOf(text, ' ses=');
  // The message's first field follows `msg='` with no space before it.
  const op = stringOf(text, " msg='op=", false);
  const acct = stringOf(text, ' acct=', true);
  const id = idOf(text, ' id=');
  const exe = stringOf(text, ' exe=', true);
  const hostname = stringOf(text, ' hostname=', false);
  const addr = stringOf(text, ' addr=', false);
  const terminal = stringOf(text, ' terminal=', false);
  return {
    kind: 'audit.login',
    time,
    timeBasis: BASIS,
    host,
    program: 'auditd',
    pid,
    repeat: 1,
    source,
    serial,
    evidence: g.evidence,
    recordType: g.firstType,
    uid,
    auid,
    ses,
    oldAuid: undefined,
    oldSes: undefined,
    acct,
    id,
    exe,
    hostname,
    addr,
    terminal,
    res: resOf(text, find(text, ' res=')),
    op,
    cmd: undefined,
  };
}

// `res=success|failed` by its first letter, the kernel's `res=1|0` by its digit.
function resOf(text: string, at: number): 'success' | 'failed' | undefined {
  if (at === -1) return undefined;
  const c = text.charCodeAt(at);
  return c === 115 || c === 49 ? 'success' : c === 102 || c === 48 ? 'failed' : undefined;
}
