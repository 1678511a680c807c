import { readFileSync } from 'node:fs';
import {
  type Case,
  createAnalyzer,
  createDetectors,
  createHijackDetectors,
  type Finding,
  type SourceStats,
  type SshSession,
  type SshtrailEvent,
} from '../../src/index.js';

/** The logs of one lab run: each server's auth log and the node-tagged audit log. */
export interface LabLogs {
  /** Server name to auth-log path (lines carry the host name; the name is the fallback). */
  readonly authLogs: Readonly<Record<string, string>>;
  /** The audit log, its records prefixed `node=<host>`. */
  readonly auditLog: string;
  /** The year of the RFC3164 lines. */
  readonly year: number;
}

/** What sshtrail made of a lab run. */
export interface LabAnalysis {
  /** Every session, in its last reported state. */
  readonly sessions: readonly SshSession[];
  readonly findings: readonly Finding[];
  readonly cases: readonly Case[];
  readonly events: readonly SshtrailEvent[];
  readonly stats: readonly SourceStats[];
}

/**
 * Runs sshtrail's library API over a lab run's logs, as an embedding tool would: every line of
 * every source through one analyzer (auth logs as syslog, the audit log as auditd), merged in
 * time order by the analyzer's reordering window (wide enough for the whole run).
 */
export function analyzeLabLogs(logs: LabLogs): LabAnalysis {
  // The whole catalog: createAnalyzer's default runs only the auth-log detectors.
  const analyzer = createAnalyzer({
    detectors: [...createDetectors(), ...createHijackDetectors()],
    year: logs.year,
    timezone: 'UTC',
    skewMs: 24 * 3600_000,
  });
  const sessions = new Map<string, SshSession>();
  const findings: Finding[] = [];
  const cases: Case[] = [];
  const events: SshtrailEvent[] = [];
  const keep = (s: SshSession): void => {
    sessions.set(s.id, s);
  };
  analyzer.on('session:open', keep);
  analyzer.on('session:update', keep);
  analyzer.on('session:close', keep);
  analyzer.on('finding', (f) => findings.push(f));
  analyzer.on('case', (c) => cases.push(c));
  analyzer.on('event', (e) => events.push(e));
  for (const [host, file] of Object.entries(logs.authLogs)) {
    const input = { source: file, host, format: 'syslog' as const };
    for (const line of lines(file)) analyzer.pushLine(line, input);
  }
  const audit = { source: logs.auditLog, format: 'auditd' as const };
  for (const line of lines(logs.auditLog)) analyzer.pushLine(line, audit);
  analyzer.end(audit);
  analyzer.flush();
  return {
    sessions: [...sessions.values()],
    findings,
    cases,
    events,
    stats: analyzer.stats(),
  };
}

function lines(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}
