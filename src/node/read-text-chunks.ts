import { DEFAULT_MAX_LINE_LENGTH, type LineSplitterOptions } from '../parsers/line-splitter.js';
import { openText } from './open-text.js';

/**
 * Whole lines of a text file, as one string: what {@link readTextChunks} yields.
 *
 * @example
 * ```ts
 * const chunk: TextChunk = { text: 'a\nb\r\n', lines: 2 };
 * ```
 */
export interface TextChunk {
  /**
   * The lines, each followed by `\n` (or `\r\n`), the file's last line possibly by nothing.
   * Split on `\n`, with one `\r` dropped before each `\n` and at the end, they are
   * {@link readLines}'s lines, cut at the same cap.
   */
  readonly text: string;
  /** How many lines `text` holds (at least 1), to number the next chunk's first line. */
  readonly lines: number;
}

/** `line` followed by a terminator that gives it back whole (a line ending in `\r` keeps it). */
function terminated(line: string): string {
  return line.charCodeAt(line.length - 1) === 13 ? `${line}\r\n` : `${line}\n`;
}

/**
 * Reads a text file (plain or gzip) as chunks of whole lines, one per 64 KiB or so, with no
 * string per line: for consumers that take many lines at once, like
 * `AuditAssembler.push`. The lines are {@link readLines}'s (the same line cap; a longer
 * line is cut and the rest skipped without being buffered); a line that a 64 KiB boundary
 * splits is yielded whole, in a chunk of its own.
 *
 * @param path - File to read; gzip is detected from its content.
 * @param options - The line cap.
 * @returns An async iterable of chunks.
 * @example
 * ```ts
 * const audit = createAuditAssembler({ host: 'bastion' });
 * let line = 1;
 * for await (const chunk of readTextChunks('/var/log/audit/audit.log')) {
 *   for (const r of audit.push(chunk.text, { source: 'audit.log', line })) console.log(r.kind);
 *   line += chunk.lines;
 * }
 * for (const r of audit.flush()) console.log(r.kind); // events still open at the end
 * ```
 */
export async function* readTextChunks(
  path: string,
  options: LineSplitterOptions = {},
): AsyncIterable<TextChunk> {
  yield* textChunks(await openText(path), options);
}

/**
 * Re-cuts text read in pieces that end anywhere into {@link TextChunk}s: the lines of the
 * chunks are those a `createLineSplitter` fed the same pieces gives.
 *
 * @param reads - The text, in pieces.
 * @param options - The line cap.
 * @returns An async iterable of chunks.
 * @example
 * ```ts
 * for await (const c of textChunks(['a\nb', 'c\n'])) console.log(c); // a (1 line), bc (1 line)
 * ```
 * @internal
 */
export async function* textChunks(
  reads: AsyncIterable<string> | Iterable<string>,
  options: LineSplitterOptions = {},
): AsyncIterable<TextChunk> {
  const keep = (options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH) + 1;
  // The start of a line the reads so far have not ended, kept to `keep` units (then `cut`).
  let pending = '';
  let cut = false;
  for await (const chunk of reads) {
    let start = 0;
    let newline = chunk.indexOf('\n');
    if (newline !== -1 && (pending.length > 0 || cut)) {
      const line = pending + chunk.slice(0, newline);
      const whole = !cut && line.length <= keep;
      yield { text: whole ? `${line}\n` : terminated(line.slice(0, keep)), lines: 1 };
      pending = '';
      cut = false;
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    // Count the lines; one over the cap (rare) makes the text rebuilt from its pieces.
    const from = start;
    let lines = 0;
    let pieces: string[] | undefined;
    let copied = from;
    while (newline !== -1) {
      const end = chunk.charCodeAt(newline - 1) === 13 && newline > start ? newline - 1 : newline;
      if (end - start > keep) {
        pieces ??= [];
        pieces.push(chunk.slice(copied, start), terminated(chunk.slice(start, start + keep)));
        copied = newline + 1;
      }
      lines++;
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    if (lines > 0) {
      pieces?.push(chunk.slice(copied, start));
      yield { text: pieces === undefined ? chunk.slice(from, start) : pieces.join(''), lines };
    }
    if (start < chunk.length) {
      pending += chunk.slice(start);
      if (pending.length > keep) {
        pending = pending.slice(0, keep);
        cut = true;
      }
    }
  }
  // The last line, with no terminator: a text's end drops a `\r` like one before `\n`.
  if (pending.length > 0 || cut) yield { text: cut ? terminated(pending) : pending, lines: 1 };
}
