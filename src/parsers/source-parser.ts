import type { LineOutcome } from './outcome.js';
import type { SourceStats } from './source-stats.js';

/**
 * A parser for one input source of any line-based format. Multi-line formats (auditd records,
 * Zeek headers) may complete an event only on a later line or at `flush`, so `push` returns
 * zero or more outcomes. Every line pushed ends in exactly one outcome, or inside exactly one
 * event's evidence, so the stats reconcile with the lines read.
 */
export interface SourceParser {
  /** Parses the next line (without its terminator). Never throws on input. */
  push(text: string): readonly LineOutcome[];
  /**
   * Parses the next `lines` lines at once, when the format reads a whole text faster than
   * line by line (auditd does). `text` holds exactly `lines` whole lines, each ended by `\n`
   * or `\r\n` except maybe the last (a text ends a line); the outcomes are those of
   * {@link SourceParser.push} of each line in turn (split on `\n`, one `\r` dropped before
   * each `\n` and at the end), so the line numbers advance by `lines`. Absent where the
   * format has no faster way: push each line. Never throws on input.
   *
   * @example
   * ```ts
   * const parser = createSourceParser({ source: 'audit.log', format: 'auditd' });
   * const outcomes: LineOutcome[] = [];
   * for await (const { text, lines } of readTextChunks('/var/log/audit/audit.log')) {
   *   if (parser.pushChunk !== undefined) outcomes.push(...parser.pushChunk(text, lines));
   *   else for (const line of text.split(/\r?\n/, lines)) outcomes.push(...parser.push(line));
   * }
   * outcomes.push(...parser.flush()); // events still open at the end
   * ```
   */
  pushChunk?(text: string, lines: number): readonly LineOutcome[];
  /** Ends the input: completes anything pending. */
  flush(): readonly LineOutcome[];
  /** The accounting so far. */
  stats(): SourceStats;
  /** The parser's state as plain JSON, for checkpoint and restore. */
  snapshot(): unknown;
}

/**
 * Options every {@link SourceParser} factory accepts.
 */
export interface SourceParserOptions {
  /** The source name recorded in provenance (usually the file path as given). */
  readonly source: string;
  /** Host for records that carry none. */
  readonly host?: string;
  /** Longest line parsed (default 65536 UTF-16 units). */
  readonly maxLineLength?: number;
  /** State from {@link SourceParser.snapshot} to continue from. */
  readonly state?: unknown;
}
