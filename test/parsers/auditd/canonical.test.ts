import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BodyShape,
  PATH_SHAPE,
  pickShaped,
  SOCKADDR_SHAPE,
  SYSCALL_SHAPE,
} from '../../../src/parsers/auditd/canonical.js';
import { pick } from '../../../src/parsers/auditd/pick.js';

// pickShaped must give exactly what the field scanner gives, on any body: canonical ones
// (read by the patterns), near-canonical ones (one character inserted, dropped or
// replaced) and anything else (the fallback).

const special = fc.constantFrom(
  ' ',
  '  ',
  '\t',
  '"',
  "'",
  '=',
  '{',
  '}',
  ',',
  '(',
  ')',
  '\u001d',
  'A=',
  'Z',
);
const plain = fc.stringMatching(/^[a-zA-Z0-9:/._-]{1,8}$/);
const unquoted = fc.oneof(
  plain,
  fc.constantFrom('(none)', '(null)', '0', '4294967295', '2F746D70'),
);
const quoted = fc
  .array(fc.oneof(plain, special, fc.constantFrom(' uid=0 ', ' key=x', "'")), { maxLength: 4 })
  .map((parts) => `"${parts.join('').replace(/["\u001d]/g, '')}"`);
const value = fc.oneof(unquoted, quoted);

function body(keys: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom('', ' ', '  '),
      fc.array(fc.tuple(value, fc.boolean()), { minLength: keys.length, maxLength: keys.length }),
      fc.constantFrom(
        '',
        ' cap_fp=0',
        '\tx',
        '\u001dARCH=x86_64',
        ' z=1\u001dSYSCALL=x',
        '"',
        'X=1',
      ),
    )
    .map(([lead, values, tail]) => {
      const fields = keys.flatMap((k, i) => {
        const [v, present] = values[i] ?? ['x', true];
        const name = k.replace('?', '');
        return k.endsWith('?') && !present ? [] : [`${name}=${v}`];
      });
      return lead + fields.join(' ') + tail;
    });
}

function mutate(a: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(a, fc.nat(), fc.nat({ max: 2 }), special).map(([b, at, op, ch]) => {
    const i = at % (b.length + 1);
    if (op === 0) return b.slice(0, i) + ch + b.slice(i);
    if (op === 1) return b.slice(0, i) + b.slice(i + 1);
    return b.slice(0, i) + ch + b.slice(i + 1);
  });
}

const SYSCALL = [
  'arch',
  'syscall',
  'per?',
  'success',
  'exit',
  'a0',
  'a1',
  'a2',
  'a3',
  'items',
  'ppid',
  'pid',
  'auid',
  'uid',
  'gid',
  'euid',
  'suid',
  'fsuid',
  'egid',
  'sgid',
  'fsgid',
  'tty',
  'ses',
  'comm',
  'exe',
  'subj?',
  'key',
];
const PATH = ['item', 'name', 'inode', 'dev', 'mode', 'ouid', 'ogid', 'rdev', 'obj?', 'nametype'];

const cases: readonly (readonly [string, BodyShape, readonly string[]])[] = [
  ['SYSCALL', SYSCALL_SHAPE, SYSCALL],
  ['PATH', PATH_SHAPE, PATH],
  ['SOCKADDR', SOCKADDR_SHAPE, ['saddr']],
];

describe('pickShaped', () => {
  it.each(cases)('reads %s bodies exactly as the field scanner does', (_name, shape, keys) => {
    fc.assert(
      fc.property(
        fc.oneof(body(keys), mutate(body(keys))),
        fc.constantFrom('type=X msg=audit(1.000:1):', ''),
        fc.boolean(),
        (b, head, stopEarly) => {
          const line = head + b;
          const gs = line.indexOf('\u001d', head.length);
          const end = gs < 0 ? line.length : gs;
          expect(pickShaped(line, head.length, end, stopEarly, shape)).toEqual(
            pick(line, head.length, end, shape.table, stopEarly),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
