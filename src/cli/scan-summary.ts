import type { Severity } from '../findings/finding.js';
import type { SourceStats } from '../parsers/source-stats.js';

/** What one `sshtrail scan` run saw and produced, for the closing line on a terminal. */
export interface ScanTally {
  readonly sources: readonly SourceStats[];
  readonly sessions: number;
  /** The severity of each distinct finding. */
  readonly findings: readonly Severity[];
  readonly cases: number;
}

const WORST_FIRST: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/**
 * The closing line of a scan on a terminal, e.g.
 * `sshtrail: 2 files, 40 lines (38 events): 3 sessions, 2 findings (1 critical, 1 low), 1 case`.
 * A scan that finds nothing writes nothing on stdout, so without this line a person at a
 * terminal cannot tell "clean" from "read nothing".
 */
export function scanSummaryText(tally: ScanTally): string {
  const lines = tally.sources.reduce((n, s) => n + s.lines, 0);
  const events = tally.sources.reduce((n, s) => n + s.events, 0);
  const severities = WORST_FIRST.flatMap((s) => {
    const n = tally.findings.filter((f) => f === s).length;
    return n > 0 ? [`${n} ${s}`] : [];
  });
  const found = `${plural(tally.findings.length, 'finding')}${severities.length > 0 ? ` (${severities.join(', ')})` : ''}`;
  return (
    `sshtrail: ${plural(tally.sources.length, 'file')}, ${plural(lines, 'line')} (${events.toLocaleString('en-US')} events): ` +
    `${plural(tally.sessions, 'session')}, ${found}, ${plural(tally.cases, 'case')}\n`
  );
}

/** The summary goes to a person: stderr is a terminal, not `--quiet`, not a live `--follow`. */
export function wantsScanSummary(stderrIsTty: boolean, quiet: boolean, follow: boolean): boolean {
  return stderrIsTty && !quiet && !follow;
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
