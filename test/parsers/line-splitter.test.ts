import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineSplitter } from '../../src/parsers/line-splitter.js';
import { cutText } from '../arbitraries/cut-text.js';

function splitAll(chunks: readonly string[], maxLineLength?: number): string[] {
  const lines: string[] = [];
  const splitter = createLineSplitter(maxLineLength === undefined ? {} : { maxLineLength });
  for (const chunk of chunks) splitter.push(chunk, (l) => lines.push(l));
  splitter.end((l) => lines.push(l));
  return lines;
}

describe('createLineSplitter', () => {
  it('splits on LF and CRLF and keeps a last line without terminator', () => {
    expect(splitAll(['a\r\nb\n', 'c'])).toEqual(['a', 'b', 'c']);
  });

  it('keeps empty lines so line numbers match the file', () => {
    expect(splitAll(['a\n\nb\n'])).toEqual(['a', '', 'b']);
  });

  it('handles a CRLF split across two chunks', () => {
    expect(splitAll(['a\r', '\nb'])).toEqual(['a', 'b']);
  });

  it('cuts a line over the cap to cap + 1 units so a parser can report it', () => {
    const lines = splitAll(['x'.repeat(50), 'y'.repeat(50), '\nok\n'], 10);
    expect(lines).toEqual(['x'.repeat(11), 'ok']);
  });

  it('gives the same lines however the text is chunked', () => {
    const text = fc.stringMatching(/^[a-c\r\n]{0,60}$/);
    fc.assert(
      fc.property(
        text,
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.integer({ min: 1, max: 8 }),
        (t, cuts, cap) => {
          expect(splitAll(cutText(t, cuts), cap)).toEqual(splitAll([t], cap));
        },
      ),
    );
  });

  it('matches a plain split: LF ends a line, one CR before it is dropped, long lines are cut', () => {
    const reference = (t: string, cap: number): string[] => {
      const keep = cap + 1;
      const pieces = t.split('\n');
      const last = pieces.pop() ?? '';
      if (last.length > 0) pieces.push(last);
      return pieces.map((l) =>
        l.length > keep ? l.slice(0, keep) : l.endsWith('\r') ? l.slice(0, -1) : l,
      );
    };
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-c\r\n]{0,60}$/),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.integer({ min: 1, max: 8 }),
        (t, cuts, cap) => {
          expect(splitAll(cutText(t, cuts), cap)).toEqual(reference(t, cap));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
