import { readFileSync } from 'node:fs';
import type { Baseline } from '../../src/baseline/index.js';
import { createBaselineLearner } from '../../src/baseline/index.js';
import { emptyConfig, type SshtrailConfig } from '../../src/config/index.js';
import type { Detector, DetectorInput } from '../../src/detectors/index.js';
import { createDetectorContext, createDetectorSet } from '../../src/detectors/index.js';
import type { SshtrailEvent } from '../../src/events/index.js';
import type { Finding } from '../../src/findings/finding.js';
import type { Intel } from '../../src/intel/index.js';
import { createSessionTracker, type SshSession } from '../../src/model/index.js';
import { createLineParser } from '../../src/parsers/line-parser.js';

/** A source of lines: a fixture file name (in test/fixtures/detectors) or inline lines. */
export type Source = string | { readonly source: string; readonly lines: readonly string[] };

const FIXTURES = new URL('../fixtures/detectors/', import.meta.url);

/** The lines of a fixture file. */
export function fixture(name: string): string[] {
  return readFileSync(new URL(name, FIXTURES), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}

export interface RunOptions {
  readonly detectors: readonly Detector[];
  readonly config?: SshtrailConfig;
  readonly baselines?: Baseline;
  readonly intel?: Intel;
  /** Fixed year (default 2024); `undefined` with `referenceTime` infers it. */
  readonly year?: number | undefined;
  readonly referenceTime?: number;
}

export interface RunResult {
  readonly findings: Finding[];
  readonly sessions: SshSession[];
  readonly events: SshtrailEvent[];
  readonly inputs: DetectorInput[];
}

/** Parses sources, merges them by time (stable), and returns the events. */
export function eventsOf(sources: readonly Source[], options: Omit<RunOptions, 'detectors'> = {}) {
  const events: SshtrailEvent[] = [];
  for (const s of sources) {
    const source = typeof s === 'string' ? s : s.source;
    const lines = typeof s === 'string' ? fixture(s) : s.lines;
    const year = 'year' in options ? options.year : 2024;
    const parser = createLineParser({
      source,
      timezone: 'UTC',
      ...(year === undefined ? {} : { year }),
      ...(options.referenceTime === undefined ? {} : { referenceTime: options.referenceTime }),
    });
    for (const text of lines) {
      const outcome = parser.parse(text);
      if (outcome.kind === 'event') events.push(outcome.event);
    }
  }
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.time - b.e.time || a.i - b.i)
    .map((x) => x.e);
}

/** Runs events through the session tracker and a detector set, as the analyzer will. */
export function runEvents(events: readonly SshtrailEvent[], options: RunOptions): RunResult {
  const tracker = createSessionTracker();
  const set = createDetectorSet(options.detectors);
  const context = createDetectorContext({
    sessions: tracker,
    config: options.config ?? emptyConfig(),
    baselines: options.baselines,
    intel: options.intel,
  });
  const findings: Finding[] = [];
  const inputs: DetectorInput[] = [];
  const sessions = new Map<string, SshSession>();
  const feed = (input: DetectorInput) => {
    inputs.push(input);
    findings.push(...set.push(input, context));
  };
  const report = (changes: ReturnType<typeof tracker.push>) => {
    for (const c of changes) {
      if (c.kind === 'diagnostic') continue;
      sessions.set(c.session.id, c.session);
      const change = c.kind === 'evict' ? 'close' : c.kind;
      feed({ kind: 'session', change, session: c.session });
    }
  };
  let last = 0;
  for (const event of events) {
    last = event.time;
    // The analyzer's order: the tracker takes the event first, so views include what it changed.
    const changes = tracker.push(event);
    feed({ kind: 'event', event });
    report(changes);
  }
  report(tracker.flush());
  findings.push(...set.flush(last, context));
  return { findings, sessions: [...sessions.values()], events: [...events], inputs };
}

/** Parses and runs sources. */
export function run(sources: readonly Source[], options: RunOptions): RunResult {
  return runEvents(eventsOf(sources, options), options);
}

/** Learns a baseline from sources (closed sessions). */
export function learn(
  sources: readonly Source[],
  config: SshtrailConfig = emptyConfig(),
  options: Omit<RunOptions, 'detectors'> = {},
): Baseline {
  const { sessions } = runEvents(eventsOf(sources, options), { detectors: [], config });
  const learner = createBaselineLearner({ config });
  for (const s of sessions) learner.push(s);
  return learner.baseline();
}

/** Findings of one detector, as `severity user@host from ip` strings. */
export function summary(findings: readonly Finding[], detector?: string): string[] {
  return findings
    .filter((f) => detector === undefined || f.detector === detector)
    .map((f) => `${f.severity} ${f.user ?? '-'}@${f.host ?? '-'} from ${f.sourceIp ?? '-'}`);
}
