import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readLines } from '../../src/node/read-lines.js';

async function collect(path: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readLines(path)) lines.push(line);
  return lines;
}

describe('readLines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sshtrail-read-'));

  it('reads plain text lines', async () => {
    const path = join(dir, 'auth.log');
    writeFileSync(path, 'one\ntwo\r\nthree');
    expect(await collect(path)).toEqual(['one', 'two', 'three']);
  });

  it('gunzips by content, whatever the file name', async () => {
    const path = join(dir, 'auth.log.2');
    writeFileSync(path, gzipSync('a\nb\n'));
    expect(await collect(path)).toEqual(['a', 'b']);
  });

  it.runIf(existsSync('/proc/self/fd'))(
    'closes a gzip file when the reader stops early',
    async () => {
      const path = join(dir, 'early.log.gz');
      writeFileSync(path, gzipSync('a\nb\nc\n'.repeat(50_000)));
      const open = (): number => readdirSync('/proc/self/fd').length;
      const before = open();
      for (let i = 0; i < 20; i++) {
        for await (const line of readLines(path)) {
          expect(line).toBe('a');
          break;
        }
      }
      // Closing is asynchronous: give the destroyed streams a turn.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(open()).toBeLessThanOrEqual(before + 1);
    },
  );

  it('names the file when a gzip file is truncated', async () => {
    const whole = gzipSync('a\n'.repeat(100_000));
    const path = join(dir, 'cut.log.gz');
    writeFileSync(path, whole.subarray(0, whole.length >> 1));
    await expect(collect(path)).rejects.toThrow(`${path}: gzip: unexpected end of file`);
  });

  it('turns invalid UTF-8 into replacement characters instead of failing', async () => {
    const path = join(dir, 'bad.log');
    writeFileSync(path, Buffer.from([0x61, 0xff, 0xfe, 0x0a, 0x62]));
    expect(await collect(path)).toEqual(['a\uFFFD\uFFFD', 'b']);
  });

  it('keeps multi-byte characters split across read chunks intact', async () => {
    const path = join(dir, 'utf8.log');
    const lines = Array.from({ length: 400 }, (_, i) => `${i}${'é€'.repeat(500)}`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    expect(await collect(path)).toEqual(lines);
  });
});
