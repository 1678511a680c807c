import type { Case, TimelineEntry } from '../findings/case.js';
import type { Finding } from '../findings/finding.js';
import type { SshSession } from '../model/session.js';
import { answerQuestions } from './answers.js';
import { findingTime, lineKey, maxSeverity, severityRank, uniqueSorted } from './case-context.js';
import { planContainment } from './containment.js';
import { decideEscalation } from './escalation.js';
import { collectIndicators } from './indicators.js';
import { collectSessionActions, type SessionActions } from './session-actions.js';
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
  const actions = collectSessionActions(caseSessions, resolved.maxSessionActions, ordered);
  const context = { findings: ordered, sessions: caseSessions, options: resolved, hops, actions };
  const decision = decideEscalation(ordered, resolved.policy);
  const answers = answerQuestions(context);
  const containment = planContainment(context, decision.escalate, answers);
  const iocs = collectIndicators(ordered, caseSessions);
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  return {
    type: 'case',
    id: `case-${leadFinding(ordered)?.id ?? 'empty'}`,
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
    timeline: timeline(ordered, caseSessions, actions, resolved.maxEvidence),
  };
}

/**
 * The finding a case is named after: its most severe, the earliest of those (then by id).
 * Named after its first finding, a hijack case read as the routine sudo that preceded it.
 */
function leadFinding(ordered: readonly Finding[]): Finding | undefined {
  let lead: Finding | undefined;
  for (const f of ordered) {
    if (lead === undefined || severityRank(f.severity) > severityRank(lead.severity)) lead = f;
  }
  return lead;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function timeline(
  findings: readonly Finding[],
  sessions: readonly SshSession[],
  actions: SessionActions,
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
  const shown = new Set<string>();
  for (const f of findings) {
    const evidence = f.evidence.slice(0, maxEvidence);
    for (const e of evidence) shown.add(lineKey(e));
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
        evidence,
      },
    });
  }
  for (const a of actions.actions) {
    // A line a finding entry already shows (the sudo a detector flagged) is not told twice.
    if (shown.has(lineKey(a.evidence))) continue;
    entries.push({
      at: a.time,
      order: 1,
      entry: {
        time: iso(a.time),
        kind: 'session_action',
        host: a.session.host,
        user: a.privilege?.user ?? a.session.user,
        text: `${a.text} in session ${a.session.id}`,
        findingId: undefined,
        sessionId: a.session.id,
        evidence: [a.evidence],
      },
    });
  }
  const last = actions.actions[actions.actions.length - 1];
  const notes = [
    ...(actions.omitted > 0
      ? [
          `${actions.omitted} more action(s) of the case sessions not listed (cap ${actions.cap}, sudo/su first)`,
        ]
      : []),
    ...(actions.uncited > 0
      ? [`${actions.uncited} channel(s) not listed: the session kept no line of them`]
      : []),
  ];
  if (notes.length > 0) {
    const at = last?.time ?? sessions[sessions.length - 1]?.startTime ?? 0;
    entries.push({
      at,
      order: 3,
      entry: {
        time: iso(at),
        kind: 'session_action',
        host: undefined,
        user: undefined,
        text: notes.join('; '),
        findingId: undefined,
        sessionId: undefined,
        evidence: [],
      },
    });
  }
  entries.sort((a, b) => a.at - b.at || a.order - b.order);
  return entries.map((e) => e.entry);
}
