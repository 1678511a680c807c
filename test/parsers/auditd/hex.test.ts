import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  byteAt,
  hexSpanToText,
  hexToBytes,
  hexToText,
  isAuditHex,
  utf8,
} from '../../../src/parsers/auditd/hex.js';

const hexOf = (bytes: Uint8Array, lower: boolean): string => {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return lower ? hex : hex.toUpperCase();
};

describe('isAuditHex', () => {
  it.each([
    ['2F7573722F62696E', true],
    ['(null)', false],
    ['ABC', false],
    ['', false],
    ['pts0', false],
  ])('tells %s -> %s', (text, expected) => {
    expect(isAuditHex(text)).toBe(expected);
  });
});

describe('hexToText', () => {
  it('decodes the hex exe of go-libaudit rhel7 (a path with a space)', () => {
    expect(
      hexToText('2F7573722F62696E2F707974686F6E322E373B3538643163636662202864656C6574656429'),
    ).toBe('/usr/bin/python2.7;58d1ccfb (deleted)');
  });

  it('decodes multi-byte UTF-8', () => {
    expect(hexToText('2F746D702FC3A974C3A9')).toBe('/tmp/été');
  });

  it('replaces invalid UTF-8 with U+FFFD instead of throwing', () => {
    expect(hexToText('41FF42C3')).toBe('A\uFFFDB\uFFFD');
  });
});

describe('utf8', () => {
  it('rejects overlong encodings and surrogates', () => {
    expect(utf8(new Uint8Array([0xc0, 0xaf]), 0, 2)).toBe('\uFFFD\uFFFD');
    expect(utf8(new Uint8Array([0xed, 0xa0, 0x80]), 0, 3)).toBe('\uFFFD\uFFFD\uFFFD');
    expect(utf8(new Uint8Array([0xf0, 0x9f, 0x94, 0x91]), 0, 4)).toBe('🔑');
  });

  it('reads a byte range', () => {
    expect(utf8(hexToBytes('0041420043'), 1, 3)).toBe('AB');
  });
});

describe('isAuditHex on any text', () => {
  // Long values are checked by a pattern, short ones by a loop: both are this definition.
  it('is true exactly for a non-empty even run of hex digits', () => {
    const ch = fc.constantFrom('0', '9', 'a', 'f', 'A', 'F', 'g', 'G', ' ', '(', 'z', '\u00e9');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 80 }), (chars) => {
        const text = chars.join('');
        const expected = text.length > 0 && text.length % 2 === 0 && /^[0-9a-fA-F]*$/.test(text);
        expect(isAuditHex(text)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('hexToText on any bytes', () => {
  // ASCII is decoded straight to a string, anything else through utf8: same text.
  it('is utf8 of the bytes, for a whole value and for a span', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.uint8Array({ maxLength: 64, max: 0x7f }),
    );
    fc.assert(
      fc.property(bytes, fc.boolean(), fc.nat(4), (b, lower, pad) => {
        const hex = hexOf(b, lower);
        expect(hexToText(hex)).toBe(utf8(b, 0, b.length));
        const around = `${'0'.repeat(pad)}${hex}zz`;
        expect(hexSpanToText(around, pad, pad + hex.length)).toBe(utf8(b, 0, b.length));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a byte in place as hexToBytes does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.boolean(), (b, lower) => {
        const hex = hexOf(b, lower);
        const all = hexToBytes(hex);
        for (let i = 0; i < b.length; i++) expect(byteAt(hex, 2 * i)).toBe(all[i]);
      }),
    );
  });
});
