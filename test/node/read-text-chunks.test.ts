import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLines } from '../../src/node/read-lines.js';
import { readTextChunks, type TextChunk, textChunks } from '../../src/node/read-text-chunks.js';
import { createLineSplitter } from '../../src/parsers/line-splitter.js';

/** The lines of chunks as documented: split on `\n`, one `\r` dropped before it and at the end. */
function linesOf(chunks: readonly TextChunk[]): string[] {
  const lines: string[] = [];
  for (const { text, lines: count } of chunks) {
    const pieces = text.split('\n');
    if (text.endsWith('\n')) pieces.pop();
    expect(pieces.length).toBe(count);
    for (const p of pieces) lines.push(p.endsWith('\r') ? p.slice(0, -1) : p);
  }
  return lines;
}

async function collect(chunks: AsyncIterable<TextChunk>): Promise<TextChunk[]> {
  const all: TextChunk[] = [];
  for await (const c of chunks) all.push(c);
  return all;
}

async function fileLines(path: string, maxLineLength?: number): Promise<string[]> {
  const options = maxLineLength === undefined ? {} : { maxLineLength };
  const lines: string[] = [];
  for await (const line of readLines(path, options)) lines.push(line);
  return lines;
}

/** Text made of these lines and terminators, with long lines, CRs and non-ASCII units. */
const textArb = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('', '\r', 'é\u{1F600}', 'type=EOE msg=audit(1.000:5):', 'x\ry'),
        fc.nat(90).map((n) => 'L'.repeat(n)),
        fc.nat(90).map((n) => `${'c'.repeat(n)}\r`),
      ),
      fc.constantFrom('\n', '\r\n', '\r\r\n', ''),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.map(([line, end]) => line + end).join(''));

describe('textChunks', () => {
  it('gives the line splitter’s lines, whatever the read pieces and the cap', async () => {
    await fc.assert(
      fc.asyncProperty(
        textArb,
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.constantFrom(1, 2, 5, 17, 64, undefined),
        async (text, cuts, maxLineLength) => {
          const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const reads = [0, ...at].map((from, i) => text.slice(from, at[i] ?? text.length));
          const options = maxLineLength === undefined ? {} : { maxLineLength };
          const expected: string[] = [];
          const splitter = createLineSplitter(options);
          for (const r of reads) splitter.push(r, (l) => expected.push(l));
          splitter.end((l) => expected.push(l));
          const chunks = await collect(textChunks(reads, options));
          expect(linesOf(chunks)).toEqual(expected);
          for (const c of chunks) expect(c.lines).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps a line that ends in `\\r` when cut at the cap', async () => {
    const chunks = await collect(textChunks(['abc\rdefg\n', 'ab\r'], { maxLineLength: 3 }));
    expect(linesOf(chunks)).toEqual(['abc\r', 'ab']);
  });

  it('never holds more than the cap of an endless line', async () => {
    const reads = Array.from({ length: 50 }, () => 'x'.repeat(1000));
    const chunks = await collect(textChunks([...reads, 'y\nz'], { maxLineLength: 10 }));
    expect(chunks).toEqual([
      { text: `${'x'.repeat(11)}\n`, lines: 1 },
      { text: 'z', lines: 1 },
    ]);
  });
});

describe('readTextChunks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sshtrail-chunks-'));

  it('reads the lines readLines reads, plain or gzip, over many read chunks', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      i % 97 === 0 ? 'é'.repeat(i) : i % 89 === 0 ? 'L'.repeat(70_000) : `line ${i}`,
    );
    const text = lines.map((l, i) => l + (i % 3 === 0 ? '\r\n' : '\n')).join('');
    for (const [name, data] of [
      ['plain.log', text],
      ['packed.log', gzipSync(text)],
      ['open-end.log', text.slice(0, -1)],
    ] as const) {
      const path = join(dir, name);
      writeFileSync(path, data);
      const chunks = await collect(readTextChunks(path));
      expect(chunks.length).toBeGreaterThan(2);
      expect(linesOf(chunks)).toEqual(await fileLines(path));
      const capped = await collect(readTextChunks(path, { maxLineLength: 100 }));
      expect(linesOf(capped)).toEqual(await fileLines(path, 100));
    }
  });

  it('yields nothing for an empty file', async () => {
    const path = join(dir, 'empty.log');
    writeFileSync(path, '');
    expect(await collect(readTextChunks(path))).toEqual([]);
  });
});
