import { describe, expect, it } from 'vitest';
import { decodeZeekEscapes, parseZeekTime } from '../../../src/parsers/zeek/index.js';

describe('parseZeekTime', () => {
  it.each([
    ['1521911799.739898', 1521911799739.898],
    [1521911799.739898, 1521911799739.898],
    ['2018-03-24T17:16:39.739898Z', 1521911799739.898],
    ['2018-03-24T19:16:39.739898+02:00', 1521911799739.898],
    ['2018-03-24T17:16:39Z', 1521911799000],
    [1521911799739, 1521911799739],
    ['1969-12-31T23:59:59.600000Z', -400],
  ] as const)('reads %s', (value, expected) => {
    expect(parseZeekTime(value)).toBe(expected);
  });

  it.each(['XXXXXXXXXX.XXXXXX', '', '-', '2018-13-24T17:16:39Z', 'now', Number.NaN, null, {}])(
    'rejects %s',
    (value) => {
      expect(parseZeekTime(value)).toBeUndefined();
    },
  );
});

describe('decodeZeekEscapes', () => {
  it('decodes separators, UTF-8 runs and keeps invalid bytes as code points', () => {
    expect(decodeZeekEscapes('fa\\x7c\\x7cure')).toBe('fa||ure');
    expect(decodeZeekEscapes('caf\\xc3\\xa9')).toBe('café');
    expect(decodeZeekEscapes('bad\\xff\\x41')).toBe('bad\u00ffA');
    expect(decodeZeekEscapes('\\x4')).toBe('\\x4');
    expect(decodeZeekEscapes('plain')).toBe('plain');
  });
});
