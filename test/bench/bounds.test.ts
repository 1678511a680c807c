import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAuthLog } from '../../bench/generate/write-file.js';
import { type BoundFields, newFields } from '../../bench/measure/bounds/bound-event.js';
import { readByteLines } from '../../bench/measure/bounds/byte-lines.js';
import { createPidTable } from '../../bench/measure/bounds/pid-table.js';
import { readFieldsFromBytes } from '../../bench/measure/bounds/read-bytes.js';
import { readFieldsFromString } from '../../bench/measure/bounds/read-strings.js';
import { readLineBatches } from '../../src/node/index.js';

// The bounds are only worth quoting if they read what a parser must read: the same lines as the
// floor's reader, and the same fields from bytes as from strings.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sshtrail-bounds-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function floorLines(path: string): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of readLineBatches(path)) out.push(...batch);
  return out;
}

async function byteLines(path: string): Promise<{ lines: string[]; ascii: boolean[] }> {
  const lines: string[] = [];
  const ascii: boolean[] = [];
  await readByteLines(path, (line, bytes, start) => {
    lines.push(line);
    ascii.push(bytes !== null);
    if (bytes !== null) {
      expect(Buffer.from(bytes.subarray(start, start + line.length)).toString('latin1')).toBe(line);
    }
  });
  return { lines, ascii };
}

describe('readByteLines', () => {
  it('cuts the same lines as readLineBatches across 64 KiB chunks', async () => {
    const path = join(dir, 'gen.log');
    writeAuthLog(path, { seed: 3, lines: 20_000 });
    const got = await byteLines(path);
    expect(got.lines).toEqual(await floorLines(path));
    expect(got.ascii.every(Boolean)).toBe(true);
  });

  it('keeps empty lines and an unterminated last line, and gives no bytes for non-ASCII', async () => {
    const path = join(dir, 'edge.log');
    const [y, x] = ['y'.repeat(50_000), 'x'.repeat(30_000)]; // x crosses the 64 KiB read
    writeFileSync(path, `a\n\n${y}\n${x}\nnaïve\n\nlast`);
    const got = await byteLines(path);
    expect(got.lines).toEqual(await floorLines(path));
    expect(got.lines).toEqual(['a', '', y, x, 'naïve', '', 'last']);
    expect(got.ascii[4]).toBe(false);
  });
});

describe('field readers', () => {
  it('read the same fields from bytes as from strings on every generated line', async () => {
    const path = join(dir, 'fields.log');
    writeAuthLog(path, { seed: 5, lines: 5_000 });
    const fromStrings: BoundFields[] = [];
    const fromBytes: BoundFields[] = [];
    let n = 0;
    for (const line of await floorLines(path)) {
      const f = newFields();
      readFieldsFromString(line, ++n, f);
      fromStrings.push(f);
    }
    n = 0;
    await readByteLines(path, (line, bytes, start) => {
      const f = newFields();
      if (bytes !== null) readFieldsFromBytes(line, bytes, start, ++n, f);
      fromBytes.push(f);
    });
    expect(fromBytes).toEqual(fromStrings);
    const sample = fromStrings.find((f) => f.port > 0);
    expect(sample?.host).toMatch(/^[a-z]+-\d+$|^db-legacy$/);
    expect(sample?.peer).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('never read past a short or shapeless line', () => {
    const f = newFields();
    for (const line of [
      '',
      'x',
      '2024',
      'Mar  1 00:00:21 h',
      '2024-03-01T00:00:16 h p[',
      ' port ',
    ]) {
      const bytes = new TextEncoder().encode(`##${line}##`);
      expect(() => readFieldsFromBytes(line, bytes, 2, 1, f)).not.toThrow();
      expect(() => readFieldsFromString(line, 1, f)).not.toThrow();
    }
  });
});

describe('createPidTable', () => {
  it('counts lines per host and pid, and evicts the oldest pid past its cap', () => {
    const table = createPidTable();
    expect(table.touch('a', 1, 1)).toBe(1);
    expect(table.touch('a', 1, 2)).toBe(2);
    expect(table.touch('b', 1, 3)).toBe(1);
    for (let pid = 2; pid <= 4097; pid++) table.touch('a', pid, pid);
    expect(table.touch('a', 1, 9999)).toBe(1);
    expect(table.touch('a', 4097, 10_000)).toBe(2);
  });
});
