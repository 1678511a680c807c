import {
  type AuditAssemblerSnapshot,
  type AuditResult,
  createAuditAssembler,
  restoreAuditAssembler,
} from './auditd/index.js';
import { noAuditStats } from './auditd/result.js';
import { createLineParser, type LineParserState } from './line-parser.js';
import { createLineSplitter } from './line-splitter.js';
import { createOsqueryParser } from './osquery/index.js';
import type { LineOutcome } from './outcome.js';
import type { SourceParser, SourceParserOptions } from './source-parser.js';
import type { SourceStats } from './source-stats.js';
import { createSysmonParser } from './sysmon/index.js';
import { createZeekParser } from './zeek/index.js';

/**
 * The formats sshtrail reads line by line. `auto` reads syslog and journald JSON, deciding
 * per line; the others are fixed per source.
 */
export type SourceFormat =
  | 'auto'
  | 'syslog'
  | 'journald-json'
  | 'auditd'
  | 'zeek'
  | 'sysmon'
  | 'osquery';

/**
 * Options of {@link createSourceParser}: the common ones plus the time options of syslog.
 */
export interface CreateSourceParserOptions extends SourceParserOptions {
  /** The format of the source (default `auto`). */
  readonly format?: SourceFormat;
  /** Year for RFC3164 lines. */
  readonly year?: number;
  /** IANA zone for timestamps without one. */
  readonly timezone?: string;
  /** Reference time for year inference. */
  readonly referenceTime?: number;
}

/**
 * Creates the {@link SourceParser} for a source's format: the syslog/journald line parser, the
 * auditd record assembler, or the Zeek, Sysmon for Linux and osquery readers.
 *
 * @param options - Source name, default host, format and time options.
 * @returns A parser that accounts for every line.
 * @throws RangeError for invalid options (a bad time zone).
 * @example
 * ```ts
 * const parser = createSourceParser({ source: '/var/log/audit/audit.log', format: 'auditd', host: 'bastion' });
 * const outcomes = [...parser.push(line), ...parser.flush()];
 * ```
 */
export function createSourceParser(options: CreateSourceParserOptions): SourceParser {
  switch (options.format ?? 'auto') {
    case 'auditd':
      return auditSourceParser(options);
    case 'zeek':
      return createZeekParser(options);
    case 'sysmon':
      return createSysmonParser(options);
    case 'osquery':
      return createOsqueryParser(options);
    default:
      return lineSourceParser(options);
  }
}

function lineSourceParser(options: CreateSourceParserOptions): SourceParser {
  const parser = createLineParser({
    source: options.source,
    format:
      options.format === 'syslog' || options.format === 'journald-json' ? options.format : 'auto',
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.year === undefined ? {} : { year: options.year }),
    ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
    ...(options.referenceTime === undefined ? {} : { referenceTime: options.referenceTime }),
    ...(options.maxLineLength === undefined ? {} : { maxLineLength: options.maxLineLength }),
    ...(options.state === undefined ? {} : { state: options.state as LineParserState }),
  });
  return {
    push: (text) => [parser.parse(text)],
    flush: () => [],
    stats: () => parser.stats(),
    snapshot: () => parser.snapshot(),
  };
}

/** What the auditd adapter saves: its line count, its miss reasons and the assembler. */
interface AuditSourceState {
  readonly line: number;
  readonly reasons: Readonly<Record<string, number>>;
  readonly assembler: AuditAssemblerSnapshot;
}

function auditSourceParser(options: CreateSourceParserOptions): SourceParser {
  const saved = options.state === undefined ? undefined : auditSourceState(options.state);
  const assemblerOptions = {
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.maxLineLength === undefined ? {} : { maxLineLength: options.maxLineLength }),
  };
  const assembler =
    saved === undefined
      ? createAuditAssembler(assemblerOptions)
      : restoreAuditAssembler(saved.assembler, assemblerOptions);
  let line = saved?.line ?? 0;
  const reasons: Record<string, number> = { ...saved?.reasons };
  const convert = (results: readonly AuditResult[]): readonly LineOutcome[] =>
    results.map((r): LineOutcome => {
      if (r.kind === 'event') return r;
      reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
      return r.kind === 'malformed'
        ? { kind: 'malformed', reason: r.reason, source: r.source }
        : { kind: r.kind, reason: r.reason, program: 'auditd', source: r.source };
    });
  return {
    push(text) {
      line++;
      return convert(assembler.push(text, { source: options.source, line }));
    },
    pushChunk(text, lines) {
      const first = line + 1;
      line += lines;
      // The assembler drops one `\r` per line end where pushing the line drops two (its
      // splitter's and its own): a `\r\r` anywhere (rare) makes the text pushed line by line.
      if (text.indexOf('\r\r') === -1) {
        return convert(assembler.push(text, { source: options.source, line: first }));
      }
      const outcomes: LineOutcome[] = [];
      let n = first;
      const each = (l: string): void => {
        for (const o of convert(assembler.push(l, { source: options.source, line: n }))) {
          outcomes.push(o);
        }
        n++;
      };
      const splitter = createLineSplitter({ maxLineLength: Number.POSITIVE_INFINITY });
      splitter.push(text, each);
      splitter.end(each);
      return outcomes;
    },
    flush: () => convert(assembler.flush()),
    stats(): SourceStats {
      const s = assembler.stats();
      // Lines inside an assembled event count as events; pending lines are not settled yet.
      return {
        source: options.source,
        lines: s.lines - s.pending,
        events: s.consumed,
        ignored: s.ignored,
        unrecognized: s.unrecognized,
        malformed: s.malformed,
        reasons: { ...reasons },
      };
    },
    snapshot: (): AuditSourceState => ({
      line,
      reasons: { ...reasons },
      assembler: assembler.snapshot(),
    }),
  };
}

/**
 * The state an auditd source parser hands to the parser of the next file of a rotated set,
 * from its {@link SourceParser.snapshot}: its open events go on there, with their records'
 * provenance (auditd rotates by size, between records, so an event's records may straddle
 * two files). The next file starts at line 1 with fresh counts, except that the carried
 * lines count as read and pending there: they are settled, and counted, where their event
 * completes, so every line of the set is counted once.
 *
 * @param snapshot - `snapshot()` of the auditd source parser of the file that ended.
 * @returns The `state` for the next file's parser.
 * @example
 * ```ts
 * const next = createSourceParser({ format: 'auditd', source: 'audit.log', state: carriedAuditState(prev.snapshot()) });
 * ```
 * @internal
 */
export function carriedAuditState(snapshot: unknown): unknown {
  const saved = auditSourceState(snapshot);
  const carried = saved.assembler.stats.pending;
  return {
    line: 0,
    reasons: {},
    assembler: {
      ...saved.assembler,
      stats: { ...noAuditStats(), lines: carried, records: carried, pending: carried },
    },
  };
}

/** Checks a saved auditd source state (a bad one is a programmer error: TypeError). */
function auditSourceState(value: unknown): AuditSourceState {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('auditd source state must be an object { line, reasons, assembler }');
  }
  const state = value as Readonly<Record<string, unknown>>;
  if (typeof state.line !== 'number' || !Number.isSafeInteger(state.line) || state.line < 0) {
    throw new TypeError('auditd source state: line must be a non-negative integer');
  }
  const reasons = state.reasons;
  if (
    typeof reasons !== 'object' ||
    reasons === null ||
    Array.isArray(reasons) ||
    !Object.values(reasons).every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)
  ) {
    throw new TypeError('auditd source state: reasons must map reasons to non-negative integers');
  }
  if (state.assembler === undefined) {
    throw new TypeError('auditd source state: assembler snapshot missing');
  }
  // restoreAuditAssembler checks the assembler snapshot itself.
  return value as AuditSourceState;
}
