import { describe, expect, it } from 'vitest';
import type { AuditEventBase } from '../../../src/events/host.js';
import { kernelLogin, userLogin } from '../../../src/parsers/auditd/login-records.js';
import { type AuditRecord, readRecord } from '../../../src/parsers/auditd/record.js';

function rec(line: string): AuditRecord {
  const r = readRecord(line, { source: 't', line: 1, text: line });
  if ('reason' in r) throw new Error(r.reason);
  return r;
}

const base = (pid: number | undefined): AuditEventBase => ({
  time: 0,
  timeBasis: { year: 'line', zone: 'line' },
  host: undefined,
  program: 'auditd',
  pid,
  repeat: 1,
  source: { source: 't', line: 1, text: '' },
  serial: 0,
  evidence: [],
});

describe('userLogin', () => {
  it('reads the sshd USER_LOGIN with the bare "user" word (beats userlogin.log)', () => {
    const r = rec(
      'type=USER_LOGIN msg=audit(1553501549.148:110544844): user pid=374 uid=0 auid=4294967295 ses=4294967295 msg=\'op=login acct="(unknown)" exe="/usr/sbin/sshd" hostname=localhost addr=1.2.3.4 terminal=ssh res=failed\'',
    );
    expect(userLogin(r, base)).toMatchObject({
      kind: 'audit.login',
      recordType: 'USER_LOGIN',
      pid: 374,
      uid: 0,
      auid: undefined,
      ses: undefined,
      acct: '(unknown)',
      hostname: 'localhost',
      addr: '1.2.3.4',
      terminal: 'ssh',
      res: 'failed',
      op: 'login',
    });
  });

  it('reads an ENRICHED sudo USER_ACCT (laurel line-user-acct) ignoring the translations', () => {
    const r = rec(
      'type=USER_ACCT msg=audit(1700000000.000:10): pid=4242 uid=1000 auid=1000 ses=3 subj=unconfined msg=\'op=PAM:accounting grantors=pam_permit acct="root" exe="/usr/bin/sudo" hostname=? addr=? terminal=/dev/pts/1 res=success\'\u001dUID="alice" AUID="alice"',
    );
    expect(userLogin(r, base)).toMatchObject({
      acct: 'root',
      exe: '/usr/bin/sudo',
      addr: undefined,
    });
  });
});

describe('kernelLogin', () => {
  it('reads old and new auid/ses (beats auditlogin.log)', () => {
    const r = rec(
      'type=LOGIN msg=audit(1611244872.857:1414): pid=27681 uid=0 old-auid=4294967295 auid=1000 tty=(none) old-ses=4294967295 ses=58 res=1',
    );
    expect(kernelLogin(r, undefined, base)).toMatchObject({
      pid: 27681,
      oldAuid: undefined,
      auid: 1000,
      oldSes: undefined,
      ses: 58,
      terminal: undefined,
      res: 'success',
      exe: undefined,
    });
  });
});
