import { describe, expect, it } from 'vitest';
import { hexToBytes, hexToText, isAuditHex, utf8 } from '../../../src/parsers/auditd/hex.js';

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
