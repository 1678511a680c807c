/**
 * Writes an endless line source to disk in bounded chunks, through a temporary file
 * renamed when complete, so a 10M-line corpus never sits in memory.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';

const CHUNK_LINES = 16_384;

/**
 * Writes exactly `count` lines from `next` (each followed by `\n`) to `path`.
 *
 * @param path - output file
 * @param next - line source
 * @param count - number of lines
 * @param onProgress - called about every million lines
 * @returns bytes written
 * @example
 * ```ts
 * const bytes = writeLineFile('/tmp/x.log', () => 'a', 3); // 6
 * ```
 */
export function writeLineFile(
  path: string,
  next: () => string,
  count: number,
  onProgress?: (linesWritten: number) => void,
): number {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  let bytes = 0;
  try {
    const chunk: string[] = [];
    for (let written = 0; written < count; ) {
      const n = Math.min(CHUNK_LINES, count - written);
      chunk.length = 0;
      for (let i = 0; i < n; i++) chunk.push(next());
      chunk.push('');
      bytes += writeSync(fd, chunk.join('\n'));
      const before = written;
      written += n;
      if (onProgress && Math.floor(written / 1e6) > Math.floor(before / 1e6)) onProgress(written);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return bytes;
}
