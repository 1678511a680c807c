import { describe, expect, it } from 'vitest';
import {
  idField,
  numberField,
  parseRadix,
  parseSigned,
  textField,
  tokenize,
} from '../../../src/parsers/auditd/fields.js';

const fieldsOf = (s: string) => tokenize(s, 0, s.length).fields;

describe('tokenize', () => {
  it('reads quoted, unquoted and hex values of a SYSCALL record', () => {
    const f = fieldsOf(
      'arch=c000003e syscall=42 success=no exit=-2 a2=6e auid=1000 tty=pts9 ses=2 comm="ls" exe="/usr/bin/ls" key=(null)',
    );
    expect(textField(f, 'arch', false)).toBe('c000003e');
    expect(numberField(f, 'syscall')).toBe(42);
    expect(parseSigned(textField(f, 'exit', false))).toBe(-2);
    expect(parseRadix(textField(f, 'a2', false), 16)).toBe(110);
    expect(textField(f, 'comm', true)).toBe('ls');
    expect(textField(f, 'key', true)).toBeUndefined();
  });

  it('reads the nested msg of a user-space record as one value', () => {
    const f = fieldsOf(
      'pid=1298 uid=0 auid=4294967295 ses=4294967295 msg=\'op=login acct=28696E76616C6964207573657229 exe="/usr/sbin/sshd" hostname=? addr=179.38.151.221 terminal=sshd res=failed\'',
    );
    expect(idField(f, 'auid')).toBeUndefined();
    const msg = textField(f, 'msg', false) ?? '';
    const inner = fieldsOf(msg);
    expect(textField(inner, 'acct', true)).toBe('(invalid user)');
    expect(textField(inner, 'hostname', false)).toBeUndefined();
    expect(textField(inner, 'res', false)).toBe('failed');
  });

  it('skips bare words and legacy PAM punctuation', () => {
    const f = fieldsOf(
      'PAM: session open acct=root : exe="/usr/sbin/crond" (hostname=?, addr=?, terminal=cron res=success)',
    );
    expect(textField(f, 'acct', true)).toBe('root');
    expect(textField(f, 'addr', false)).toBeUndefined();
    expect(textField(f, 'terminal', false)).toBe('cron');
    expect(textField(f, 'res', false)).toBe('success');
  });

  it('finds ENRICHED fields glued after a value when the 0x1d separator was lost', () => {
    const s = 'exe="/usr/sbin/chronyd" key=(null)ARCH=x86_64 SYSCALL=adjtimex AUID="unset"';
    const t = tokenize(s, 0, s.length);
    expect(textField(t.fields, 'key', true)).toBeUndefined();
    expect(s.slice(t.gluedAt).startsWith('ARCH=x86_64')).toBe(true);
  });

  it('keeps a quoted value that contains =', () => {
    const f = fieldsOf('op="remove_rule" key="key=container-create" list=4 res=1');
    expect(textField(f, 'key', true)).toBe('key=container-create');
    expect(numberField(f, 'list')).toBe(4);
  });

  it('keeps the first of duplicated keys (laurel ptrace sample has uid= twice)', () => {
    expect(numberField(fieldsOf('uid=0 uid=5'), 'uid')).toBe(0);
  });
});

describe('idField', () => {
  it('maps the unset id 4294967295 to undefined and keeps 0', () => {
    const f = fieldsOf('auid=4294967295 uid=0 ses=12');
    expect(idField(f, 'auid')).toBeUndefined();
    expect(idField(f, 'uid')).toBe(0);
    expect(idField(f, 'ses')).toBe(12);
  });
});
