import type { Provenance } from '../events/provenance.js';
import { hotContext } from './hot/hot-context.js';
import { readHotLine } from './hot/read-hot-line.js';
import { parseJournaldRecord } from './journald/index.js';
import { DEFAULT_MAX_LINE_LENGTH } from './line-splitter.js';
import type { LineOutcome, MessageContext, MessageMiss, MessageResult } from './outcome.js';
import { routeMessage } from './route-message.js';
import { createStatsCounter, type SourceStats } from './source-stats.js';
import { createEnvelopeScanner } from './syslog/create-envelope-parser.js';
import { scratchMessage } from './syslog/envelope.js';
import type { YearState } from './syslog/index.js';

/**
 * The text formats a line parser reads. `auto` decides per line: a line starting with `{` is a
 * `journalctl -o json` record, anything else a syslog line (RFC3164, RFC3339/ISO, RFC5424).
 */
export type LineFormat = 'auto' | 'syslog' | 'journald-json';

/**
 * Options of {@link createLineParser}.
 */
export interface LineParserOptions {
  /** The source name recorded in every event's provenance (usually the file path as given). */
  readonly source: string;
  /** Host for lines that carry none (journal-less syslog without host, `--host`). */
  readonly host?: string;
  /** Year for RFC3164 lines (they have none); inferred with rollover detection when absent. */
  readonly year?: number;
  /** IANA time zone for lines without a zone (RFC3164, zone-less ISO); UTC when absent. */
  readonly timezone?: string;
  /** Reference time (epoch ms) for year inference; defaults to the current time. */
  readonly referenceTime?: number;
  /** Line format (default `auto`). */
  readonly format?: LineFormat;
  /** Longest line parsed, in UTF-16 code units (default 65536); longer lines are `malformed`. */
  readonly maxLineLength?: number;
  /** State to continue from (from {@link LineParser.snapshot}). */
  readonly state?: LineParserState;
}

/**
 * A line parser's state as plain JSON: where it is in its source, its accounting, and its
 * year inference.
 */
export interface LineParserState {
  /** Lines parsed so far. */
  readonly line: number;
  /** The accounting so far. */
  readonly stats: SourceStats;
  /** The RFC3164 year inference. */
  readonly year: YearState;
}

/**
 * A stateful parser for one input source: it numbers lines, keeps the year inference of
 * RFC3164 timestamps, and counts every outcome.
 */
export interface LineParser {
  /** Parses the next line of the source (without its terminator). Never throws. */
  parse(text: string): LineOutcome;
  /** The accounting so far; it reconciles with the number of lines parsed. */
  stats(): SourceStats;
  /** The parser's state, to continue later with the `state` option. */
  snapshot(): LineParserState;
}

/**
 * Creates a {@link LineParser} for one source of auth-log text: syslog (RFC3164, RFC3339/ISO,
 * RFC5424) or `journalctl -o json`, written by sshd, sshd-session, sshd-auth, PAM, sudo, su and
 * systemd-logind. Each line becomes an event, or is `ignored`, `unrecognized` or `malformed`.
 *
 * @param options - Source name, default host, time options, format and line cap.
 * @returns A parser for the lines of that source, in order.
 * @throws RangeError when `timezone` is not a valid IANA zone (a programmer error).
 * @example
 * ```ts
 * const parser = createLineParser({ source: 'auth.log', year: 2024, timezone: 'UTC' });
 * const out = parser.parse('Mar  1 12:00:00 bastion sshd[42]: Accepted publickey for alice from 10.0.0.5 port 50022 ssh2: ED25519 SHA256:abc');
 * if (out.kind === 'event' && out.event.kind === 'ssh.auth') console.log(out.event.user); // alice
 * ```
 */
export function createLineParser(options: LineParserOptions): LineParser {
  return createProbedLineParser(options, true);
}

/**
 * A {@link LineParser} that also tells how many lines its hot paths read, with the hot paths
 * switchable off (the general path alone): how the tests compare both.
 *
 * @internal
 */
export interface ProbedLineParser extends LineParser {
  /** Lines whose event a hot path built. */
  hotLines(): number;
}

/**
 * {@link createLineParser}, with the hot paths on or off, counting the lines they read.
 *
 * @internal
 */
export function createProbedLineParser(
  options: LineParserOptions,
  hotPath: boolean,
): ProbedLineParser {
  const scanner = createEnvelopeScanner({
    ...(options.year === undefined ? {} : { year: options.year }),
    ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
    ...(options.referenceTime === undefined ? {} : { referenceTime: options.referenceTime }),
    ...(options.state === undefined ? {} : { yearState: options.state.year }),
  });
  const format = options.format ?? 'auto';
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const counter = createStatsCounter(options.source, options.state?.stats);
  const sourceName = options.source;
  const defaultHost = options.host;
  let lineNumber = options.state?.line ?? 0;
  let hotLines = 0;
  const envelope = scanner.scratch;
  const hot = hotContext(envelope);

  const parseOne = (text: string): LineOutcome => {
    lineNumber++;
    if (text.length > maxLineLength) {
      const source = { source: sourceName, line: lineNumber, text: text.slice(0, maxLineLength) };
      return { kind: 'malformed', reason: 'line_too_long', source };
    }
    const source: Provenance = { source: sourceName, line: lineNumber, text };
    if (isBlank(text)) return { kind: 'malformed', reason: 'empty_line', source };
    const journal = format === 'journald-json' || (format === 'auto' && text.charCodeAt(0) === 123);
    let context: MessageContext;
    let message: MessageResult;
    let program: string | undefined;
    let leaderPid: number | undefined;
    if (journal) {
      const record = parseJournaldRecord(text);
      if (!record.ok) return { kind: 'malformed', reason: record.reason, source };
      leaderPid = record.journal.leader;
      const envelope = record.envelope;
      program = envelope.program;
      context = {
        time: envelope.time,
        timeBasis: envelope.timeBasis,
        host: envelope.host ?? defaultHost,
        program,
        pid: envelope.pid,
        repeat: envelope.repeat,
        source,
      };
      message = routeMessage(envelope.message, context);
    } else {
      const failure = scanner.scan(text);
      if (failure !== undefined) return { kind: 'malformed', reason: failure, source };
      if (hotPath && envelope.message === undefined) {
        hot.text = text;
        hot.host = envelope.host ?? defaultHost;
        hot.source = source;
        const event = readHotLine(hot);
        if (event !== undefined) {
          hotLines++;
          return { kind: 'event', event };
        }
      }
      program = envelope.program;
      context = {
        time: envelope.time,
        timeBasis: envelope.timeBasis,
        host: envelope.host ?? defaultHost,
        program,
        pid: envelope.pid,
        repeat: envelope.repeat,
        source,
      };
      message = routeMessage(scratchMessage(text, envelope), context);
    }
    if (isMiss(message)) {
      return { kind: message.kind, reason: message.reason, program, source };
    }
    if (message.kind === 'logind.session' && leaderPid !== undefined) {
      // journald's trusted LEADER field names the sshd monitor that owns the logind session.
      return { kind: 'event', event: { ...message, leaderPid } };
    }
    return { kind: 'event', event: message };
  };

  return {
    parse(text) {
      const outcome = parseOne(text);
      counter.count(outcome);
      return outcome;
    },
    stats: counter.read,
    snapshot: () => ({ line: lineNumber, stats: counter.read(), year: scanner.yearState() }),
    hotLines: () => hotLines,
  };
}

function isMiss(result: MessageResult): result is MessageMiss {
  return result.kind === 'ignored' || result.kind === 'unrecognized';
}

/** `text.trim().length === 0`, without trimming lines that start with a visible ASCII character. */
function isBlank(text: string): boolean {
  const c = text.charCodeAt(0);
  return !(c > 32 && c < 127) && text.trim().length === 0;
}
