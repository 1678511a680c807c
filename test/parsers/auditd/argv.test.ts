import fc from 'fast-check';
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

describe('rebuildArgv on one plain EXECVE record', () => {
  // One record of the plain shape is read without the field scanner; with a second (empty)
  // record the general reader takes both. The arguments must be the same.
  const blank = rec('type=EXECVE msg=audit(1.000:1):');
  const value = fc.oneof(
    fc.constantFrom('?', '"?"', '(null)', '""', '2F746D70', '41424', 'x', '"a b"', '" uid=0 "'),
    // Hex: lower case, non-ASCII, invalid UTF-8, long (the plain reader decodes it in place).
    fc.constantFrom('2f746d70', 'C3A974C3A9', 'FF41', '2F746D702F2F2F2F2F2F2F2F2F2F2F2F2F2F2F'),
    fc.string({ maxLength: 5 }).map((s) => `"${s.replace(/["\u001d]/g, '')}"`),
  );
  const body = fc
    .tuple(
      fc.constantFrom('', ' ', '  '),
      fc.constantFrom('0', '1', '2', '3', '01', '1234567890123456', 'x'),
      fc.array(value, { maxLength: 5 }),
      fc.constantFrom('', ' a0=dup', ' a9=x', ' a1[0]=41', ' a1_len=2', ' argc=1', '"', '\t'),
    )
    .map(([lead, argc, values, tail]) => {
      const args = values.map((v, i) => ` a${i}=${v}`).join('');
      return `${lead}argc=${argc}${args}${tail}`;
    });

  it('gives what the general reader gives', () => {
    fc.assert(
      fc.property(body, (b) => {
        const r = rec(`type=EXECVE msg=audit(1.000:1):${b}`);
        expect(rebuildArgv([r], undefined)).toEqual(rebuildArgv([r, blank], undefined));
      }),
      { numRuns: 2000 },
    );
  });
});
