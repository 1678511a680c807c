import { MIN_HISTORY } from '../detectors/ssh/knowledge.js';
import type { Answer, AnswerValue, CaseAnswers } from '../findings/case.js';
import type { Evidence, Finding } from '../findings/finding.js';
import type { SshSession } from '../model/session.js';
import { type CaseContext, cite, collectEvidence, lineKey, uniqueSorted } from './case-context.js';
import { collectSessionActions } from './session-actions.js';
import type { UserProfile } from './triage-options.js';

const SOCKET_OR_KEY = [
  'ssh.agent_socket_hijack',
  'ssh.control_master_hijack',
  'ssh.key_misuse',
  'ssh.key_tampering',
];

/**
 * Answers each question for analysis of the playbook, and the L1 steps, for one case: yes / no /
 * unknown with the evidence, and for `unknown` which log source or setting would answer it.
 * The keys are documented in docs/triage.md.
 *
 * @param context - The case's findings (time-ordered), its sessions and the options.
 * @returns One {@link Answer} per key of {@link CaseAnswers}.
 * @example
 * ```ts
 * const answers = answerQuestions({ findings, sessions, options: resolveTriageOptions() });
 * answers.agent_forwarding.answer; // 'yes' | 'no' | 'unknown'
 * ```
 */
export function answerQuestions(context: CaseContext): CaseAnswers {
  return {
    suspected_source_ip: suspectedSource(context),
    simultaneous_sessions: simultaneous(context),
    agent_forwarding: agentForwarding(context),
    privilege_escalation: privilegeEscalation(context),
    key_or_socket_access: keyOrSocket(context),
    usual_login_behavior: usualBehavior(context),
    network_correlation: networkCorrelation(context),
    failed_attempts_before: failedAttempts(context),
  };
}

function answer(
  value: AnswerValue,
  detail: string,
  findings: readonly Finding[],
  evidence: readonly Evidence[],
  missing?: string,
): Answer {
  const base = { answer: value, evidence, findings: findings.map((f) => f.id), detail };
  return missing === undefined ? base : { ...base, missing };
}

function byDetector(context: CaseContext, ids: readonly string[]): Finding[] {
  return context.findings.filter((f) => ids.includes(f.detector));
}

function fromFindings(value: AnswerValue, detail: string, hits: Finding[], c: CaseContext): Answer {
  return answer(value, detail, hits, collectEvidence(hits, c.options.maxEvidence));
}

function sessionEvidence(sessions: readonly SshSession[], max: number): Evidence[] {
  const out: Evidence[] = [];
  for (const s of sessions) {
    // The login itself (`Accepted ...`), not the `Connection from` line before it.
    const login = s.evidence.find((e) => ACCEPTED.test(e.text)) ?? s.evidence[0];
    if (login !== undefined) out.push(login);
    if (out.length >= max) break;
  }
  return out;
}

const ACCEPTED = /\bAccepted \S+ for /;

/** Whether a profile can judge: configured, or learned from the detectors' minimum history. */
function judges(p: UserProfile | undefined): boolean {
  return p !== undefined && (p.learnedSessions === undefined || p.learnedSessions >= MIN_HISTORY);
}

function suspectedSource(c: CaseContext): Answer {
  const intel = c.findings.filter((f) => f.intel !== undefined);
  if (intel.length > 0) {
    const lists = uniqueSorted(intel.map((f) => f.intel?.list));
    const ips = uniqueSorted(intel.map((f) => f.sourceIp));
    return fromFindings(
      'yes',
      `${ips.join(', ')} is listed in ${lists.join(', ')} ${cite(intel)}.`,
      intel,
      c,
    );
  }
  const unusual = byDetector(c, c.options.policy.abnormalSource);
  if (unusual.length > 0) {
    const ips = uniqueSorted(unusual.map((f) => f.sourceIp));
    return fromFindings(
      'yes',
      `Unusual source ${ips.join(', ')} for the user ${cite(unusual)}.`,
      unusual,
      c,
    );
  }
  const intelGiven = c.options.dataSources.intel === true;
  const profileOf = c.options.profileOf;
  const users = uniqueSorted([...c.findings.map((f) => f.user), ...c.sessions.map((s) => s.user)]);
  const profiled = profileOf === undefined ? [] : users.filter((u) => judges(profileOf(u)));
  if (intelGiven || profiled.length > 0) {
    const judged = [
      ...(intelGiven ? ['matched the intel lists'] : []),
      ...(profiled.length > 0 ? [`departed from the baseline of ${profiled.join(', ')}`] : []),
    ];
    return answer('no', `No source address ${judged.join(' or ')}.`, [], []);
  }
  if (profileOf === undefined) {
    return answer(
      'unknown',
      'No threat-intel list or source baseline was given, so no address could be judged.',
      [],
      [],
      'a threat-intel list (config intel) or a baseline of usual sources (scan --baseline)',
    );
  }
  // A baseline was given but judges none of these users: say why, and ask for what would.
  const thin = users.flatMap((u) => {
    const n = profileOf(u)?.learnedSessions;
    return n === undefined ? [] : [`${u} (${n})`];
  });
  const absent = users.filter((u) => profileOf(u) === undefined);
  const why = [
    ...(thin.length > 0
      ? [
          `too few sessions of ${thin.join(', ')} to judge sources (the detectors need ${MIN_HISTORY})`,
        ]
      : []),
    ...(absent.length > 0 || thin.length === 0
      ? [`no profile of ${absent.join(', ') || 'these users'}`]
      : []),
  ].join(' and ');
  return answer(
    'unknown',
    `No threat-intel list was given and the baseline has ${why}, so no address could be judged.`,
    [],
    [],
    `a threat-intel list (config intel) or a baseline learned over a longer history (at least ${MIN_HISTORY} sessions per user)`,
  );
}

function simultaneous(c: CaseContext): Answer {
  const hits = byDetector(c, c.options.policy.simultaneousSessions);
  if (hits.length > 0) {
    const users = uniqueSorted(hits.map((f) => f.user));
    return fromFindings(
      'yes',
      `Simultaneous sessions of ${users.join(', ')} ${cite(hits)}.`,
      hits,
      c,
    );
  }
  const isHop = hopTest(c);
  // As the concurrent-sessions detector counts origins: a session opened from a host where the
  // same user is logged in is a hop of that session (a jump host), and sessions from one
  // address (tmux, parallel scp, a jump host's fan-out) are one origin.
  const sameOrigin = (a: SshSession, b: SshSession) =>
    isHop(a, b) || isHop(b, a) || (a.sourceIp !== undefined && a.sourceIp === b.sourceIp);
  const overlap = overlappingSessions(c.sessions, sameOrigin);
  if (overlap.length > 0) {
    const users = uniqueSorted(overlap.map((s) => s.user));
    return answer(
      'yes',
      `${overlap.length} sessions of ${users.join(', ')} overlap in time.`,
      [],
      sessionEvidence(overlap, c.options.maxEvidence),
    );
  }
  const oneOrigin = overlappingSessions(c.sessions, () => false);
  if (oneOrigin.length > 0) {
    const users = uniqueSorted(oneOrigin.map((s) => s.user));
    const pairs = oneOrigin.flatMap((a) => oneOrigin.map((b) => [a, b] as const));
    const hops = uniqueSorted(
      pairs.filter(([a, b]) => isHop(a, b)).map(([a, b]) => `${a.host ?? '?'} -> ${b.host ?? '?'}`),
    );
    const shared = uniqueSorted(
      pairs
        .filter(([a, b]) => a.id !== b.id && a.sourceIp !== undefined && a.sourceIp === b.sourceIp)
        .map(([a]) => a.sourceIp),
    );
    const why = [
      ...(hops.length > 0 ? [`hop chain ${hops.join(', ')}`] : []),
      ...(shared.length > 0 ? [`from one address ${shared.join(', ')}`] : []),
    ];
    return answer(
      'no',
      `${oneOrigin.length} sessions of ${users.join(', ')} overlap, but from one origin (${why.join('; ')}), not separate logins.`,
      [],
      [],
    );
  }
  if (c.sessions.length > 0) {
    return answer(
      'no',
      `${c.sessions.length} known session(s), none overlapping for one user.`,
      [],
      [],
    );
  }
  return answer(
    'unknown',
    'No session of the case was reconstructed.',
    [],
    [],
    'sshd auth logs (auth.log / secure or journald) covering the case hosts',
  );
}

/** Whether session `b` was opened from session `a` (a known hop, or `b`'s source is `a`'s server address). */
function hopTest(c: CaseContext): (a: SshSession, b: SshSession) => boolean {
  const upstream = new Map((c.hops ?? []).map((h) => [h.to, h.from] as const));
  return (a, b) => {
    // A known hop names the session it came from (maybe another user's, as in a hijack); the
    // address is the fallback, as the concurrent-sessions detector uses it.
    const from = upstream.get(b.id);
    if (from !== undefined) return from === a.id;
    return a.host !== b.host && a.localIp !== undefined && a.localIp === b.sourceIp;
  };
}

/** Sessions of one user that overlap in time, leaving out the pairs of one origin. */
function overlappingSessions(
  sessions: readonly SshSession[],
  sameOrigin: (a: SshSession, b: SshSession) => boolean,
): SshSession[] {
  const out = new Set<SshSession>();
  const sorted = [...sessions].sort((a, b) => a.startTime - b.startTime);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    if (a === undefined || a.user === undefined) continue;
    const aEnd = a.endTime ?? Number.POSITIVE_INFINITY;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j];
      if (b === undefined) continue;
      if (b.startTime >= aEnd) break;
      if (b.user === a.user && b.id !== a.id && !sameOrigin(a, b)) {
        out.add(a);
        out.add(b);
      }
    }
  }
  return [...out];
}

function agentForwarding(c: CaseContext): Answer {
  const hits = byDetector(c, ['ssh.agent_forwarding', 'ssh.agent_socket_hijack']);
  const forwarded = c.sessions.filter((s) => s.agentForwarding === true);
  if (hits.length > 0 || forwarded.length > 0) {
    const hosts = uniqueSorted([...hits.map((f) => f.host), ...forwarded.map((s) => s.host)]);
    const evidence = [
      ...collectEvidence(hits, c.options.maxEvidence),
      ...sessionEvidence(forwarded, c.options.maxEvidence),
    ].slice(0, c.options.maxEvidence);
    return answer(
      'yes',
      `Agent forwarding was in use on ${hosts.join(', ') || 'a case host'} ${cite(hits)}.`,
      hits,
      evidence,
    );
  }
  if (c.sessions.length > 0 && c.sessions.every((s) => s.agentForwarding === false)) {
    return answer(
      'no',
      'DEBUG logs show the channel requests of every session: no agent forwarding.',
      [],
      [],
    );
  }
  // Audit socket rules already in place show an agent being used, not forwarding left unused.
  const missing =
    c.options.dataSources.auditSockets === true
      ? 'enable sshd LogLevel DEBUG1 (the audit socket rules in place record agent use, not forwarding itself)'
      : 'enable sshd LogLevel DEBUG1 or auditd socket rules (connect() to /tmp/ssh-*/agent.*)';
  return answer(
    'unknown',
    // Whatever level these logs are at: only DEBUG1 records the request, so do not guess INFO.
    'The logs do not say whether agent forwarding was requested: sshd logs the request only at LogLevel DEBUG1, not at INFO or VERBOSE.',
    [],
    [],
    missing,
  );
}

function privilegeEscalation(c: CaseContext): Answer {
  const hits = byDetector(c, ['ssh.privilege_escalation']);
  const { actions } =
    c.actions ?? collectSessionActions(c.sessions, c.options.maxSessionActions, c.findings);
  // Every sudo/su the case sessions made, not only those a detector flagged: the hijacked
  // session's own sudo shows what was done with the borrowed identity.
  const changes = actions.filter(
    (a) => a.privilege !== undefined && GRANTED.includes(a.privilege.outcome),
  );
  const granted = c.sessions.reduce(
    (n, s) => n + s.privilegeChanges.filter((p) => GRANTED.includes(p.outcome)).length,
    0,
  );
  if (hits.length === 0 && changes.length === 0) {
    if (c.sessions.length > 0)
      return answer('no', 'No sudo or su inside the case sessions.', [], []);
    return answer(
      'unknown',
      'No session of the case was reconstructed, so sudo/su could not be tied to it.',
      [],
      [],
      'auth logs with sudo/su lines (auth.log / secure) of the case hosts',
    );
  }
  const max = c.options.maxEvidence;
  const listed = changes.slice(0, max);
  const more = granted - listed.length;
  const inSessions =
    changes.length === 0
      ? ''
      : `${granted} sudo/su change(s) inside the case sessions: ${listed.map((a) => a.text).join('; ')}${more > 0 ? `; ${more} more not listed` : ''}.`;
  const flagged =
    hits.length === 0
      ? ''
      : `Privilege escalation on ${uniqueSorted(hits.map((f) => f.host)).join(', ')} ${cite(hits)}.`;
  // The sudo/su lines come first (those a finding cites, then the others), so the finding's
  // context lines cannot crowd them out of the capped evidence.
  const changeKeys = new Set(changes.map((a) => lineKey(a.evidence)));
  const findingLines = collectEvidence(hits, Number.POSITIVE_INFINITY);
  const evidence = dedupe([
    ...findingLines.filter((e) => changeKeys.has(lineKey(e))),
    ...listed.map((a) => a.evidence),
    ...findingLines,
  ]).slice(0, max);
  const detail = [flagged, inSessions].filter((t) => t !== '').join(' ');
  return answer('yes', detail, hits, evidence);
}

const GRANTED: readonly string[] = ['allowed', 'success'];

function dedupe(lines: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return lines.filter((e) => {
    const key = lineKey(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function keyOrSocket(c: CaseContext): Answer {
  const hits = byDetector(c, SOCKET_OR_KEY);
  if (hits.length > 0) {
    const kinds = uniqueSorted(hits.map((f) => f.detector));
    return fromFindings('yes', `${kinds.join(', ')} ${cite(hits)}.`, hits, c);
  }
  const sources = c.options.dataSources;
  if (sources.auditSockets === true) {
    const covered = sources.auditSocketHosts;
    const hosts = uniqueSorted([
      ...c.findings.map((f) => f.host),
      ...c.sessions.map((s) => s.host),
    ]);
    const uncovered = covered === undefined ? [] : hosts.filter((h) => !covered.includes(h));
    const on =
      covered === undefined
        ? ''
        : ` of ${hosts.filter((h) => covered.includes(h)).join(', ') || 'other hosts'}`;
    const gap = uncovered.length === 0 ? '' : ` No such records from ${uncovered.join(', ')}.`;
    return answer(
      'no',
      `Audit rules on agent sockets and key files${on} recorded no foreign access.${gap}`,
      [],
      [],
    );
  }
  return answer(
    'unknown',
    'No log source records access to key files or agent sockets.',
    [],
    [],
    'auditd rules: connect() to /tmp/ssh-*/agent.* and -w ~/.ssh -p rwa (or sshtrail sweep on the hosts)',
  );
}

function usualBehavior(c: CaseContext): Answer {
  const hits = byDetector(c, [
    'ssh.unusual_time',
    'ssh.unusual_source',
    'ssh.session_duration_anomaly',
  ]);
  const users = uniqueSorted(c.findings.map((f) => f.user));
  const profileOf = c.options.profileOf;
  const profiles = profileOf === undefined ? [] : users.map((u) => [u, profileOf(u)] as const);
  const usual = profiles
    .map(([u, p]) =>
      p === undefined
        ? `${u}: no baseline`
        : `${u}: usual hours ${p.usualHours ?? 'unknown'}, usual sources ${p.usualSources.join(', ') || 'none recorded'}${judges(p) ? '' : ' (too few sessions to judge)'}`,
    )
    .join('; ');
  const suffix = usual === '' ? '' : ` Baseline — ${usual}.`;
  if (hits.length > 0) {
    const kinds = uniqueSorted(hits.map((f) => f.detector));
    return answer(
      'yes',
      `Departs from the usual pattern: ${kinds.join(', ')} ${cite(hits)}.${suffix}`,
      hits,
      collectEvidence(hits, c.options.maxEvidence),
    );
  }
  if (profiles.some(([, p]) => judges(p))) {
    return answer('no', `Times and sources within the baseline.${suffix}`, [], []);
  }
  const thin = profiles.flatMap(([u, p]) =>
    p?.learnedSessions === undefined ? [] : [`${u} (${p.learnedSessions})`],
  );
  if (thin.length > 0) {
    return answer(
      'unknown',
      `The baseline has too few sessions of ${thin.join(', ')} to judge: the detectors need ${MIN_HISTORY}.${suffix}`,
      [],
      [],
      `a baseline learned over a longer history (at least ${MIN_HISTORY} sessions per user), or usual hours and sources in the config`,
    );
  }
  return answer(
    'unknown',
    'No baseline of the user was given.',
    [],
    [],
    'a baseline of usual login times and sources (sshtrail baseline, then scan --baseline)',
  );
}

function isNetworkEvidence(e: Evidence): boolean {
  const s = e.source;
  const name = s.slice(s.lastIndexOf('/') + 1);
  return (
    name.startsWith('ssh.') ||
    name.startsWith('conn.') ||
    (e.text.startsWith('{') && e.text.includes('"id.orig_h"'))
  );
}

function networkCorrelation(c: CaseContext): Answer {
  const joined = c.findings.filter((f) => f.evidence.some(isNetworkEvidence));
  const viewOf = c.options.networkViewOf;
  const matched =
    viewOf === undefined
      ? []
      : c.sessions.flatMap((s) => {
          const view = viewOf(s.id);
          return view === undefined ? [] : [{ session: s, view }];
        });
  if (joined.length > 0 || matched.length > 0) {
    const evidence = [
      ...joined.flatMap((f) => f.evidence.filter(isNetworkEvidence)),
      ...sessionEvidence(
        matched.map((m) => m.session),
        c.options.maxEvidence,
      ),
    ].slice(0, c.options.maxEvidence);
    const parts = [
      ...(joined.length > 0 ? [`Zeek records corroborate the sessions ${cite(joined)}.`] : []),
      ...(matched.length > 0
        ? [
            `Zeek saw ${matched
              .map(
                ({ session, view }) =>
                  `${session.id} as ${view.uid ?? 'a connection'} (${view.origIp}:${view.origPort} -> ${view.respIp}:${view.respPort}${view.sensor === undefined ? '' : ` at ${view.sensor}`})`,
              )
              .join(', ')}.`,
          ]
        : []),
    ];
    const unseen = c.sessions.length - matched.length;
    const rest =
      matched.length > 0 && unseen > 0
        ? ` ${unseen} other case session(s) had no Zeek record.`
        : '';
    return answer('yes', `${parts.join(' ')}${rest}`, joined, evidence);
  }
  if (c.options.dataSources.network === true) {
    return answer(
      'no',
      'Network logs were given but no Zeek record was joined to the case sessions (check capture coverage of the segment).',
      [],
      [],
    );
  }
  return answer(
    'unknown',
    'No network logs (Zeek) were read, so auth logs could not be correlated with them.',
    [],
    [],
    'Zeek ssh.log and conn.log for the segment (joined by 5-tuple and time)',
  );
}

function failedAttempts(c: CaseContext): Answer {
  const hits = byDetector(c, ['ssh.brute_force_success']);
  if (hits.length > 0) {
    return fromFindings('yes', `Failed logins preceded a success ${cite(hits)}.`, hits, c);
  }
  const failed = c.sessions.filter((s) => s.failedAttempts > 0);
  if (failed.length > 0) {
    const total = failed.reduce((n, s) => n + s.failedAttempts, 0);
    return answer(
      'yes',
      `${total} failed attempt(s) before ${failed.length} session(s) of the case.`,
      [],
      sessionEvidence(failed, c.options.maxEvidence),
    );
  }
  if (c.sessions.length > 0) {
    return answer('no', 'No failed attempt before the case sessions.', [], []);
  }
  return answer(
    'unknown',
    'No session of the case was reconstructed.',
    [],
    [],
    'sshd auth logs (Failed password / Invalid user lines) of the case hosts',
  );
}
