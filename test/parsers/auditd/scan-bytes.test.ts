import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawField } from '../../../src/parsers/auditd/fields.js';
import { LOGIN_KEYS, PATH_KEYS, SYSCALL_KEYS } from '../../../src/parsers/auditd/keys.js';
import { type KeyTable, keyTable, scanFields } from '../../../src/parsers/auditd/scan.js';
import { auditRecordLines } from './corpora.js';
import { scanFieldsByChars } from './scan-oracle.js';

const TABLES: readonly (KeyTable | undefined)[] = [
  undefined,
  SYSCALL_KEYS,
  PATH_KEYS,
  LOGIN_KEYS,
  keyTable(['op', 'acct', 'id', 'exe', 'hostname', 'addr', 'terminal', 'res', 'cmd', 'msg']),
  keyTable(['a', 'ab', 'ba', 'pid', 'ARCH', 'SYSCALL']),
];

/** Every sink mode of both scanners over `text[start, end)`, as comparable data. */
function agree(text: string, start: number, end: number): void {
  for (const table of TABLES) {
    const run = (scan: typeof scanFields) => {
      const fields: RawField[] = [];
      const all = scan(text, start, end, table, { fields, spans: undefined, stopEarly: false });
      const modes = [false, true].map((stopEarly) => {
        const spans = table === undefined ? undefined : table.noSpans.slice();
        return [scan(text, start, end, table, { fields: undefined, spans, stopEarly }), spans];
      });
      return { all, fields, modes };
    };
    expect(run(scanFields)).toEqual(run(scanFieldsByChars));
  }
}

describe('the byte field scanner reads what the character scanner read', () => {
  const lines = auditRecordLines();

  it('over every fixture and corpus record line, its nested msg, cut, and with non-ASCII text', () => {
    expect(lines.length).toBeGreaterThan(100);
    for (const line of lines) {
      const body = line.indexOf('): ') + 3;
      agree(line, 0, line.length);
      agree(line, body, line.length);
      agree(line, body, Math.max(body, line.length - 7));
      // Non-ASCII after the scanned range, then inside it: the unit copy of the bytes.
      agree(`${line}é`, body, line.length);
      agree(`${line.slice(0, body + 9)}\u{1F600}é${line.slice(body + 9)}`, body, line.length + 3);
      const msg = line.indexOf("msg='");
      if (msg >= 0) {
        const inner = line.slice(msg + 5, line.lastIndexOf("'"));
        agree(inner, 0, inner.length);
      }
    }
  });

  it('over generated fields with hostile characters, any range', () => {
    const token = fc.constantFrom(
      ' ',
      '\t',
      '=',
      '"',
      "'",
      '{',
      '}',
      '(',
      ')',
      ',',
      '\u001d',
      'a',
      'ab',
      'ba',
      'pid',
      'uid',
      'ARCH',
      'SYSCALL',
      'msg',
      'exe',
      'acct',
      '0',
      '42',
      'é',
      '\u0101',
      '\u{1F600}',
      '\u0000',
      'x_Y-',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), fc.nat(), fc.nat(), (parts, a, b) => {
        const text = parts.join('');
        const n = text.length + 1;
        const start = Math.min(a % n, b % n);
        agree(text, start, Math.max(a % n, b % n));
      }),
      { numRuns: 3000, seed: 9 },
    );
  });
});
