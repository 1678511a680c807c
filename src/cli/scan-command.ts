import { DEFAULT_SKEW_MS } from '../analyzer/analyzer-options.js';
import type { Diagnostic } from '../analyzer/diagnostic.js';
import type { Severity } from '../findings/finding.js';
import { createAnalyzer, type SshSession, type SshtrailEvent } from '../index.js';
import type { SessionNetworkView } from '../model/join/join-types.js';
import { DEFAULT_CLOSE_GRACE_MS } from '../model/tracker-options.js';
import { mergeByTime } from '../node/merge-by-time.js';
import { userProfiles } from '../triage/user-profiles.js';
import { atOrAbove, type InputOptions } from './cli-options.js';
import { detectionSetup } from './detection-setup.js';
import { observeSources } from './observed-sources.js';
import { openInputs } from './open-inputs.js';
import { openRecordWriter } from './record-writer.js';
import { collectReportHops } from './report-hops.js';
import { scanSummaryText, wantsSummary } from './run-summary.js';
import { createSettledSessions } from './settled-sessions.js';

// The CLI sets neither the close grace nor the skew window, so with their defaults no late line
// reaches a closed session after this much event time.
const SESSION_HOLD_MS = DEFAULT_CLOSE_GRACE_MS + DEFAULT_SKEW_MS;
// Joined Zeek views kept for triage's answers: triage keeps 50,000 sessions by default.
const MAX_NETWORK_VIEWS = 50_000;

/**
 * `sshtrail scan`: all inputs merged in time order through one analyzer; findings and cases
 * (and with `--sessions`, every session) in the `--output` format. Exit 2 when a finding
 * reaches `--fail-on`.
 */
export async function scanCommand(options: InputOptions): Promise<number> {
  const detection = await detectionSetup(options.config, options.baseline);
  const writer = await openRecordWriter(options.output, options.out, 'sshtrail scan');
  const inputs = await openInputs(options);
  // Triage answers `no` only where a source would have shown a `yes`: tell it what was read.
  const observed = observeSources(detection.intel !== undefined);
  const profileOf = userProfiles(detection);
  // Zeek records the analyzer joined to sessions, by session id (network_correlation).
  const networkViews = new Map<string, SessionNetworkView>();
  const analyzer = createAnalyzer({
    ...detection,
    triage: {
      dataSources: observed.dataSources,
      networkViewOf: (id) => networkViews.get(id),
      ...(profileOf === undefined ? {} : { profileOf }),
    },
    ...(options.year === undefined ? {} : { year: options.year }),
    ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
  });
  // Writes are queued in event order and drained between batches (the emitter is synchronous).
  const pending: (() => Promise<void>)[] = [];
  const keepSessions = options.sessions || options.output !== 'jsonl';
  let worst: Severity | undefined;
  // Event time of the input so far, for holding closed sessions through their grace window.
  let now = Number.NEGATIVE_INFINITY;
  // With --sessions, each session is written once, when no late line can change it any more
  // (sessions still open at the end are written as they stand).
  const settled = createSettledSessions(SESSION_HOLD_MS);
  if (options.sessions) {
    analyzer.on('session:open', (s) => settled.update(s));
    analyzer.on('session:update', (s) => settled.update(s));
    analyzer.on('session:close', (s) => settled.close(s, now));
  }
  const writeSettled = (sessions: readonly SshSession[]): void => {
    for (const s of sessions) pending.push(() => writer.session(s, true));
  };
  if (keepSessions) {
    const note = (s: SshSession) => {
      pending.push(() => writer.session(s, false));
    };
    analyzer.on('session:open', note);
    analyzer.on('session:update', note);
    analyzer.on('session:close', note);
  }
  // Counted by id: an updated case or finding is emitted again under the same id.
  let sessions = 0;
  const cases = new Set<string>();
  const findings = new Map<string, Severity>();
  analyzer.on('session:open', () => sessions++);
  analyzer.on('finding', (f) => {
    findings.set(f.id, f.severity);
    if (worst === undefined || atOrAbove(f.severity, worst)) worst = f.severity;
    pending.push(() => writer.finding(f));
  });
  analyzer.on('case', (c) => {
    cases.add(c.id);
    pending.push(() => writer.incident(c));
  });
  analyzer.on('network', (change) => {
    if (change.kind !== 'link') return;
    networkViews.delete(change.sessionId);
    networkViews.set(change.sessionId, change.network);
    // Bounded like triage's own session context: the oldest join goes first.
    if (networkViews.size > MAX_NETWORK_VIEWS) {
      const oldest = networkViews.keys().next().value;
      if (oldest !== undefined) networkViews.delete(oldest);
    }
  });
  // The report draws hops from the session that ran the ssh client, when telemetry shows it.
  const reportHops = options.output === 'html' ? collectReportHops(detection.config) : undefined;
  if (reportHops !== undefined) {
    analyzer.on('session:open', (s) => reportHops.session(s));
    analyzer.on('session:update', (s) => reportHops.session(s));
    analyzer.on('session:close', (s) => reportHops.session(s));
    analyzer.on('event', (e) => reportHops.event(e));
  }
  const diagnostics: string[] = [];
  const totals = new Map<string, number>();
  // A clock offset changes what every result means, so it is said on stderr, not only in
  // --stats: once per host, after the progress bar (as it comes, with --follow).
  const offsetHosts = new Set<string>();
  const warnings: string[] = [];
  const noteDiagnostic = (d: Diagnostic): void => {
    if (d.code === 'clock_offset') {
      if (offsetHosts.has(d.host)) return;
      offsetHosts.add(d.host);
      if (options.follow && !options.quiet)
        process.stderr.write(`sshtrail: warning: ${d.message}\n`);
      else warnings.push(d.message);
    }
    // Running totals (late or early-released events) say the same thing again with a bigger
    // count: keep only the last, where the first stood.
    if (d.code === 'late_events' || d.code === 'reorder_overflow') {
      const at = totals.get(d.code);
      if (at !== undefined) {
        diagnostics[at] = d.message;
        return;
      }
      totals.set(d.code, diagnostics.length);
    }
    diagnostics.push(d.message);
  };
  analyzer.on('diagnostic', noteDiagnostic);
  const push = (event: SshtrailEvent): void => {
    if (event.time > now) now = event.time;
    observed.note(event);
    analyzer.pushEvent(event);
    if (options.sessions) writeSettled(settled.settle(now));
  };
  const drain = async (): Promise<void> => {
    for (const write of pending.splice(0)) await write();
  };

  try {
    if (options.follow) {
      // Live inputs: events go in as they come; the analyzer's skew window orders them.
      await Promise.all(
        inputs.readers.map(async (reader) => {
          for await (const batch of reader.batches) {
            for (const event of batch) push(event);
            await drain();
          }
        }),
      );
    } else {
      const merged = mergeByTime(
        inputs.readers.map((r) => r.batches),
        (e: SshtrailEvent) => e.time,
      );
      for await (const event of merged) {
        push(event);
        if (pending.length > 0) await drain();
      }
    }
  } finally {
    inputs.progress.finish();
    inputs.close();
  }
  analyzer.flush();
  writeSettled(settled.rest());
  await drain();
  await writer.close(reportHops?.hops());
  if (!options.quiet) for (const w of warnings) process.stderr.write(`sshtrail: warning: ${w}\n`);
  if (options.stats) {
    const report = { sources: inputs.stats(), skipped: inputs.skipped, diagnostics };
    process.stderr.write(`${JSON.stringify(report, null, 2)}\n`);
  }
  if (wantsSummary(process.stderr.isTTY === true, options.quiet, options.follow)) {
    process.stderr.write(
      scanSummaryText({
        sources: inputs.stats(),
        sessions,
        findings: [...findings.values()],
        cases: cases.size,
      }),
    );
  }
  return options.failOn !== undefined && worst !== undefined && atOrAbove(worst, options.failOn)
    ? 2
    : 0;
}
