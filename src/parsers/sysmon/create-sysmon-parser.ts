import type { Provenance, TimeBasis } from '../../events/provenance.js';
import { DEFAULT_MAX_LINE_LENGTH } from '../line-splitter.js';
import type { LineOutcome } from '../outcome.js';
import type { SourceParser, SourceParserOptions } from '../source-parser.js';
import { createEnvelopeParser, type YearState } from '../syslog/index.js';
import { buildSysmonOutcome } from './build-event.js';
import { createLineCounter, statsFrom } from './endpoint-outcome.js';
import { readSysmonJson } from './json.js';
import { readSysmonXml } from './xml.js';

/**
 * Options of {@link createSysmonParser}: the common source options plus the year and zone
 * of RFC3164 syslog headers (used only for records that carry no time of their own).
 *
 * @example
 * ```ts
 * const options: SysmonParserOptions = { source: '/var/log/syslog', host: 'web1', year: 2024 };
 * ```
 */
export interface SysmonParserOptions extends SourceParserOptions {
  /** Year of year-less syslog headers (inferred when absent). */
  readonly year?: number;
  /** IANA zone of zone-less syslog headers (UTC when absent). */
  readonly timezone?: string;
  /** Reference time (epoch ms) for year inference. */
  readonly referenceTime?: number;
}

/** The Sysmon parser's checkpoint. */
interface SysmonState {
  readonly line: number;
  readonly stats: unknown;
  readonly year: YearState | undefined;
}

function stateFrom(value: unknown): SysmonState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const line = typeof v.line === 'number' && Number.isInteger(v.line) && v.line >= 0 ? v.line : 0;
  const year = typeof v.year === 'object' && v.year !== null ? (v.year as YearState) : undefined;
  return { line, stats: v.stats, year };
}

const LINE_BASIS: TimeBasis = { year: 'line', zone: 'line' };

/** Index of the first `<Event>`/`<Event ` (not `<EventData`, `<EventID`), or -1. */
function eventStart(text: string): number {
  let i = text.indexOf('<Event');
  while (i >= 0) {
    const c = text.charCodeAt(i + 6);
    if (c === 62 || c === 32) return i;
    i = text.indexOf('<Event', i + 6);
  }
  return -1;
}

/**
 * Creates a parser for Sysmon for Linux events, one per line, in either transport:
 *
 * - syslog: `<header> sysmon[pid]: <Event><System>...</System><EventData><Data Name="...">`
 *   `...</Data>...</EventData></Event>` (RFC3164, RFC3339 or RFC5424 header; the header is
 *   read with the syslog envelope parser and must name the program `sysmon`), or a bare
 *   `<Event>` line;
 * - JSON from a collector: Elastic's `winlog.*` shape, an `Event: {System, EventData}`
 *   conversion, a flat object with `EventID`, or a shipper's record whose `message` holds
 *   the raw `<Event>` XML.
 *
 * The XML is read by a linear `indexOf` scanner, never a regex over the whole line; values
 * are entity-decoded. Events 1, 3, 5, 9, 10, 11 and 23 (and 26) become `process.exec`,
 * `socket.connect`, `process.exit`, `file.access` (read of the device), `process.ptrace`,
 * `file.access` (create) and `file.access` (unlink), each with an `endpoint` block (user
 * name, raw command line, GUIDs, parent image and command line, rule name). The time is
 * `UtcTime` (else `SystemTime`, else the syslog header); the host is `Computer` (else the
 * header's, else `options.host`). `serial` is the `EventRecordID` (0 when absent). A line
 * cut by syslog before `</EventData>` still gives its event, with `argvTruncated` set for
 * process creation. Other event ids are `ignored`; lines of other programs are `ignored`
 * (`other_program`); unreadable lines are `malformed`. Never throws on input.
 *
 * @param options - Source name, default host, line cap, syslog year/zone, and state.
 * @returns A parser whose stats count every line once.
 * @throws RangeError when `timezone` or `year` is invalid (programmer errors).
 * @example
 * ```ts
 * const parser = createSysmonParser({ source: 'syslog' });
 * const [out] = parser.push('Nov 24 08:30:01 web1 sysmon: <Event><System><EventID>1</EventID></System><EventData><Data Name="ProcessId">4242</Data><Data Name="Image">/usr/bin/ssh</Data><Data Name="CommandLine">ssh -A db1</Data></EventData></Event>');
 * if (out?.kind === 'event' && out.event.kind === 'process.exec') console.log(out.event.argv); // ['ssh', '-A', 'db1']
 * ```
 */
export function createSysmonParser(options: SysmonParserOptions): SourceParser {
  const restored = stateFrom(options.state);
  const envelopeOf = createEnvelopeParser({
    ...(options.year === undefined ? {} : { year: options.year }),
    ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
    ...(options.referenceTime === undefined ? {} : { referenceTime: options.referenceTime }),
    ...(restored?.year === undefined ? {} : { yearState: restored.year }),
  });
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const sourceName = options.source;
  const defaultHost = options.host;
  const counter = createLineCounter(sourceName, statsFrom(restored?.stats));
  let lineNumber = restored?.line ?? 0;

  function json(text: string, source: Provenance): LineOutcome {
    let root: unknown;
    try {
      root = JSON.parse(text);
    } catch {
      return { kind: 'malformed', reason: 'bad_json', source };
    }
    if (typeof root !== 'object' || root === null || Array.isArray(root)) {
      return { kind: 'malformed', reason: 'bad_json', source };
    }
    const object = root as Record<string, unknown>;
    let record = readSysmonJson(object);
    if (record === undefined && typeof object.message === 'string') {
      // A shipper that kept the raw XML: `{"message": "<Event>...</Event>", ...}`.
      const start = eventStart(object.message);
      if (start >= 0) record = readSysmonXml(object.message, start);
    }
    if (record === undefined) {
      return { kind: 'unrecognized', reason: 'not_sysmon_json', program: undefined, source };
    }
    return buildSysmonOutcome(record, {
      host: defaultHost,
      time: undefined,
      timeBasis: LINE_BASIS,
      source,
    });
  }

  function syslog(text: string, source: Provenance): LineOutcome {
    const start = eventStart(text);
    if (start === 0) {
      const record = readSysmonXml(text, 0);
      return buildSysmonOutcome(record, {
        host: defaultHost,
        time: undefined,
        timeBasis: LINE_BASIS,
        source,
      });
    }
    const result = envelopeOf(text);
    if (!result.ok) return { kind: 'malformed', reason: result.reason, source };
    const envelope = result.envelope;
    if (envelope.program !== 'sysmon') {
      return { kind: 'ignored', reason: 'other_program', program: envelope.program, source };
    }
    if (start < 0) {
      return { kind: 'unrecognized', reason: 'no_sysmon_event', program: 'sysmon', source };
    }
    const record = readSysmonXml(text, start);
    return buildSysmonOutcome(record, {
      host: envelope.host ?? defaultHost,
      time: envelope.time,
      timeBasis: envelope.timeBasis,
      source,
    });
  }

  function parse(text: string): LineOutcome {
    lineNumber++;
    if (text.length > maxLineLength) {
      const source = { source: sourceName, line: lineNumber, text: text.slice(0, maxLineLength) };
      return { kind: 'malformed', reason: 'line_too_long', source };
    }
    const source: Provenance = { source: sourceName, line: lineNumber, text };
    let first = text.charCodeAt(0);
    if (first === 32 || first === 9 || first === 13) first = text.trimStart().charCodeAt(0);
    if (Number.isNaN(first)) return { kind: 'malformed', reason: 'empty_line', source };
    return first === 123 ? json(text, source) : syslog(text, source);
  }

  return {
    push(text) {
      const outcomes = [parse(text)];
      counter.count(outcomes);
      return outcomes;
    },
    flush() {
      return [];
    },
    stats() {
      return counter.read();
    },
    snapshot() {
      return { line: lineNumber, stats: counter.read(), year: envelopeOf.yearState() };
    },
  };
}
