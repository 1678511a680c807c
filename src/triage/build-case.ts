import type { Case, TimelineEntry } from '../findings/case.js';
import type { Finding } from '../findings/finding.js';
import type { SshSession } from '../model/session.js';
import { answerQuestions } from './answers.js';
import { findingTime, maxSeverity, uniqueSorted } from './case-context.js';
import { planContainment } from './containment.js';
import { decideEscalation } from './escalation.js';
import { collectIndicators } from './indicators.js';
import { type Hop, resolveTriageOptions, type TriageOptions } from './triage-options.js';

/**
 * Builds one case from findings already grouped together: severity rolled up, hosts, users,
 * sessions, sources, key fingerprints, the timeline, the escalation decision, the answers and
 * the containment steps. {@link createTriage} calls it for each group; call it directly when
 * you group findings yourself.
 *
 * @param findings - The case's findings (any order; at least one).
 * @param sessions - Sessions for context (those of the case are picked by id).
 * @param options - Triage options (policy, data sources, baseline profiles).
 * @param extraSessionIds - Further session ids of the case (e.g. upstream sessions of a hop chain).
 * @param hops - Hops between the sessions (a user's hop chain is not simultaneous logins).
 * @returns The case record.
 * @example
 * ```ts
 * const c = buildCase([hijack, concurrent], sessions, { dataSources: { auditSockets: true } });
 * c.escalate; // true
 * ```
 */
export function buildCase(
  findings: readonly Finding[],
  sessions: Iterable<SshSession> = [],
  options: TriageOptions = {},
  extraSessionIds: readonly string[] = [],
  hops: readonly Hop[] = [],
): Case {
  const resolved = resolveTriageOptions(options);
  const ordered = [...findings].sort(
    (a, b) => findingTime(a) - findingTime(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const sessionIds = uniqueSorted([...ordered.flatMap((f) => f.sessionIds), ...extraSessionIds]);
  const wanted = new Set(sessionIds);
  const caseSessions: SshSession[] = [];
  for (const s of sessions) if (wanted.has(s.id)) caseSessions.push(s);
  caseSessions.sort((a, b) => a.startTime - b.startTime);
  const context = { findings: ordered, sessions: caseSessions, options: resolved, hops };
  const decision = decideEscalation(ordered, resolved.policy);
  const answers = answerQuestions(context);
  const containment = planContainment(context, decision.escalate, answers);
  const iocs = collectIndicators(ordered, caseSessions);
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  return {
    type: 'case',
    id: `case-${first?.id ?? 'empty'}`,
    findings: ordered.map((f) => f.id),
    hosts: uniqueSorted([...ordered.map((f) => f.host), ...caseSessions.map((s) => s.host)]),
    users: uniqueSorted([...ordered.map((f) => f.user), ...caseSessions.map((s) => s.user)]),
    escalate: decision.escalate,
    reasons: decision.reasons,
    answers,
    containment,
    severity: maxSeverity(ordered),
    sessions: sessionIds,
    sourceIps: uniqueSorted([...iocs.addresses, ...caseSessions.map((s) => s.sourceIp)]),
    keyFingerprints: iocs.fingerprints,
    start: first?.time ?? '',
    end: last?.time ?? '',
    escalation: decision.rules,
    timeline: timeline(ordered, caseSessions, resolved.maxEvidence),
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function timeline(
  findings: readonly Finding[],
  sessions: readonly SshSession[],
  maxEvidence: number,
): TimelineEntry[] {
  const entries: { at: number; order: number; entry: TimelineEntry }[] = [];
  for (const s of sessions) {
    const who = `${s.user ?? '?'} from ${s.sourceIp ?? s.sourceName ?? '?'}`;
    entries.push({
      at: s.startTime,
      order: 0,
      entry: {
        time: iso(s.startTime),
        kind: 'session_start',
        host: s.host,
        user: s.user,
        text: `session ${s.id} of ${who} started${s.authMethod === undefined ? '' : ` (${s.authMethod})`}`,
        findingId: undefined,
        sessionId: s.id,
        evidence: s.evidence.slice(0, 1),
      },
    });
    if (s.endTime !== undefined) {
      const lastLine = s.evidence[s.evidence.length - 1];
      entries.push({
        at: s.endTime,
        order: 2,
        entry: {
          time: iso(s.endTime),
          kind: 'session_end',
          host: s.host,
          user: s.user,
          text: `session ${s.id} of ${who} ended (${s.endReason ?? 'unknown reason'})`,
          findingId: undefined,
          sessionId: s.id,
          evidence: lastLine === undefined ? [] : [lastLine],
        },
      });
    }
  }
  for (const f of findings) {
    entries.push({
      at: findingTime(f),
      order: 1,
      entry: {
        time: f.time,
        kind: 'finding',
        host: f.host,
        user: f.user,
        text: `${f.severity} ${f.detector}: ${f.title}`,
        findingId: f.id,
        sessionId: undefined,
        evidence: f.evidence.slice(0, maxEvidence),
      },
    });
  }
  entries.sort((a, b) => a.at - b.at || a.order - b.order);
  return entries.map((e) => e.entry);
}
