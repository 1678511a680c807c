import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawField } from '../../../src/parsers/auditd/fields.js';
import { LOGIN_KEYS, PATH_KEYS, SYSCALL_KEYS } from '../../../src/parsers/auditd/keys.js';
import { lineBytes } from '../../../src/parsers/auditd/line-bytes.js';
import {
  type KeyTable,
  keyTable,
  SPAN_ABSENT,
  SPAN_BRACED,
  scanFields,
} from '../../../src/parsers/auditd/scan.js';
import { auditRecordLines } from './corpora.js';
import { scanFieldsByChars } from './scan-oracle.js';

const TABLES: readonly (KeyTable | undefined)[] = [
  undefined,
  SYSCALL_KEYS,
  PATH_KEYS,
  LOGIN_KEYS,
  keyTable(['op', 'acct', 'id', 'exe', 'hostname', 'addr', 'terminal', 'res', 'cmd', 'msg']),
  keyTable(['a', 'ab', 'ba', 'pid', 'ARCH', 'SYSCALL']),
  keyTable(
    ['op', 'acct', 'id', 'exe', 'hostname', 'addr', 'terminal', 'res', 'cmd', 'pid', 'ab'],
    ['hostname', 'addr', 'terminal', 'res', 'ab'],
  ),
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
    // The caller's copy of the bytes reads the same.
    const spans = table === undefined ? undefined : table.noSpans.slice();
    const given = table === undefined ? undefined : table.noSpans.slice();
    const sink = (s: number[] | undefined) => ({ fields: undefined, spans: s, stopEarly: false });
    expect(scanFields(text, start, end, table, sink(given), lineBytes(text))).toBe(
      scanFields(text, start, end, table, sink(spans)),
    );
    expect(given).toEqual(spans);
    if (table !== undefined && spans !== undefined) lastWinsAgree(text, start, end, table, spans);
  }
}

/** Picked spans hold each wanted key's first field, or its last for last-wins keys. */
function lastWinsAgree(
  text: string,
  start: number,
  end: number,
  table: KeyTable,
  spans: readonly number[],
): void {
  const fields: RawField[] = [];
  scanFields(text, start, end, table, { fields, spans: undefined, stopEarly: false });
  table.keys.forEach((key, k) => {
    const all = fields.filter((f) => f.key === key);
    const want = table.lastWins[k] === true ? all[all.length - 1] : all[0];
    const how = spans[3 * k + 2];
    const raw = text.slice(spans[3 * k] ?? 0, spans[3 * k + 1] ?? 0);
    expect(how === SPAN_ABSENT ? undefined : how === SPAN_BRACED ? raw.trim() : raw).toBe(
      want?.value,
    );
  });
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
