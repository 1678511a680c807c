import type { SshtrailEvent } from '../events/index.js';
import type { Case } from '../findings/case.js';
import type { Finding } from '../findings/finding.js';
import {
  createSessionTracker,
  restoreSessionTracker,
  type SessionChange,
  type SessionTracker,
  type SessionTrackerSnapshot,
  type SessionViews,
  type SshSession,
} from '../model/index.js';
import type { JoinChange } from '../model/join/index.js';
import { reportUpdatesWhen } from '../model/session-tracker.js';
import { createSourceParser } from '../parsers/create-source-parser.js';
import {
  createLineSplitter,
  type LineSplitter,
  type LineSplitterState,
} from '../parsers/line-splitter.js';
import type { LineOutcome } from '../parsers/outcome.js';
import type { SourceParser } from '../parsers/source-parser.js';
import type { SourceStats } from '../parsers/source-stats.js';
import { isValidTimeZone } from '../time/index.js';
import { type AnalyzerOptions, DEFAULT_SKEW_MS, type InputRef } from './analyzer-options.js';
import type { Diagnostic } from './diagnostic.js';
import { createEmitter, type TypedEmitter } from './emitter.js';
import { createPipeline, type PipelineSnapshot } from './pipeline.js';
import { createReorderBuffer, type ReorderState } from './reorder-buffer.js';

/** A line that did not become an event (`ignored`, `unrecognized` or `malformed`). */
export type LineMiss = Exclude<LineOutcome, { readonly kind: 'event' }>;

/**
 * The analyzer's events, as a typed-emitter event map.
 *
 * @example
 * ```ts
 * analyzer.on('session:close', (session) => console.log(session.user, session.durationMs));
 * ```
 */
export type AnalyzerEvents = {
  /** Every normalized event, in time order. */
  event: (event: SshtrailEvent) => void;
  /** Every line that did not become an event (for accounting and debugging). */
  line: (miss: LineMiss) => void;
  /** A session authenticated (or was first seen, when its start is outside the logs). */
  'session:open': (session: SshSession) => void;
  /** A session gained a field, channel, privilege change or evidence line. */
  'session:update': (session: SshSession) => void;
  /** A session ended, or was evicted from tracking (then `state` is still `open`). */
  'session:close': (session: SshSession) => void;
  /** A detector's finding. */
  finding: (finding: Finding) => void;
  /** An incident grouping findings. */
  case: (incident: Case) => void;
  /** A note about the analyzer's own work (evicted state, late events). */
  diagnostic: (diagnostic: Diagnostic) => void;
  /**
   * A host session joined to what the network sensor saw (Zeek ssh.log / conn.log by 5-tuple
   * within the clock-skew window): the session's network view (bytes, duration, banners, auth
   * attempts on the wire) and the flow's host view (user, session id); or a Zeek-observed login
   * that no host logged.
   */
  network: (change: JoinChange) => void;
};

/**
 * A checkpoint of an analyzer: plain JSON. An analyzer created from it with
 * {@link restoreAnalyzer} continues exactly where this one stopped.
 */
export interface AnalyzerSnapshot {
  /** Marks the object as an analyzer snapshot. */
  readonly format: 'sshtrail.analyzer';
  /** Layout version. */
  readonly version: 1;
  /** Per source: parser state and any partial line of `write()`. */
  readonly sources: readonly {
    readonly input: InputRef;
    readonly parser: unknown;
    readonly splitter: LineSplitterState;
  }[];
  /** Events held for reordering. */
  readonly buffer: ReorderState;
  /** The session tracker. */
  readonly sessions: SessionTrackerSnapshot;
  /** Process trees, the telemetry join, socket owners, detector states and triage (absent with `detect: false`). */
  readonly detection?: PipelineSnapshot;
  /** Time of the latest event processed. */
  readonly lastTime: number;
}

/**
 * The analysis engine: feed it lines of any number of sources and hosts (or your own events);
 * it parses, merges them in time order within a skew window, reconstructs sessions and reports
 * everything through typed events. Memory is bounded by open sessions and windows.
 */
export interface Analyzer extends TypedEmitter<AnalyzerEvents> {
  /**
   * Parses and processes one line (without terminator) of a source.
   * @param text - The line.
   * @param input - Its source (name, default host, format).
   */
  pushLine(text: string, input: InputRef): void;
  /**
   * Feeds a chunk of raw text of a source; lines may span chunks. Call {@link Analyzer.end}
   * when the source ends.
   * @param chunk - Any piece of the text.
   * @param input - Its source.
   */
  write(chunk: string, input: InputRef): void;
  /**
   * Ends a source fed with {@link Analyzer.write}: its last unterminated line is processed.
   * @param input - The source.
   */
  end(input: InputRef): void;
  /**
   * Processes an already normalized event (bring your own parser).
   * @param event - The event.
   */
  pushEvent(event: SshtrailEvent): void;
  /**
   * Consumes a whole sequence of lines of one source (arrays, generators, Node streams of
   * lines, web streams): anything iterable or async-iterable.
   * @param lines - The lines.
   * @param input - Their source.
   */
  consume(lines: Iterable<string> | AsyncIterable<string>, input: InputRef): Promise<void>;
  /**
   * Consumes a sequence of line batches of one source (e.g. `readLineBatches` from
   * `sshtrail/node`): the same result as {@link Analyzer.consume} on the concatenated lines,
   * with one await per batch instead of one per line, which is much cheaper on big files.
   * @param batches - Arrays of lines, iterable or async-iterable.
   * @param input - Their source.
   */
  consumeBatches(
    batches: Iterable<readonly string[]> | AsyncIterable<readonly string[]>,
    input: InputRef,
  ): Promise<void>;
  /**
   * Declares the end of all input: releases held events and reports open sessions
   * (`session:update` with `partial.end`).
   */
  flush(): void;
  /** The accounting of every source so far. */
  stats(): readonly SourceStats[];
  /** Read-only views of the sessions (open now, per user, at a time, history). */
  readonly sessions: SessionViews;
  /** A plain-JSON checkpoint. */
  snapshot(): AnalyzerSnapshot;
}

/**
 * Creates an {@link Analyzer}.
 *
 * @param options - Time, reordering, line and session options.
 * @returns A new analyzer.
 * @throws RangeError for invalid options (a bad time zone, a negative window).
 * @example
 * ```ts
 * const analyzer = createAnalyzer({ year: 2024, timezone: 'UTC' });
 * analyzer.on('session:close', (s) => console.log(`${s.user}@${s.host} ${s.durationMs} ms`));
 * await analyzer.consume(lines, { source: 'auth.log', host: 'bastion' });
 * analyzer.flush();
 * ```
 */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  return build(options, undefined);
}

/**
 * Creates an analyzer that continues from a {@link AnalyzerSnapshot}.
 *
 * @param snapshot - A snapshot from {@link Analyzer.snapshot} (after a JSON round trip is fine).
 * @param options - The same options the snapshotted analyzer had.
 * @returns The restored analyzer.
 * @throws TypeError when `snapshot` is not an analyzer snapshot of this version.
 * @example
 * ```ts
 * const saved = JSON.stringify(first.snapshot());
 * const second = restoreAnalyzer(JSON.parse(saved), options);
 * ```
 */
export function restoreAnalyzer(
  snapshot: AnalyzerSnapshot,
  options: AnalyzerOptions = {},
): Analyzer {
  // Checked here so the error names what was passed, not the first internal part to reject it.
  const given = snapshot as Partial<AnalyzerSnapshot> | null | undefined;
  if (given?.format !== 'sshtrail.analyzer' || given.version !== 1) {
    throw new TypeError('not a version 1 analyzer snapshot (from Analyzer.snapshot())');
  }
  return build(options, snapshot);
}

interface SourceState {
  readonly input: InputRef;
  readonly parser: SourceParser;
  readonly splitter: LineSplitter;
}

function build(options: AnalyzerOptions, snapshot: AnalyzerSnapshot | undefined): Analyzer {
  const skewMs = options.skewMs ?? DEFAULT_SKEW_MS;
  const capacity = options.maxBufferedEvents ?? 100_000;
  if (!(skewMs >= 0) || !(capacity >= 1)) {
    throw new RangeError('skewMs must be >= 0 and maxBufferedEvents >= 1');
  }
  if (options.timezone !== undefined && !isValidTimeZone(options.timezone)) {
    throw new RangeError(`timezone must be a valid IANA time zone name, got ${options.timezone}`);
  }
  // Asked per line and per event: flags the emitter keeps, not `listenerCount` lookups.
  const listening = { event: false, line: false, 'session:update': false };
  const emitter = createEmitter<AnalyzerEvents>(listening);
  const buffer = createReorderBuffer(skewMs, capacity, snapshot?.buffer);
  const tracker: SessionTracker = snapshot
    ? restoreSessionTracker(snapshot.sessions, options.sessions)
    : createSessionTracker(options.sessions);
  const sources = new Map<string, SourceState>();
  // `detect: false`: parse and sessions only, no detection state or work at all.
  const pipeline =
    options.detect === false
      ? undefined
      : createPipeline(
          viewsOf(tracker),
          options,
          {
            finding: (finding) => emitter.emit('finding', finding),
            incident: (incident) => emitter.emit('case', incident),
            link: (change) => emitter.emit('network', change),
            diagnostic: (diagnostic) => emitter.emit('diagnostic', diagnostic),
          },
          snapshot?.detection,
          options.sessions?.idleTimeoutMs,
        );
  // Only the emitter reads updates without a pipeline: no copies when nobody listens.
  if (pipeline === undefined) {
    reportUpdatesWhen(tracker, () => listening['session:update']);
  }
  // A field, not a closure variable: storing an event time there allocates nothing.
  const clock = { lastTime: snapshot?.lastTime ?? 0 };
  let reportedLate = buffer.late;
  let reportedOverflow = buffer.overflowed;

  const openSource = (input: InputRef, state?: unknown, held?: LineSplitterState): SourceState => {
    const parser = createSourceParser({
      source: input.source,
      ...(input.host === undefined ? {} : { host: input.host }),
      ...(input.format === undefined ? {} : { format: input.format }),
      ...(options.year === undefined ? {} : { year: options.year }),
      ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
      ...(options.referenceTime === undefined ? {} : { referenceTime: options.referenceTime }),
      ...(options.maxLineLength === undefined ? {} : { maxLineLength: options.maxLineLength }),
      ...(state === undefined ? {} : { state }),
    });
    const splitter = createLineSplitter(
      options.maxLineLength === undefined ? {} : { maxLineLength: options.maxLineLength },
      held,
    );
    const source = { input, parser, splitter };
    sources.set(input.source, source);
    return source;
  };
  for (const s of snapshot?.sources ?? []) openSource(s.input, s.parser, s.splitter);
  const sourceOf = (input: InputRef): SourceState => sources.get(input.source) ?? openSource(input);

  const report = (changes: readonly SessionChange[]): void => {
    for (const change of changes) {
      switch (change.kind) {
        case 'open':
          emitter.emit('session:open', change.session);
          break;
        case 'update':
          emitter.emit('session:update', change.session);
          break;
        case 'close':
        case 'evict':
          emitter.emit('session:close', change.session);
          break;
        case 'diagnostic':
          emitter.emit('diagnostic', {
            kind: 'diagnostic',
            code: 'evicted',
            message: `session tracker dropped state on ${change.host ?? 'an unnamed host'} to stay within its bounds`,
            host: change.host,
            time: change.time,
            counts: change.counts,
          });
          break;
      }
    }
  };
  const processOne = (event: SshtrailEvent): void => {
    clock.lastTime = buffer.releasing;
    // Per line, so skip the emit (and its argument list) when nobody listens.
    if (listening.event) emitter.emit('event', event);
    const changes = tracker.push(event);
    if (changes.length > 0) report(changes);
    pipeline?.event(event, changes);
  };
  const noteBuffer = (): void => {
    if (buffer.late !== reportedLate) {
      reportedLate = buffer.late;
      emitter.emit('diagnostic', {
        kind: 'diagnostic',
        code: 'late_events',
        message: `${reportedLate} events arrived later than the ${skewMs} ms skew window and were processed out of order`,
        count: reportedLate,
      });
    }
    if (buffer.overflowed !== reportedOverflow) {
      reportedOverflow = buffer.overflowed;
      emitter.emit('diagnostic', {
        kind: 'diagnostic',
        code: 'reorder_overflow',
        message: `${reportedOverflow} events were released before their skew window closed because the reorder buffer was full`,
        count: reportedOverflow,
      });
    }
  };
  const process = (event: SshtrailEvent): void => {
    buffer.push(event, processOne);
    if (buffer.late !== reportedLate || buffer.overflowed !== reportedOverflow) noteBuffer();
  };
  // Multi-line formats (auditd) complete their pending events at the end of a source.
  const settle = (source: SourceState): void => {
    for (const outcome of source.parser.flush()) {
      if (outcome.kind === 'event') process(outcome.event);
      else if (listening.line) emitter.emit('line', outcome);
    }
  };
  const handle = (source: SourceState, text: string): void => {
    for (const outcome of source.parser.push(text)) {
      if (outcome.kind === 'event') process(outcome.event);
      else if (listening.line) emitter.emit('line', outcome);
    }
  };

  const analyzer: Analyzer = Object.assign(emitter, {
    pushLine(text: string, input: InputRef) {
      handle(sourceOf(input), text);
    },
    write(chunk: string, input: InputRef) {
      const source = sourceOf(input);
      source.splitter.push(chunk, (line) => handle(source, line));
    },
    end(input: InputRef) {
      const source = sourceOf(input);
      source.splitter.end((line) => handle(source, line));
      settle(source);
    },
    pushEvent(event: SshtrailEvent) {
      process(event);
    },
    async consume(lines: Iterable<string> | AsyncIterable<string>, input: InputRef) {
      const source = sourceOf(input);
      for await (const line of lines) handle(source, line);
    },
    async consumeBatches(
      batches: Iterable<readonly string[]> | AsyncIterable<readonly string[]>,
      input: InputRef,
    ) {
      const source = sourceOf(input);
      for await (const batch of batches) for (const line of batch) handle(source, line);
    },
    flush() {
      for (const source of sources.values()) settle(source);
      buffer.drain(processOne);
      noteBuffer();
      const changes = tracker.flush();
      report(changes);
      pipeline?.flush(changes, clock.lastTime);
    },
    stats() {
      return [...sources.values()].map((s) => s.parser.stats());
    },
    sessions: viewsOf(tracker),
    snapshot(): AnalyzerSnapshot {
      return {
        format: 'sshtrail.analyzer',
        version: 1,
        sources: [...sources.values()].map((s) => ({
          input: s.input,
          parser: s.parser.snapshot(),
          splitter: s.splitter.state(),
        })),
        buffer: buffer.state(),
        sessions: tracker.snapshot(),
        ...(pipeline === undefined ? {} : { detection: pipeline.snapshot() }),
        lastTime: clock.lastTime,
      };
    },
  });
  return analyzer;
}

// Only the read-only views: the tracker's push/flush stay the analyzer's own.
function viewsOf(tracker: SessionTracker): SessionViews {
  return {
    openSessions: (filter) => tracker.openSessions(filter),
    sessionsOfUser: (user) => tracker.sessionsOfUser(user),
    loggedInAt: (time, filter) => tracker.loggedInAt(time, filter),
    recentSessions: (user) => tracker.recentSessions(user),
    evictions: () => tracker.evictions(),
    size: () => tracker.size(),
  };
}
