import { createLineSplitter, type LineSplitterOptions } from '../parsers/line-splitter.js';
import { openText } from './open-text.js';

/**
 * Reads a text file (plain or gzip) as batches of lines, one batch per 64 KiB or so of text
 * (a plain file is read 256 KiB at a time and decoded 64 KiB at a time). Batches keep per-line
 * overhead low on big files; the lines are the same however the file is read.
 *
 * @param path - File to read; gzip is detected from its content.
 * @param options - The line cap (longer lines are cut so a parser reports them).
 * @returns An async iterable of line batches.
 * @example
 * ```ts
 * for await (const batch of readLineBatches('/var/log/auth.log.2.gz')) console.log(batch.length);
 * ```
 */
export async function* readLineBatches(
  path: string,
  options: LineSplitterOptions = {},
): AsyncIterable<readonly string[]> {
  const splitter = createLineSplitter(options);
  const stream = await openText(path);
  let batch: string[] = [];
  const push = (line: string): void => {
    batch.push(line);
  };
  for await (const chunk of stream) {
    splitter.push(chunk, push);
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  splitter.end(push);
  if (batch.length > 0) yield batch;
}

/**
 * Reads a text file (plain or gzip) line by line, without line terminators.
 *
 * @param path - File to read; gzip is detected from its content.
 * @param options - The line cap (longer lines are cut so a parser reports them).
 * @returns An async iterable of lines.
 * @example
 * ```ts
 * for await (const line of readLines('/var/log/auth.log')) console.log(line);
 * ```
 */
export async function* readLines(
  path: string,
  options: LineSplitterOptions = {},
): AsyncIterable<string> {
  for await (const batch of readLineBatches(path, options)) yield* batch;
}
