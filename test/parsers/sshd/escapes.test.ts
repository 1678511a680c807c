import { describe, expect, it } from 'vitest';
import { decodeSshdEscapes } from '../../../src/parsers/sshd/index.js';

describe('decodeSshdEscapes', () => {
  it.each([
    ['ren\\303\\251', 'rené'],
    ['\\346\\227\\245\\346\\234\\254', '日本'],
    ['a\\\\b', 'a\\b'],
    ['tab\\there', 'tab\there'],
    ['new\\nline', 'new\nline'],
    ['bell\\007', 'bell\u0007'],
    ['plain text', 'plain text'],
  ])('decodes %s', (raw, shown) => {
    expect(decodeSshdEscapes(raw)).toBe(shown);
  });

  it('keeps invalid UTF-8 bytes escaped instead of inventing characters', () => {
    expect(decodeSshdEscapes('bad\\377\\376x')).toBe('bad\\377\\376x');
    expect(decodeSshdEscapes('half\\303')).toBe('half\\303');
  });

  it('leaves a lone trailing backslash alone', () => {
    expect(decodeSshdEscapes('end\\')).toBe('end\\');
  });
});
