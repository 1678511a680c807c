import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSourceParser } from '../../src/parsers/create-source-parser.js';
import { createLineSplitter } from '../../src/parsers/line-splitter.js';
import type { LineOutcome } from '../../src/parsers/outcome.js';
import type { SourceParser } from '../../src/parsers/source-parser.js';
import { auditRecordLines } from './auditd/corpora.js';

// `pushChunk` is the fast path readPlan takes for a whole audit file: these pin that it gives
// what pushing the chunk's lines (a line splitter's, as readLines gives them) one at a time
// gives, `\r` line ends included, so the CLI's output does not depend on the path.

interface Run {
  readonly outcomes: readonly LineOutcome[];
  readonly stats: unknown;
  readonly snapshot: unknown;
}

const options = { source: 'audit.log', format: 'auditd', host: 'h' } as const;

/** The lines a splitter with no cap cuts `text` into (what the chunk contract promises). */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  const splitter = createLineSplitter({ maxLineLength: Number.POSITIVE_INFINITY });
  splitter.push(text, (l) => lines.push(l));
  splitter.end((l) => lines.push(l));
  return lines;
}

function finish(parser: SourceParser, outcomes: LineOutcome[], extra: object = {}): Run {
  const snapshot = parser.snapshot();
  outcomes.push(...parser.flush());
  return { outcomes, stats: { ...parser.stats(), ...extra }, snapshot };
}

function byLine(text: string, maxLineLength: number): Run {
  const parser = createSourceParser({ ...options, maxLineLength });
  const outcomes = splitLines(text).flatMap((l) => [...parser.push(l)]);
  return finish(parser, outcomes);
}

/** Pushes `chunks` (each `[text, lines]`) with pushChunk, restoring from a snapshot at `restoreAt`. */
function byChunk(
  chunks: readonly (readonly [string, number])[],
  maxLineLength: number,
  restoreAt: ReadonlySet<number>,
): Run {
  let parser = createSourceParser({ ...options, maxLineLength });
  const outcomes: LineOutcome[] = [];
  chunks.forEach(([text, lines], k) => {
    if (restoreAt.has(k)) {
      const state = JSON.parse(JSON.stringify(parser.snapshot())) as unknown;
      parser = createSourceParser({ ...options, maxLineLength, state });
    }
    expect(parser.pushChunk).toBeDefined();
    outcomes.push(...(parser.pushChunk?.(text, lines) ?? []));
  });
  return finish(parser, outcomes);
}

const seeds = (() => {
  const lines = auditRecordLines();
  return lines.length > 0 ? lines : ['type=EOE msg=audit(1.000:5):'];
})();

/** A line's text: a record line, maybe with `\r`s added (at its end too), or an odd line. */
const lineArb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...seeds) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...seeds), fc.nat(), fc.constantFrom('\r', '\r\r', ' \r', 'é\r'))
      .map(([l, at, ins]) => {
        const p = at % 2 === 0 ? l.length : at % (l.length + 1);
        return l.slice(0, p) + ins + l.slice(p);
      }),
  },
  { weight: 1, arbitrary: fc.constantFrom('', '\r', ' ', '# c', 'x'.repeat(150), '\u001d') },
);

/** Lines with their ends; the last one may have none (a file's last line). */
const textArb = fc
  .tuple(
    fc.array(fc.tuple(lineArb, fc.constantFrom('\n', '\r\n')), { minLength: 1, maxLength: 40 }),
    fc.boolean(),
  )
  .map(([lines, closed]) => {
    const last = lines.length - 1;
    return lines.map(([l, eol], i) => {
      // An empty last line needs its end to be a line at all.
      const ended = i < last || closed || l.length === 0;
      return ended ? l + eol : l;
    });
  });

describe('SourceParser.pushChunk (auditd)', () => {
  it('gives the outcomes, stats and snapshot of pushing the same lines one at a time', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(65536, 120),
        fc.uniqueArray(fc.nat(10), { maxLength: 2 }),
        (lines, sizes, cap, restoreAt) => {
          const chunks: (readonly [string, number])[] = [];
          for (let i = 0, k = 0; i < lines.length; k++) {
            const part = lines.slice(i, i + (sizes[k % sizes.length] ?? 1));
            chunks.push([part.join(''), part.length]);
            i += part.length;
          }
          const got = byChunk(chunks, cap, new Set(restoreAt));
          expect(got).toEqual(byLine(lines.join(''), cap));
        },
      ),
      { numRuns: 600 },
    );
  });

  it('reads `\\r\\r\\n` and a last `\\r\\r` as the line path does (both `\\r` dropped)', () => {
    const [a = '', b = ''] = seeds;
    for (const text of [`${a}\r\r\n${b}\n`, `${a}\n${b}\r\r`, `${a}\r\n\r\r\n${b}\r\n`]) {
      const lines = splitLines(text).length;
      expect(byChunk([[text, lines]], 65536, new Set())).toEqual(byLine(text, 65536));
    }
    const parser = createSourceParser(options);
    const out = parser.pushChunk?.('x\r\r\ny\r\r', 2) ?? [];
    expect(out.map((o) => o.kind !== 'event' && o.source)).toEqual([
      { source: 'audit.log', line: 1, text: 'x' },
      { source: 'audit.log', line: 2, text: 'y' },
    ]);
  });

  it('numbers the lines of the next push after the chunk', () => {
    const parser = createSourceParser(options);
    parser.pushChunk?.('x\ny\r\nz', 3);
    const [miss] = parser.push('w');
    expect(miss).toMatchObject({ kind: 'malformed', source: { line: 4, text: 'w' } });
    expect(parser.stats()).toMatchObject({ lines: 4, malformed: 4 });
  });

  it('is absent where the format has no faster way than line by line', () => {
    expect(createSourceParser({ source: 'auth.log' }).pushChunk).toBeUndefined();
    expect(createSourceParser({ source: 'z', format: 'zeek' }).pushChunk).toBeUndefined();
  });
});
