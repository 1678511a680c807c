import type { Evidence, Finding, Severity } from '../findings/finding.js';
import type { SshSession } from '../model/session.js';
import type { SessionActions } from './session-actions.js';
import type { Hop, ResolvedTriageOptions } from './triage-options.js';

/** @internal What the escalation, answer and containment steps look at. */
export interface CaseContext {
  /** The findings, in time order. */
  readonly findings: readonly Finding[];
  /** The sessions known for the case (cited by findings, or upstream of them). */
  readonly sessions: readonly SshSession[];
  /** Options with defaults. */
  readonly options: ResolvedTriageOptions;
  /** Hops between the case's sessions, when known (a hop chain is not simultaneous logins). */
  readonly hops?: readonly Hop[];
  /** What the case sessions did (sudo/su, channels), capped; collected from `sessions` when absent. */
  readonly actions?: SessionActions;
}

const RANK: Readonly<Record<Severity, number>> = { low: 1, medium: 2, high: 3, critical: 4 };

/** @internal Numeric rank of a severity (low 1 ... critical 4; unknown text 0). */
export function severityRank(severity: string): number {
  return (RANK as Readonly<Record<string, number>>)[severity] ?? 0;
}

/** @internal The highest severity of the findings (`low` when there are none). */
export function maxSeverity(findings: readonly Finding[]): Severity {
  let best: Severity = 'low';
  for (const f of findings) if (severityRank(f.severity) > severityRank(best)) best = f.severity;
  return best;
}

/** @internal A finding's time as epoch ms (0 when its ISO text does not parse). */
export function findingTime(finding: Finding): number {
  const t = Date.parse(finding.time);
  return Number.isFinite(t) ? t : 0;
}

/** @internal Sorted unique non-empty strings. */
export function uniqueSorted(values: Iterable<string | undefined>): string[] {
  const set = new Set<string>();
  for (const v of values) if (v !== undefined && v !== '') set.add(v);
  return [...set].sort();
}

/** @internal The identity of a log line: its source and line number. */
export function lineKey(e: Evidence): string {
  return `${e.source}\u0000${e.line}`;
}

/** @internal Evidence of several findings, deduplicated by source and line, capped. */
export function collectEvidence(findings: readonly Finding[], max: number): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    for (const e of f.evidence) {
      const key = lineKey(e);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(e);
      if (out.length >= max) return out;
    }
  }
  return out;
}

/** @internal Comma-separated finding ids in parentheses: `(f-1, f-2)`. */
export function cite(findings: readonly Finding[]): string {
  return `(${findings.map((f) => f.id).join(', ')})`;
}
