import type { EventBase } from '../../events/base.js';
import type { Provenance, TimeBasis } from '../../events/provenance.js';
import { DEFAULT_MAX_LINE_LENGTH } from '../line-splitter.js';
import type { LineOutcome } from '../outcome.js';
import type { SourceParser, SourceParserOptions } from '../source-parser.js';
import { createStatsCounter, type SourceStats } from '../source-stats.js';
import { buildFlowEvent, buildSshEvent, connIdOf, eventPath } from './build-event.js';
import { classifyLine, type ZeekCursor } from './classify.js';
import { DEFAULT_HEADER, type ZeekHeaderState } from './header.js';
import { indexFields, rawValue } from './row.js';
import { parseZeekTime } from './time.js';

/**
 * The Zeek parser's state as plain JSON ({@link SourceParser.snapshot}): the line count, the
 * accounting and the current header, so a rotated or resumed file continues with its columns.
 *
 * @example
 * ```ts
 * const state = parser.snapshot() as ZeekParserState;
 * console.log(state.header.path, state.header.fields.length);
 * ```
 */
export interface ZeekParserState {
  /** Marks the object as a Zeek parser state. */
  readonly format: 'sshtrail.zeek-parser';
  /** Layout version. */
  readonly version: 1;
  /** Lines read so far. */
  readonly line: number;
  /** The accounting so far. */
  readonly stats: SourceStats;
  /** The header in force. */
  readonly header: ZeekHeaderState;
}

const TIME_BASIS: TimeBasis = { year: 'line', zone: 'line' };
const NONE: readonly LineOutcome[] = [];

/**
 * Creates a {@link SourceParser} for Zeek `ssh.log` and `conn.log`: TSV with its `#` header
 * (any `#separator`, including escaped `\x09` and multi-character ones, custom meta prefixes,
 * `#set_separator`, `#empty_field`, `#unset_field`, `#fields`/`#types` re-read at every header
 * block, files without `#close`) and JSON lines (stock `LogAscii::use_json`, epoch or ISO `ts`,
 * json-streaming-logs with `_path`; without `_path` the log is told by its fields). Fields are
 * found by name, so any Zeek version and extra columns (geo, hassh) work.
 *
 * Outcomes: `net.ssh` / `net.flow` events; header and comment lines, `#close`, and records of
 * other logs (`dns`, `http`...) are `ignored` (`zeek_header`, `zeek_comment`, `zeek_close`,
 * `zeek_other_path`); records without the needed fields, with bad addresses, a wrong column
 * count or before any header are `unrecognized`; bad JSON, masked or bad `ts` and over-long
 * lines are `malformed`. Never throws on input; each line costs one split (or one JSON.parse).
 *
 * @param options - Source name; `host` names the sensor (recorded as each event's `host`).
 * @returns The parser; `flush` returns nothing (Zeek records are single lines).
 * @throws TypeError when `options.state` is not a Zeek parser state.
 * @example
 * ```ts
 * const parser = createZeekParser({ source: 'ssh.log', host: 'sensor1' });
 * for (const line of lines) {
 *   for (const out of parser.push(line)) if (out.kind === 'event') console.log(out.event.kind);
 * }
 * ```
 */
export function createZeekParser(options: SourceParserOptions): SourceParser {
  const restored = readState(options.state);
  const sourceName = options.source;
  const sensor = options.host;
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const counter = createStatsCounter(sourceName, restored?.stats);
  const header = restored?.header ?? DEFAULT_HEADER;
  const cursor: ZeekCursor = { header, index: indexFields(header.fields) };
  let lineNumber = restored?.line ?? 0;

  const parseOne = (text: string): LineOutcome => {
    lineNumber++;
    if (text.length > maxLineLength) {
      const source = { source: sourceName, line: lineNumber, text: text.slice(0, maxLineLength) };
      return { kind: 'malformed', reason: 'line_too_long', source };
    }
    const source: Provenance = { source: sourceName, line: lineNumber, text };
    if (text.trim().length === 0) return { kind: 'malformed', reason: 'empty_line', source };
    const line = classifyLine(text, cursor);
    switch (line.kind) {
      case 'header':
        return miss('ignored', 'zeek_header', source);
      case 'close':
        return miss('ignored', 'zeek_close', source);
      case 'comment':
        return miss('ignored', 'zeek_comment', source);
      case 'bad_json':
        return { kind: 'malformed', reason: 'bad_json', source };
      case 'no_header':
        return miss('unrecognized', 'zeek_no_header', source);
      case 'field_count':
        return miss('unrecognized', 'zeek_field_count', source);
      case 'row':
        break;
    }
    const { row } = line;
    const path = eventPath(line.path, row);
    if (path === undefined) return miss('ignored', 'zeek_other_path', source);
    const ts = rawValue(row, 'ts');
    if (ts === undefined) return miss('unrecognized', 'zeek_missing_fields', source);
    const time = parseZeekTime(ts);
    if (time === undefined) return { kind: 'malformed', reason: 'bad_timestamp', source };
    const id = connIdOf(row);
    if (typeof id === 'string') return miss('unrecognized', id, source);
    const base: EventBase = {
      time,
      timeBasis: TIME_BASIS,
      host: sensor,
      program: 'zeek',
      pid: undefined,
      repeat: 1,
      source,
    };
    const event = path === 'ssh' ? buildSshEvent(row, base, id) : buildFlowEvent(row, base, id);
    return { kind: 'event', event };
  };

  return {
    push(text) {
      const outcome = parseOne(text);
      counter.count(outcome);
      return [outcome];
    },
    flush: () => NONE,
    stats: counter.read,
    snapshot(): ZeekParserState {
      return {
        format: 'sshtrail.zeek-parser',
        version: 1,
        line: lineNumber,
        stats: counter.read(),
        header: cursor.header,
      };
    },
  };
}

function miss(kind: 'ignored' | 'unrecognized', reason: string, source: Provenance): LineOutcome {
  return { kind, reason, program: 'zeek', source };
}

function readState(state: unknown): ZeekParserState | undefined {
  if (state === undefined) return undefined;
  const s = state as Partial<ZeekParserState> | null;
  if (
    typeof s !== 'object' ||
    s === null ||
    s.format !== 'sshtrail.zeek-parser' ||
    s.version !== 1 ||
    typeof s.line !== 'number' ||
    typeof s.header !== 'object' ||
    !Array.isArray(s.header?.fields)
  ) {
    throw new TypeError('not a version 1 Zeek parser state');
  }
  return s as ZeekParserState;
}
