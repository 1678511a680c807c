import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineBytes, TEXT_BYTES_MAX, textBytes } from '../../../src/parsers/auditd/line-bytes.js';
import { type AuditRecord, readRecord, readRecordAt } from '../../../src/parsers/auditd/record.js';
import { auditRecordLines, haveCorpora } from './corpora.js';

/** What `lineBytes` must give, a unit at a time (its general path). */
function expectedBytes(line: string): number[] {
  return [...Array(line.length).keys()].map((i) => {
    const c = line.charCodeAt(i);
    return c < 0x80 ? c : 0xff;
  });
}

/** The header part of a read: what a record's first bytes decide. */
function header(line: string): unknown {
  const r = readRecord(line, { source: 't', line: 1, text: line });
  if ('reason' in r) return r;
  const { type, node, time, serial, key, seconds, fraction, digits, bodyStart } = r;
  return { type, node, time, serial, key, seconds, fraction, digits, bodyStart };
}

describe('lineBytes', () => {
  it('is the code units as bytes (non-ASCII as 0xff), then a 0, whatever came before', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 80 }),
        fc.string({ unit: 'binary', maxLength: 3000 }),
        (line, before) => {
          lineBytes(before);
          const b = lineBytes(line);
          expect([...b.subarray(0, line.length)]).toEqual(expectedBytes(line));
          expect(b[line.length]).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('grows for long lines, ASCII or not', () => {
    for (const line of ['a'.repeat(5000), `${'b'.repeat(9000)}é`, 'c']) {
      const b = lineBytes(line);
      expect(b.length).toBeGreaterThan(line.length);
      expect([...b.subarray(0, line.length)]).toEqual(expectedBytes(line));
      expect(b[line.length]).toBe(0);
    }
  });
});

describe('readRecord reads the same header from either copy of the bytes', () => {
  const lines = auditRecordLines();

  it('over every fixture and corpus record line, ASCII or with non-ASCII text after its header', () => {
    expect(lines.length).toBeGreaterThan(haveCorpora ? 1000 : 100);
    let records = 0;
    for (const line of lines) {
      const r = readRecord(line, { source: 't', line: 1, text: line });
      if ('reason' in r) continue;
      records++;
      const at = (r as AuditRecord).bodyStart;
      // A non-ASCII unit anywhere after the header sends the line through the unit copy.
      for (const variant of [`${line}é`, `${line.slice(0, at)}\u{1F600}${line.slice(at)}`]) {
        expect(header(variant)).toEqual(header(line));
      }
    }
    expect(records).toBeGreaterThan(lines.length / 2);
  });

  it('for mutated headers, and after any other line (no stale byte is read)', () => {
    const seeds = lines.length > 0 ? lines : ['type=EOE msg=audit(1.000:5):'];
    const insert = [
      ' ',
      '=',
      '(',
      ')',
      ':',
      '.',
      '0',
      '9',
      'é',
      '\u0000',
      'type=',
      'msg=audit(',
      'node=n ',
    ];
    const mutated = mutatedLines(seeds, insert, 60, 80, (cut) => Math.max(cut, 1) + 20);
    fc.assert(
      fc.property(mutated, fc.constantFrom(...seeds), (line, before) => {
        lineBytes('');
        const fresh = header(line);
        lineBytes(`${before}${before}`);
        expect(header(line)).toEqual(fresh);
        const tail = header(`${line}é`);
        if (!('reason' in (fresh as object)) && !('reason' in (tail as object))) {
          expect(tail).toEqual(fresh);
        }
      }),
      { numRuns: 2000, seed: 4 },
    );
  });
});

describe('textBytes', () => {
  it('is the units of an ASCII piece as bytes, then a 0; undefined for any other unit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.nat(),
        fc.nat(),
        fc.string({ maxLength: 3000 }),
        (text, a, z, before) => {
          textBytes(before, 0, before.length);
          const start = a % (text.length + 1);
          const end = start + (z % (text.length - start + 1));
          const piece = text.slice(start, end);
          const b = textBytes(text, start, end);
          if (!/^[\u0000-\u007f]*$/.test(piece)) expect(b).toBeUndefined();
          else {
            expect(b).toBeDefined();
            expect([...(b ?? new Uint8Array(0)).subarray(0, piece.length)]).toEqual(
              expectedBytes(piece),
            );
            expect(b?.[piece.length]).toBe(0);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('grows to the largest piece, which is capped', () => {
    const big = 'a'.repeat(TEXT_BYTES_MAX);
    const b = textBytes(big, 0, big.length);
    expect(b?.length).toBeGreaterThan(TEXT_BYTES_MAX);
    expect(b?.length).toBeLessThanOrEqual(2 * TEXT_BYTES_MAX);
    expect(b?.[TEXT_BYTES_MAX]).toBe(0);
  });
});

describe('readRecordAt reads a line inside a chunk’s bytes as readRecord reads it alone', () => {
  const lines = auditRecordLines().filter((l) => /^[\u0020-\u007e\u001d]*$/.test(l));
  const seeds = lines.length > 0 ? lines : ['type=EOE msg=audit(1.000:5):'];
  const insert = [
    ' ',
    '=',
    '(',
    ')',
    ':',
    '.',
    '0',
    '9',
    '\u001d',
    'type=',
    'msg=audit(',
    'node=n ',
  ];
  const lineArb = mutatedLines(seeds, insert, 80, 300, (cut) => cut + 1);

  it('before, between and after other lines, CRLF or not, with its first 0x1d given or not', () => {
    fc.assert(
      fc.property(
        lineArb,
        fc.constantFrom('', 'type=EOE msg=audit(1.000:5):\n', 'x\u001dy\r\n'),
        fc.constantFrom('', '\n', '\r\n', '\r\nnode=a type=EOE msg=audit(2.5:1):'),
        fc.boolean(),
        (line, before, after, known) => {
          const text = before + line + after;
          const b = textBytes(text, 0, text.length);
          expect(b).toBeDefined();
          const gs = line.indexOf('\u001d');
          const firstGs = known ? (gs < 0 ? line.length : gs) : -1;
          const p = { source: 't', line: 1, text: line };
          const got = readRecordAt(line, b ?? new Uint8Array(0), before.length, firstGs, p);
          expect(got).toEqual(readRecord(line, p));
        },
      ),
      { numRuns: 3000, seed: 8 },
    );
  });
});

/** A seed line with up to 3 edits (up to 3 units deleted at a position, a piece inserted),
 * cut to `length(n)` units for a random `n` up to `maxCut`. */
function mutatedLines(
  seeds: readonly string[],
  insert: readonly string[],
  maxPos: number,
  maxCut: number,
  length: (n: number) => number,
): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(fc.tuple(fc.nat(maxPos), fc.nat(3), fc.constantFrom(...insert)), { maxLength: 3 }),
      fc.nat(maxCut),
    )
    .map(([l, muts, n]) => {
      let s = l;
      for (const [pos, del, ins] of muts) {
        const p = Math.min(pos, s.length);
        s = s.slice(0, p) + ins + s.slice(p + del);
      }
      return s.slice(0, length(n));
    });
}
