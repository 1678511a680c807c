import { describe, expect, it } from 'vitest';
import { rebuildArgv } from '../../../src/parsers/auditd/argv.js';
import { type AuditRecord, readRecord } from '../../../src/parsers/auditd/record.js';

function rec(line: string): AuditRecord {
  const r = readRecord(line, { source: 't', line: 1, text: line });
  if ('reason' in r) throw new Error(r.reason);
  return r;
}

describe('rebuildArgv', () => {
  it('decodes a hex argument among quoted ones (plaso sh -c)', () => {
    const e = rec(
      'type=EXECVE msg=audit(1783414661.350:487): argc=3 a0="/bin/sh" a1="-c" a2=67726570202D63202E202F6574632F686F73746E616D65',
    );
    expect(rebuildArgv([e], undefined)).toEqual({
      argv: ['/bin/sh', '-c', 'grep -c . /etc/hostname'],
      truncated: false,
    });
  });

  it('marks argv truncated when argc promises more than was logged', () => {
    const e = rec('type=EXECVE msg=audit(1.000:1): argc=4 a0="ls" a1="-l"');
    expect(rebuildArgv([e], undefined)).toEqual({ argv: ['ls', '-l'], truncated: true });
  });

  it('does not allocate for a huge claimed argc', () => {
    const e = rec('type=EXECVE msg=audit(1.000:1): argc=4294967295 a0="x"');
    expect(rebuildArgv([e], undefined)).toEqual({ argv: ['x'], truncated: true });
  });

  it('splits a hex PROCTITLE on NUL (go-libaudit EXECVE case)', () => {
    const p = rec('type=PROCTITLE msg=audit(1492752522.985:8972): proctitle=756E616D65002D61');
    expect(rebuildArgv([], p)).toEqual({ argv: ['uname', '-a'], truncated: false });
  });

  it('keeps a quoted PROCTITLE as one argument', () => {
    const p = rec('type=PROCTITLE msg=audit(1492752520.441:8832): proctitle="(sshd)"');
    expect(rebuildArgv([], p)).toEqual({ argv: ['(sshd)'], truncated: false });
  });
});
