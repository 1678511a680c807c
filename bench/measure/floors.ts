/**
 * The floors every ratio is quoted against: reading the file and splitting it into line
 * strings, with no parsing. `rawFloor` is plain `fs.createReadStream` + `indexOf('\n')`;
 * the others go through the project's own readers.
 */
import { createReadStream } from 'node:fs';
import type { ReadLineBatches, ReadLines } from './api.js';

/** What one pass over the file produced (consumed, so nothing is optimized away). */
export interface PassOutput {
  /** Lines seen. */
  readonly lines: number;
  /** Sum of line lengths (UTF-16 units), a cheap checksum. */
  readonly checksum: number;
  /** Measurement-specific details (outcome counts, stats...). */
  readonly detail?: Readonly<Record<string, unknown>>;
}

/**
 * Reads `file` with `fs.createReadStream` (utf8, default 64 KiB chunks) and splits lines.
 *
 * @param file - path of a plain-text log
 * @returns line count and checksum
 * @example
 * ```ts
 * const { lines } = await rawFloor('bench/.data/auth.log');
 * ```
 */
export async function rawFloor(file: string): Promise<PassOutput> {
  let lines = 0;
  let checksum = 0;
  let pending = '';
  const stream = createReadStream(file, { encoding: 'utf8' });
  for await (const chunk of stream as AsyncIterable<string>) {
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline !== -1) {
      const line =
        pending.length > 0 ? pending + chunk.slice(start, newline) : chunk.slice(start, newline);
      pending = '';
      lines++;
      checksum += line.length;
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) pending += chunk.slice(start);
  }
  if (pending.length > 0) {
    lines++;
    checksum += pending.length;
  }
  return { lines, checksum };
}

/**
 * Reads `file` with the project's `readLines`.
 *
 * @param readLines - src/node readLines
 * @param file - path of the log
 * @returns line count and checksum
 * @example
 * ```ts
 * await readLinesFloor(api.readLines, file);
 * ```
 */
export async function readLinesFloor(readLines: ReadLines, file: string): Promise<PassOutput> {
  let lines = 0;
  let checksum = 0;
  for await (const line of readLines(file)) {
    lines++;
    checksum += line.length;
  }
  return { lines, checksum };
}

/**
 * Reads `file` with the project's `readLineBatches`.
 *
 * @param readLineBatches - src/node readLineBatches
 * @param file - path of the log
 * @returns line count and checksum
 * @example
 * ```ts
 * await batchesFloor(api.readLineBatches, file);
 * ```
 */
export async function batchesFloor(
  readLineBatches: ReadLineBatches,
  file: string,
): Promise<PassOutput> {
  let lines = 0;
  let checksum = 0;
  for await (const batch of readLineBatches(file)) {
    for (const line of batch) {
      lines++;
      checksum += line.length;
    }
  }
  return { lines, checksum };
}
