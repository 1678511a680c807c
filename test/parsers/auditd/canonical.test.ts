import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  pickShaped,
  readCwd,
  readPath,
  readSyscall,
  SOCKADDR_SHAPE,
} from '../../../src/parsers/auditd/canonical.js';
import {
  valueId,
  valueNumber,
  valuesOf,
  valueText,
} from '../../../src/parsers/auditd/field-values.js';
import { CWD_KEYS, PATH_KEYS, SYSCALL_KEYS } from '../../../src/parsers/auditd/keys.js';
import {
  PATH_BODY,
  SYSCALL_HEAD,
  SYSCALL_IDS,
  SYSCALL_TAIL,
} from '../../../src/parsers/auditd/patterns.js';
import {
  type Picked,
  pick,
  pickedId,
  pickedNumber,
  pickedText,
} from '../../../src/parsers/auditd/pick.js';
import type { KeyTable } from '../../../src/parsers/auditd/scan.js';

// pickShaped, readSyscall and readPath must give exactly what the field scanner gives, on
// any body: canonical ones (read by the patterns), near-canonical ones (one character
// inserted, dropped or replaced) and anything else (the fallback).

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

// Bodies as the kernel writes them, so the patterns (the fast path) read them: unquoted
// values where the kernel never quotes, quoted or unquoted ones where it may (with insides
// that an unquoted reading would decode or drop), the markers where the kernel writes them.
const bare = fc.oneof(
  plain,
  fc.constantFrom('0', '-1', '4294967295', '2F746D70', 'ABCD', '?', 'c000003e', '0100755'),
);
const kernelQuoted = fc
  .oneof(
    plain,
    fc.constantFrom(
      '',
      '?',
      '(null)',
      '(none)',
      '2F746D70',
      'ABCD',
      ' uid=0 ',
      "a'b",
      '{x}',
      'A=1',
    ),
  )
  .map((inside) => `"${inside}"`);
const KERNEL_VALUES: Readonly<Record<string, fc.Arbitrary<string>>> = {
  tty: fc.oneof(bare, fc.constant('(none)')),
  comm: fc.oneof(bare, kernelQuoted),
  exe: fc.oneof(bare, kernelQuoted),
  key: fc.oneof(bare, kernelQuoted, fc.constant('(null)')),
  name: fc.oneof(bare, kernelQuoted, fc.constant('(null)')),
};

function kernelBody(keys: readonly string[], tails: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom('', ' ', '  '),
      fc.tuple(
        ...keys.map((k) => fc.tuple(KERNEL_VALUES[k.replace('?', '')] ?? bare, fc.boolean())),
      ),
      fc.constantFrom(...tails),
    )
    .map(([lead, values, tail]) => {
      const fields = keys.flatMap((k, i) => {
        const [v, present] = values[i] ?? ['x', true];
        return k.endsWith('?') && !present ? [] : [`${k.replace('?', '')}=${v}`];
      });
      return lead + fields.join(' ') + tail;
    });
}

const KERNEL_SYSCALL = kernelBody(SYSCALL, ['', '\u001dARCH=x86_64 SYSCALL=openat']);
const KERNEL_PATH = kernelBody(PATH, ['', ' cap_fp=0 cap_fi=0', '\tx', '\u001dOUID="root"']);

/** Where the fields of a line made of `head` and a body end (the `0x1d`, or the end). */
function endOf(line: string, head: string): number {
  const gs = line.indexOf('\u001d', head.length);
  return gs < 0 ? line.length : gs;
}

/** Whether the patterns read the whole body: the readers' fast path. */
function syscallShaped(line: string, start: number, end: number): boolean {
  let at = start;
  for (const part of [SYSCALL_HEAD, SYSCALL_IDS, SYSCALL_TAIL]) {
    part.lastIndex = at;
    if (!part.test(line)) return false;
    at = part.lastIndex;
  }
  return at === end;
}

function pathShaped(line: string, start: number, end: number): boolean {
  PATH_BODY.lastIndex = start;
  if (!PATH_BODY.test(line)) return false;
  const at = PATH_BODY.lastIndex;
  return at === end || (at < end && /[ \t]/.test(line.charAt(at)));
}

/** Runs `check` on generated bodies of `keys` (with a record header or not) and their ends. */
function onBodies(
  keys: readonly string[],
  check: (line: string, start: number, end: number, stopEarly: boolean) => void,
  kernel?: fc.Arbitrary<string>,
): void {
  const any = fc.oneof(body(keys), mutate(body(keys)));
  fc.assert(
    fc.property(
      kernel === undefined ? any : fc.oneof(any, kernel, mutate(kernel)),
      fc.constantFrom('type=X msg=audit(1.000:1):', ''),
      fc.boolean(),
      (b, head, stopEarly) => {
        const line = head + b;
        const gs = line.indexOf('\u001d', head.length);
        check(line, head.length, gs < 0 ? line.length : gs, stopEarly);
      },
    ),
    { numRuns: 2000 },
  );
}

describe('pickShaped', () => {
  it('reads SOCKADDR bodies exactly as the field scanner does', () => {
    onBodies(['saddr'], (line, start, end, stopEarly) => {
      expect(pickShaped(line, start, end, stopEarly, SOCKADDR_SHAPE)).toEqual(
        pick(line, start, end, SOCKADDR_SHAPE.table, stopEarly),
      );
    });
  });
});

/** Every value reader gives, for every key, what the picked readers give. */
function expectSameReads(
  values: ReturnType<typeof valuesOf>,
  picked: Picked,
  table: KeyTable,
): void {
  for (let k = 0; k < table.keys.length; k++) {
    expect(valueText(values, k, true)).toBe(pickedText(picked, k, true));
    expect(valueText(values, k, false)).toBe(pickedText(picked, k, false));
    expect(valueNumber(values, k)).toBe(pickedNumber(picked, k));
    expect(valueId(values, k)).toBe(pickedId(picked, k));
  }
}

describe('readSyscall', () => {
  it('reads SYSCALL bodies exactly as the field scanner does', () => {
    onBodies(
      SYSCALL,
      (line, start, end, stopEarly) => {
        const picked = pick(line, start, end, SYSCALL_KEYS, stopEarly);
        const values = readSyscall(line, start, end, stopEarly);
        expect(values).toEqual(valuesOf(picked));
        expectSameReads(values, picked, SYSCALL_KEYS);
      },
      KERNEL_SYSCALL,
    );
  });

  it('reads kernel-written bodies with its patterns', () => {
    fc.assert(
      fc.property(
        KERNEL_SYSCALL,
        fc.constantFrom('type=SYSCALL msg=audit(1.000:1):', ''),
        (b, head) => {
          const line = head + b;
          expect(syscallShaped(line, head.length, endOf(line, head))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('readPath', () => {
  it('reads PATH bodies exactly as the field scanner does', () => {
    onBodies(
      PATH,
      (line, start, end) => {
        const picked = pick(line, start, end, PATH_KEYS, true);
        const values = readPath(line, start, end);
        expect(values).toEqual(valuesOf(picked));
        expectSameReads(values, picked, PATH_KEYS);
      },
      KERNEL_PATH,
    );
  });

  it('reads kernel-written bodies with its patterns', () => {
    fc.assert(
      fc.property(KERNEL_PATH, fc.constantFrom('type=PATH msg=audit(1.000:1):', ''), (b, head) => {
        const line = head + b;
        expect(pathShaped(line, head.length, endOf(line, head))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('readCwd', () => {
  const kernel = fc
    .tuple(
      fc.constantFrom('', ' ', '  ', '\t', ' \t'),
      fc.oneof(bare, kernelQuoted, fc.constantFrom('"', '"/a b', '"?"', '""')),
      fc.constantFrom('', ' x=1', '"', '\u001dCWD="/"', ' cwd="/other"'),
    )
    .map(([lead, v, tail]) => `${lead}cwd=${v}${tail}`);

  it('reads CWD bodies exactly as the field scanner does', () => {
    onBodies(
      ['cwd'],
      (line, start, end) => {
        expect(readCwd(line, start, end)).toBe(
          pickedText(pick(line, start, end, CWD_KEYS, true), 0, true),
        );
      },
      kernel,
    );
  });
});
