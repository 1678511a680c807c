import type { Severity } from '../../findings/finding.js';
import type { PrivilegeChange, SshSession } from '../../model/session.js';
import { createFinding } from '../create-finding.js';
import type { Detector, DetectorContext } from '../detector.js';
import { type Lru, lruCreate, lruDelete, lruGet, lruSet } from '../lru.js';
import { createQuietSteps } from '../no-findings.js';
import { isoSeconds, judgeSource, judgeTime } from './knowledge.js';
import { booleanOption, knownOptions, numberOption } from './options.js';
import { ROOT_SHELL_COMMAND } from './patterns.js';

// Steps that find nothing reuse one object per state (see createQuietSteps).
const quiet = createQuietSteps();

/** Detector id of {@link privilegeEscalation}. */
export const PRIVILEGE_ESCALATION = 'ssh.privilege_escalation';

/**
 * Options of {@link privilegeEscalation}.
 *
 * @example
 * ```ts
 * const options: PrivilegeEscalationOptions = { reportRootShells: false };
 * ```
 */
export interface PrivilegeEscalationOptions {
  /** Report a root shell (`sudo -i`, `su`) at low severity even in an unremarkable session (default true). */
  readonly reportRootShells?: boolean;
  /** Failed attempts before the login that count as a brute-forced session (default 5). */
  readonly bruteForceAttempts?: number;
  /** Sessions tracked (default 10000). */
  readonly maxSessions?: number;
}

/** State of {@link privilegeEscalation}. */
export interface PrivilegeEscalationState {
  /** Per session: privilege changes already judged (and whether a root login was). */
  readonly sessions: Lru<number>;
  /** Sessions that closed, with their end time, oldest first: forgotten an hour later. */
  closed?: [string, number][];
}

// A closed session takes late lines for the tracker's `closeGraceMs` (60 s by default): its
// entry is kept well beyond that, then dropped, so state follows the sessions of the recent past.
const CLOSED_RETAIN_MS = 3_600_000;

/**
 * `ssh.privilege_escalation`: sudo, su and root shells inside an SSH session (and direct
 * root logins), weighted by how anomalous the session is: a source new for the user, a login
 * outside their hours, a threat-intel source or a brute-forced login raise it (medium with
 * one, high with two or with intel or brute force); a routine sudo by an admin from a usual
 * source is nothing, a routine root shell is low. `sudo` refused as `not in sudoers` is
 * medium on its own.
 *
 * @param options - Options.
 * @returns The detector.
 * @throws RangeError / TypeError for invalid options.
 * @example
 * ```ts
 * const detector = privilegeEscalation({ reportRootShells: false });
 * ```
 */
export function privilegeEscalation(
  options: PrivilegeEscalationOptions = {},
): Detector<PrivilegeEscalationState> {
  const raw = options as Readonly<Record<string, unknown>>;
  knownOptions(
    raw,
    ['reportRootShells', 'bruteForceAttempts', 'maxSessions'],
    PRIVILEGE_ESCALATION,
  );
  const reportRootShells = booleanOption(raw, 'reportRootShells', true);
  const bruteForceAttempts = numberOption(raw, 'bruteForceAttempts', 5, 1);
  const maxSessions = numberOption(raw, 'maxSessions', 10_000, 1);
  return {
    id: PRIVILEGE_ESCALATION,
    title: 'Privilege escalation inside an SSH session',
    description:
      'sudo, su or a root shell inside a session, weighted by how anomalous the session is.',
    techniques: ['T1548.003', 'T1078.003'],
    needs: ['auth', 'baseline', 'config'],
    options: { reportRootShells, bruteForceAttempts, maxSessions },
    init: () => ({ sessions: lruCreate() }),
    step(state, input, context) {
      if (input.kind !== 'session') return quiet(state);
      const s = input.session;
      forgetClosed(state, s.lastSeenTime);
      if (input.change === 'close') {
        state.closed ??= [];
        state.closed.push([s.id, s.endTime ?? s.lastSeenTime]);
      }
      const seen = lruGet(state.sessions, s.id);
      const done = seen ?? 0;
      const total = s.privilegeChanges.length;
      // A direct root login is judged once, when the session is first seen.
      const rootLogin = seen === undefined && s.user === 'root';
      if (seen === undefined || total > done) lruSet(state.sessions, s.id, total, maxSessions);
      if (!rootLogin && total <= done) return quiet(state);
      const findings = [];
      const factors = anomalies(s, context, bruteForceAttempts);
      if (rootLogin) {
        const f = judge(s, undefined, factors, reportRootShells);
        if (f !== undefined) findings.push(f);
      }
      for (let i = done; i < total; i += 1) {
        const change = s.privilegeChanges[i];
        if (change === undefined) continue;
        const f = judge(s, change, factors, reportRootShells);
        if (f !== undefined) findings.push(f);
      }
      return { state, findings };
    },
  };
}

function forgetClosed(state: PrivilegeEscalationState, now: number): void {
  const closed = state.closed;
  if (closed === undefined) return;
  let n = 0;
  while (n < closed.length && (closed[n]?.[1] ?? now) + CLOSED_RETAIN_MS < now) {
    const id = closed[n]?.[0];
    if (id !== undefined) lruDelete(state.sessions, id);
    n += 1;
  }
  if (n > 0) closed.splice(0, n);
}

interface Factors {
  readonly reasons: readonly string[];
  readonly strong: boolean;
}

function anomalies(s: SshSession, context: DetectorContext, bruteForceAttempts: number): Factors {
  const reasons: string[] = [];
  let strong = false;
  const source = judgeSource(context, s.user, s.sourceIp);
  if (source.intel !== undefined) {
    reasons.push(`its source ${s.sourceIp ?? '?'} is listed in ${source.intel.list}`);
    strong = true;
  }
  if (source.known === false)
    reasons.push(`its source ${s.sourceIp ?? '?'} is new for ${s.user ?? 'the user'}`);
  const time = judgeTime(context, s.user, s.host, s.authTime ?? s.startTime);
  if (time.usual === false)
    reasons.push(
      `it began outside ${s.user ?? 'the user'}'s usual hours (${time.local} ${time.zone})`,
    );
  if (s.failedAttempts >= bruteForceAttempts) {
    reasons.push(`${s.failedAttempts} failed logins preceded it`);
    strong = true;
  }
  return { reasons, strong };
}

function judge(
  s: SshSession,
  change: PrivilegeChange | undefined,
  factors: Factors,
  reportRootShells: boolean,
) {
  const succeeded =
    change === undefined || change.outcome === 'allowed' || change.outcome === 'success';
  const refused = change !== undefined && change.outcome === 'not_in_sudoers';
  if (!succeeded && !refused) return undefined;
  const rootShell =
    change === undefined ||
    change.kind === 'su' ||
    (change.command !== undefined && ROOT_SHELL_COMMAND.test(change.command));
  let severity: Severity | undefined;
  if (refused) severity = factors.reasons.length > 0 ? 'high' : 'medium';
  else if (factors.strong || factors.reasons.length >= 2) severity = 'high';
  else if (factors.reasons.length === 1) severity = rootShell ? 'high' : 'medium';
  else if (rootShell && reportRootShells) severity = 'low';
  if (severity === undefined) return undefined;
  const t = change?.time ?? s.authTime ?? s.startTime;
  const what =
    change === undefined
      ? 'logged in directly'
      : change.kind === 'sudo'
        ? `${refused ? 'was refused' : 'ran'} sudo as ${change.target ?? 'root'}${change.command === undefined ? '' : `: ${change.command}`}`
        : `switched to ${change.target ?? 'root'} with su`;
  const why =
    factors.reasons.length === 0
      ? 'The session is otherwise unremarkable.'
      : `The session is anomalous: ${factors.reasons.join('; ')}.`;
  return createFinding({
    detector: PRIVILEGE_ESCALATION,
    title: refused
      ? 'Refused privilege escalation in an SSH session'
      : 'Privilege escalation in an SSH session',
    severity,
    confidence: factors.reasons.length > 0 ? 0.7 : 0.4,
    techniques: change?.kind === 'sudo' ? ['T1548.003'] : ['T1078.003'],
    time: t,
    host: s.host,
    user: s.user,
    sourceIp: s.sourceIp,
    sessionIds: [s.id],
    evidence: [...s.evidence.slice(0, 4), ...(change === undefined ? [] : [change.evidence])],
    explanation: `${s.user ?? 'A user'} ${what} on ${s.host ?? 'an unnamed host'} at ${isoSeconds(t)} in a session from ${s.sourceIp ?? s.sourceName ?? '?'}. ${why}`,
  });
}
