import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditEventBase } from '../../../src/events/host.js';
import { canonicalIp } from '../../../src/ip.js';
import {
  decodeValue,
  findField,
  idField,
  numberField,
  type RawField,
  textField,
  tokenize,
} from '../../../src/parsers/auditd/fields.js';
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

function resOf(v: string | undefined): 'success' | 'failed' | undefined {
  if (v === 'success' || v === 'yes' || v === '1') return 'success';
  if (v === 'failed' || v === 'failure' || v === 'no' || v === '0') return 'failed';
  return undefined;
}

/**
 * The reading userLogin replaced (tokenized fields, first wins but for the right-hand end,
 * last wins): its picks must give the same event on any message.
 */
function tokenizedLogin(r: AuditRecord): Record<string, unknown> {
  const outer = tokenize(r.line, r.bodyStart, r.bodyEnd).fields;
  const text = findField(outer, 'msg')?.value ?? '';
  const inner = tokenize(text, 0, text.length).fields;
  const last = (key: string): string | undefined => {
    let f: RawField | undefined;
    for (const x of inner) if (x.key === key) f = x;
    return f === undefined ? undefined : decodeValue(f, false);
  };
  let op = textField(inner, 'op', false);
  if (op === undefined && text.startsWith('PAM:')) {
    const cut = text.indexOf(' acct=');
    op = (cut < 0 ? text : text.slice(0, cut)).trim();
  }
  const addr = last('addr');
  return {
    pid: numberField(outer, 'pid'),
    uid: idField(outer, 'uid'),
    auid: idField(outer, 'auid'),
    ses: idField(outer, 'ses'),
    acct: textField(inner, 'acct', true),
    id: idField(inner, 'id'),
    exe: textField(inner, 'exe', true),
    hostname: last('hostname'),
    addr: addr === undefined ? undefined : canonicalIp(addr),
    terminal: last('terminal'),
    res: resOf(last('res')),
    op,
    cmd: textField(inner, 'cmd', true),
  };
}

describe('userLogin against tokenized fields', () => {
  const value = fc.constantFrom(
    'x',
    '"a b"',
    '"?"',
    '?',
    '(null)',
    '(none)',
    '',
    '6C73',
    '"6C73"',
    '1000',
    '4294967295',
    '10.0.0.1',
    '::ffff:10.0.0.2',
    'success',
    'failed',
    'x)',
    'y,',
    '{ 1 }',
    "'",
    'A=1',
    '(null)ARCH=x86_64',
  );
  const key = fc.constantFrom(
    'op',
    'acct',
    'id',
    'exe',
    'hostname',
    'addr',
    'terminal',
    'res',
    'cmd',
    'pid',
    'uid',
    'grantors',
  );
  const field = fc.oneof(
    fc.tuple(key, value).map(([k, v]) => `${k}=${v}`),
    fc.constantFrom('PAM:session_open', 'PAM:x acct=', ' ', '\t', 'word', 'acct'),
  );
  const message = fc.array(field, { maxLength: 12 }).map((f) => f.join(' '));
  const outerField = fc.oneof(
    fc
      .tuple(fc.constantFrom('pid', 'uid', 'auid', 'ses', 'subj'), value)
      .map(([k, v]) => `${k}=${v}`),
    fc.constant('user'),
  );
  const wrap = fc.constantFrom(
    (m: string) => `msg='${m}'`,
    (m: string) => `msg='${m}`,
    (m: string) => `msg="${m}"`,
    (m: string) => `msg={ ${m} }`,
    (m: string) => `msg=${m}`,
  );
  const tail = fc.constantFrom('', '\u001dUID="root" AUID="bob"', ' junk=1', "'");

  it('reads the same fields on any message (first wins, right-hand end last wins)', () => {
    fc.assert(
      fc.property(
        fc.array(outerField, { maxLength: 5 }),
        fc.array(outerField, { maxLength: 2 }),
        message,
        wrap,
        tail,
        (before, after, m, w, t) => {
          const line = `type=USER_LOGIN msg=audit(1700000000.000:1): ${[...before, w(m), ...after].join(' ')}${t}`;
          const r = rec(line);
          expect(userLogin(r, base)).toMatchObject(tokenizedLogin(r));
        },
      ),
      { numRuns: 3000 },
    );
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
