import type { SshtrailEvent } from '../events/index.js';
import { carriedAuditState } from '../parsers/create-source-parser.js';
import type { LineParserState } from '../parsers/line-parser.js';
import { createLineSplitter } from '../parsers/line-splitter.js';
import type { LineOutcome } from '../parsers/outcome.js';
import type { SourceParser } from '../parsers/source-parser.js';
import type { SourceStats } from '../parsers/source-stats.js';
import { type FollowNotice, followLines } from './follow/follow-file.js';
import { createFormatParser } from './format-parser.js';
import type { InputFormat } from './input-format.js';
import type { InputPlan } from './plan-inputs.js';
import { readLineBatches } from './read-lines.js';
import { readStreamBatches } from './read-stream.js';
import { readTextChunks, type TextChunk } from './read-text-chunks.js';
import { readUtmpFile } from './read-utmp.js';
import { SNIFF_LINES, sniffFormat } from './sniff/sniff-format.js';

/**
 * Options of {@link readPlan}.
 */
export interface ReadPlanOptions {
  /** Year for RFC3164 lines. */
  readonly year?: number;
  /** IANA zone for timestamps without one. */
  readonly timezone?: string;
  /** Reference time (epoch ms) for year inference. */
  readonly referenceTime?: number;
  /** Longest line parsed. */
  readonly maxLineLength?: number;
  /** Keep reading the last (live) file of the set as it grows, like `tail -F`. */
  readonly follow?: boolean;
  /** Stops following. */
  readonly signal?: AbortSignal;
  /** Poll interval of follow mode, ms. */
  readonly pollMs?: number;
  /** Called for each line that did not become an event. */
  readonly onMiss?: (miss: Exclude<LineOutcome, { readonly kind: 'event' }>) => void;
  /** Called after each batch with the number of lines and UTF-16 units read (for progress). */
  readonly onRead?: (lines: number, units: number) => void;
  /** Called on follow-mode rotation and truncation. */
  readonly onNotice?: (notice: FollowNotice) => void;
  /** Byte stream read for `-` (default: `process.stdin`). */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
}

/**
 * A plan being read: its events in batches, and the accounting per file as it fills in.
 *
 * @example
 * ```ts
 * const { batches, stats }: PlanReader = readPlan(plan);
 * ```
 */
export interface PlanReader {
  /** Batches of events, in file order. */
  readonly batches: AsyncIterable<readonly SshtrailEvent[]>;
  /** The accounting per file, filled in as each file ends. */
  readonly stats: SourceStats[];
}

/**
 * Reads an {@link InputPlan}: each file (plain or gzip, or stdin) through its format's parser,
 * one file after another (a whole file is read in chunks of lines when its parser takes them:
 * auditd); for syslog the year inference runs on across the rotated set. With
 * `follow`, the last file is followed like `tail -F` until `signal` aborts.
 *
 * @param plan - What to read (from {@link planInputs}).
 * @param options - Time options, follow mode, callbacks.
 * @returns The event batches and the per-file accounting.
 * @throws Error (while iterating) with a one-line message when a file cannot be read or a
 *   format has no parser.
 * @example
 * ```ts
 * const { plans } = await planInputs(['/var/log/auth.log']);
 * for (const plan of plans) for await (const batch of readPlan(plan).batches) console.log(batch.length);
 * ```
 */
export function readPlan(plan: InputPlan, options: ReadPlanOptions = {}): PlanReader {
  const stats: SourceStats[] = [];
  async function* batches(): AsyncIterable<readonly SshtrailEvent[]> {
    let state: unknown;
    for (let i = 0; i < plan.files.length; i++) {
      const file = plan.files[i] as string;
      const live = options.follow === true && i === plan.files.length - 1 && file !== '-';
      // A whole file (not stdin, not followed) may be read as chunks of lines, for a parser
      // that reads many lines at once faster (auditd); the sniffer then sees their lines.
      const whole = file !== '-' && !live;
      let chunks: AsyncIterable<TextChunk> | undefined;
      let lines: AsyncIterable<readonly string[]> | undefined;
      let format = plan.format;
      if (format === undefined) {
        let head: readonly string[];
        if (whole) {
          const peeked = await peek(readTextChunks(file, capOf(options)), chunkLines);
          chunks = peeked.items;
          head = peeked.head;
        } else {
          const peeked = await peek(linesOf(file, live, options), (batch) => batch);
          lines = peeked.items;
          head = peeked.head;
        }
        const sniffed = sniffFormat(head);
        if (sniffed.kind === 'unsure') {
          throw new Error(
            `${file === '-' ? 'stdin' : file}: cannot tell the format: ${sniffed.reason} (use --format)`,
          );
        }
        format = sniffed.format;
      }
      if (format === 'utmp') {
        yield* readUtmp(file, plan.host, stats, options);
        continue;
      }
      const parser = open(format, file, plan.host, options, state);
      const pushChunk = parser.pushChunk?.bind(parser);
      if (whole && pushChunk !== undefined) {
        yield* pushChunks(pushChunk, chunks ?? readTextChunks(file, capOf(options)), options);
      } else {
        const batches =
          lines ?? (chunks === undefined ? linesOf(file, live, options) : chunkBatches(chunks));
        yield* pushLines(parser, batches, options);
      }
      // An audit event whose records straddle a rotation goes on in the next file (a set's
      // files share its format); the last file's open events are flushed.
      const carriesEvents = format === 'auditd' && i < plan.files.length - 1;
      if (!carriesEvents) {
        const rest: SshtrailEvent[] = [];
        collect(parser.flush(), rest, options);
        if (rest.length > 0) yield rest;
      }
      stats.push(parser.stats());
      state =
        format === 'syslog' || format === 'journald-json'
          ? carry(parser)
          : carriesEvents
            ? carriedAuditState(parser.snapshot())
            : undefined;
    }
  }
  return { batches: batches(), stats };
}

/** Adds the events of `outcomes` to `events`; the misses go to `onMiss`. */
function collect(
  outcomes: readonly LineOutcome[],
  events: SshtrailEvent[],
  options: ReadPlanOptions,
): void {
  for (const o of outcomes) {
    if (o.kind === 'event') events.push(o.event);
    else options.onMiss?.(o);
  }
}

/** Parses batches of lines one line at a time. */
async function* pushLines(
  parser: SourceParser,
  batches: AsyncIterable<readonly string[]>,
  options: ReadPlanOptions,
): AsyncIterable<readonly SshtrailEvent[]> {
  for await (const batch of batches) {
    const events: SshtrailEvent[] = [];
    let units = 0;
    for (const line of batch) {
      units += line.length + 1;
      collect(parser.push(line), events, options);
    }
    options.onRead?.(batch.length, units);
    if (events.length > 0) yield events;
  }
}

/** Parses chunks of lines a chunk at a time, with a parser's `pushChunk`. */
async function* pushChunks(
  pushChunk: (text: string, lines: number) => readonly LineOutcome[],
  chunks: AsyncIterable<TextChunk>,
  options: ReadPlanOptions,
): AsyncIterable<readonly SshtrailEvent[]> {
  for await (const chunk of chunks) {
    const events: SshtrailEvent[] = [];
    collect(pushChunk(chunk.text, chunk.lines), events, options);
    // The units read: a line's, and its end's (one for `\n`, as the line path counts, and
    // two for `\r\n`); a last line with no end counts one for it too, as there.
    const unended = chunk.text.charCodeAt(chunk.text.length - 1) !== 10;
    options.onRead?.(chunk.lines, chunk.text.length + (unended ? 1 : 0));
    if (events.length > 0) yield events;
  }
}

/** utmp/wtmp/btmp: binary, read whole; one record counts as one line in the stats. */
async function* readUtmp(
  file: string,
  host: string | undefined,
  stats: SourceStats[],
  options: ReadPlanOptions,
): AsyncIterable<readonly SshtrailEvent[]> {
  if (file === '-') throw new Error('format utmp: binary input cannot be read from stdin');
  const name = file.slice(file.lastIndexOf('/') + 1);
  const kind = name.startsWith('btmp') ? 'btmp' : name.startsWith('wtmp') ? 'wtmp' : 'utmp';
  const result = await readUtmpFile(file, { kind, ...(host === undefined ? {} : { host }) });
  const reasons: Record<string, number> = {};
  for (const issue of result.issues) reasons[issue.code] = (reasons[issue.code] ?? 0) + 1;
  const malformed = result.issues.filter((i) => i.code !== 'unknown_layout').length;
  options.onRead?.(
    result.events.length + malformed,
    result.events.length * result.layout.recordSize,
  );
  stats.push({
    source: file,
    lines: result.events.length + malformed,
    events: result.events.length,
    ignored: 0,
    unrecognized: 0,
    malformed,
    reasons,
  });
  if (result.events.length > 0) yield result.events;
}

function capOf(options: ReadPlanOptions): { readonly maxLineLength?: number } {
  return options.maxLineLength === undefined ? {} : { maxLineLength: options.maxLineLength };
}

function linesOf(
  file: string,
  live: boolean,
  options: ReadPlanOptions,
): AsyncIterable<readonly string[]> {
  const cap = capOf(options);
  if (file === '-') return readStreamBatches(options.stdin ?? process.stdin, cap);
  if (!live) return readLineBatches(file, cap);
  return followLines(file, {
    ...cap,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    ...(options.onNotice === undefined ? {} : { onNotice: options.onNotice }),
  });
}

function open(
  format: InputFormat,
  file: string,
  host: string | undefined,
  options: ReadPlanOptions,
  state: unknown,
): SourceParser {
  const made = createFormatParser(format, {
    source: file,
    ...(host === undefined ? {} : { host }),
    ...(options.year === undefined ? {} : { year: options.year }),
    ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
    ...(options.referenceTime === undefined ? {} : { referenceTime: options.referenceTime }),
    ...(options.maxLineLength === undefined ? {} : { maxLineLength: options.maxLineLength }),
    ...(state === undefined ? {} : { state }),
  });
  if (!made.ok) throw new Error(made.reason);
  return made.parser;
}

/** The next file of a rotated set starts at line 1 with fresh counts, but keeps the year. */
function carry(parser: SourceParser): unknown {
  const snap = parser.snapshot() as LineParserState;
  const stats = parser.stats();
  return {
    line: 0,
    stats: {
      ...stats,
      lines: 0,
      events: 0,
      ignored: 0,
      unrecognized: 0,
      malformed: 0,
      reasons: {},
    },
    year: snap.year,
  };
}

/** The lines of a {@link TextChunk}: split on `\n`, one `\r` dropped before each and at the end. */
function chunkLines(chunk: TextChunk): readonly string[] {
  const lines: string[] = [];
  const splitter = createLineSplitter({ maxLineLength: Number.POSITIVE_INFINITY });
  const push = (line: string): void => {
    lines.push(line);
  };
  splitter.push(chunk.text, push);
  splitter.end(push);
  return lines;
}

/** A file read as chunks, for a parser that reads line by line: one batch per chunk. */
async function* chunkBatches(chunks: AsyncIterable<TextChunk>): AsyncIterable<readonly string[]> {
  for await (const chunk of chunks) yield chunkLines(chunk);
}

/** Reads items until their lines (`linesOfItem` each) fill the sniffer's head, and gives all back. */
async function peek<T>(
  items: AsyncIterable<T>,
  linesOfItem: (item: T) => readonly string[],
): Promise<{ head: string[]; items: AsyncIterable<T> }> {
  const iterator = items[Symbol.asyncIterator]();
  const held: T[] = [];
  const head: string[] = [];
  while (head.length < SNIFF_LINES) {
    const next = await iterator.next();
    if (next.done === true) break;
    held.push(next.value);
    head.push(...linesOfItem(next.value).slice(0, SNIFF_LINES - head.length));
  }
  async function* replay(): AsyncIterable<T> {
    yield* held;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield next.value;
    }
  }
  return { head, items: replay() };
}
