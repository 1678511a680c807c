import type { Severity } from '../findings/finding.js';
import type { SourceStats } from '../parsers/source-stats.js';

/** What one `sshtrail scan` run saw and produced, for its closing line on a terminal. */
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
 * `sshtrail: 2 files, 40 lines (38 in events): 3 sessions, 2 findings (1 critical, 1 low), 1 case`.
 * A scan that finds nothing writes nothing on stdout, so without this line a person at a
 * terminal cannot tell "clean" from "read nothing".
 */
export function scanSummaryText(tally: ScanTally): string {
  const { lines, events } = totals(tally.sources);
  const severities = WORST_FIRST.flatMap((s) => {
    const n = tally.findings.filter((f) => f === s).length;
    return n > 0 ? [`${n} ${s}`] : [];
  });
  const found = `${plural(tally.findings.length, 'finding')}${severities.length > 0 ? ` (${severities.join(', ')})` : ''}`;
  return (
    `sshtrail: ${plural(tally.sources.length, 'file')}, ${plural(lines, 'line')} (${events.toLocaleString('en-US')} in events): ` +
    `${plural(tally.sessions, 'session')}, ${found}, ${plural(tally.cases, 'case')}\n`
  );
}

/**
 * The closing line of `sshtrail parse` on a terminal: what became of the lines, e.g.
 * `sshtrail: 1 file, 40 lines: 38 in events, 1 ignored, 1 unrecognized, 0 malformed (--stats for why)`.
 */
export function parseSummaryText(sources: readonly SourceStats[]): string {
  const { lines, events } = totals(sources);
  const count = (key: 'ignored' | 'unrecognized' | 'malformed') =>
    sources.reduce((n, s) => n + s[key], 0).toLocaleString('en-US');
  const why = lines > events ? ' (--stats for why)' : '';
  return (
    `sshtrail: ${plural(sources.length, 'file')}, ${plural(lines, 'line')}: ` +
    `${events.toLocaleString('en-US')} in events, ${count('ignored')} ignored, ` +
    `${count('unrecognized')} unrecognized, ${count('malformed')} malformed${why}\n`
  );
}

/** The summary goes to a person: stderr is a terminal, not `--quiet`, not a live `--follow`. */
export function wantsSummary(stderrIsTty: boolean, quiet: boolean, follow: boolean): boolean {
  return stderrIsTty && !quiet && !follow;
}

function totals(sources: readonly SourceStats[]): { lines: number; events: number } {
  let lines = 0;
  let events = 0;
  for (const s of sources) {
    lines += s.lines;
    events += s.events;
  }
  return { lines, events };
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
