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
