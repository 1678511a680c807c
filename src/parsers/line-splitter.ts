/**
 * Options of {@link createLineSplitter}.
 */
export interface LineSplitterOptions {
  /**
   * Longest line kept whole, in UTF-16 code units (default 65536). A longer line is cut to
   * `maxLineLength + 1` units, so a line parser with the same cap still sees that it was too
   * long, and the rest is skipped without being buffered.
   */
  readonly maxLineLength?: number;
}

/**
 * A streaming splitter of text into lines. Chunks may end anywhere, even inside a `\r\n`;
 * the lines produced do not depend on how the text was chunked.
 */
export interface LineSplitter {
  /** Feeds a chunk of text; calls `onLine` for each complete line, without its terminator. */
  push(chunk: string, onLine: (line: string) => void): void;
  /** Ends the input; emits a last line that had no terminator, if any. */
  end(onLine: (line: string) => void): void;
  /** The unterminated text held so far, for a checkpoint. */
  state(): LineSplitterState;
}

/**
 * A {@link LineSplitter}'s held text, for checkpoint and restore.
 */
export interface LineSplitterState {
  /** The unterminated tail of the input so far. */
  readonly pending: string;
  /** Whether that tail was already cut at the line cap. */
  readonly cut: boolean;
}

/** Default cap on a line's length, in UTF-16 code units. */
export const DEFAULT_MAX_LINE_LENGTH = 65_536;

/**
 * Creates a {@link LineSplitter}. Memory is bounded by `maxLineLength`: an endless line
 * never grows the buffer past it.
 *
 * @param options - The line cap.
 * @param initial - State from {@link LineSplitter.state} to continue from.
 * @returns A splitter with `push` and `end`.
 * @example
 * ```ts
 * const lines: string[] = [];
 * const splitter = createLineSplitter();
 * splitter.push('a\r\nb', (l) => lines.push(l));
 * splitter.push('c\n', (l) => lines.push(l));
 * splitter.end((l) => lines.push(l)); // lines: ['a', 'bc']
 * ```
 */
export function createLineSplitter(
  options: LineSplitterOptions = {},
  initial?: LineSplitterState,
): LineSplitter {
  const keep = (options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH) + 1;
  let pending = initial?.pending ?? '';
  // Once cut, a line is already known too long: its kept tail must not lose a `\r`.
  let cut = initial?.cut ?? false;

  const emit = (line: string, onLine: (line: string) => void): void => {
    if (cut || line.length > keep) onLine(line.slice(0, keep));
    else onLine(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line);
    cut = false;
  };

  return {
    push(chunk, onLine) {
      let start = 0;
      let newline = chunk.indexOf('\n');
      if (newline !== -1 && (pending.length > 0 || cut)) {
        const line = pending + chunk.slice(0, newline);
        pending = '';
        emit(line, onLine);
        start = newline + 1;
        newline = chunk.indexOf('\n', start);
      }
      // The common case: whole lines inside this chunk, nothing pending, not cut.
      while (newline !== -1) {
        const end = chunk.charCodeAt(newline - 1) === 13 && newline > start ? newline - 1 : newline;
        if (end - start > keep) onLine(chunk.slice(start, start + keep));
        else onLine(chunk.slice(start, end));
        start = newline + 1;
        newline = chunk.indexOf('\n', start);
      }
      if (start < chunk.length) {
        pending += chunk.slice(start);
        if (pending.length > keep) {
          pending = pending.slice(0, keep);
          cut = true;
        }
      }
    },
    end(onLine) {
      if (pending.length > 0 || cut) emit(pending, onLine);
      pending = '';
    },
    state() {
      return { pending, cut };
    },
  };
}
