import { hostNamed, hostOfIp } from '../../config/lookup.js';
import type { Provenance } from '../../events/provenance.js';
import type { Severity } from '../../findings/finding.js';
import type { SshSession } from '../../model/session.js';
import { createFinding } from '../create-finding.js';
import type { Detector, DetectorContext } from '../detector.js';
import { type Lru, lruCreate, lruGet, lruSet } from '../lru.js';
import { createQuietSteps } from '../no-findings.js';
import { isoSeconds, isServiceAccount, judgeSource, listText } from './knowledge.js';
import { knownOptions, numberOption } from './options.js';

// Steps that find nothing reuse one object per state (see createQuietSteps).
const quiet = createQuietSteps();

/** Detector id of {@link concurrentSessions}. */
export const CONCURRENT_SESSIONS = 'ssh.concurrent_sessions';

/**
 * Options of {@link concurrentSessions}.
 *
 * @example
 * ```ts
 * const options: ConcurrentSessionsOptions = { usualSources: 2 };
 * ```
 */
export interface ConcurrentSessionsOptions {
  /** Distinct concurrent origins that are normal for a user without a baseline (default 1). */
  readonly usualSources?: number;
  /** The same set of origins is reported again only after this long (default 1 h). */
  readonly repeatMs?: number;
  /** Users tracked for de-duplication (default 10000). */
  readonly maxUsers?: number;
  /**
   * Another open session with no line for this long is not counted (default 12 h): at INFO
   * level many servers log no end line, so such a session has most likely ended unseen.
   */
  readonly staleMs?: number;
}

/** State of {@link concurrentSessions}. */
export interface ConcurrentSessionsState {
  /** Per user: the origins last reported and when. */
  readonly reported: Lru<{ key: string; time: number }>;
}

/**
 * `ssh.concurrent_sessions`: one user with sessions open at the same time from more distinct
 * origins than usual (the baseline's `maxConcurrentSources`, else `usualSources`). A session
 * whose source is a host where the same user is logged in is a hop of that session (a jump
 * host, ProxyJump), not a new origin; several sessions from one address (tmux, parallel
 * scp/sftp) are one origin. Service accounts are skipped.
 *
 * @param options - Thresholds and caps.
 * @returns The detector.
 * @throws RangeError / TypeError for invalid options.
 * @example
 * ```ts
 * const detector = concurrentSessions();
 * ```
 */
export function concurrentSessions(
  options: ConcurrentSessionsOptions = {},
): Detector<ConcurrentSessionsState> {
  const raw = options as Readonly<Record<string, unknown>>;
  knownOptions(raw, ['usualSources', 'repeatMs', 'maxUsers', 'staleMs'], CONCURRENT_SESSIONS);
  const usualSources = numberOption(raw, 'usualSources', 1, 1);
  const repeatMs = numberOption(raw, 'repeatMs', 3_600_000, 0);
  const maxUsers = numberOption(raw, 'maxUsers', 10_000, 1);
  const staleMs = numberOption(raw, 'staleMs', 43_200_000, 1);
  return {
    id: CONCURRENT_SESSIONS,
    title: 'Concurrent sessions from different sources',
    description:
      'One user logged in from more distinct sources at the same time than is usual for them.',
    techniques: ['T1563.001', 'T1078'],
    needs: ['auth', 'baseline'],
    options: { usualSources, repeatMs, maxUsers, staleMs },
    init: () => ({ reported: lruCreate() }),
    step(state, input, context) {
      if (input.kind !== 'session' || input.change !== 'open') return quiet(state);
      const session = input.session;
      const user = session.user;
      if (user === undefined || isServiceAccount(context, user)) return quiet(state);
      const now = session.authTime ?? session.startTime;
      const open = context.sessions
        .sessionsOfUser(user)
        .filter((s) => s.id !== session.id && now - s.lastSeenTime <= staleMs);
      open.push(session);
      const origins = originsOf(open, context);
      const learned = context.baselines?.users[user]?.maxConcurrentSources ?? 0;
      const usual = Math.max(usualSources, learned);
      if (origins.size <= usual) return quiet(state);
      const t = now;
      const key = [...origins.keys()].sort().join(',');
      const last = lruGet(state.reported, user);
      if (last !== undefined && last.key === key && t - last.time < repeatMs) {
        return quiet(state);
      }
      lruSet(state.reported, user, { key, time: t }, maxUsers);
      const verdicts = [...origins.keys()].map((ip) => judgeSource(context, user, ip));
      const intel = verdicts.some((v) => v.intel !== undefined);
      const unknown = verdicts.some((v) => v.known !== true);
      const severity: Severity = intel ? 'high' : unknown ? 'medium' : 'low';
      const involved = [...origins.values()];
      const evidence: Provenance[] = [];
      for (const s of involved) evidence.push(...s.evidence.slice(0, 6));
      const where = involved.map((s) => `${s.sourceIp ?? s.sourceName ?? '?'} on ${s.host ?? '?'}`);
      return {
        state,
        findings: [
          createFinding({
            detector: CONCURRENT_SESSIONS,
            title: 'Concurrent sessions of one user from different sources',
            severity,
            confidence: unknown ? 0.7 : 0.4,
            techniques: ['T1563.001', 'T1078'],
            time: t,
            host: session.host,
            user,
            sourceIp: session.sourceIp,
            sessionIds: involved.map((s) => s.id),
            evidence,
            explanation:
              `${user} had sessions open from ${origins.size} different sources at ${isoSeconds(t)} ` +
              `(${listText(where)}); ${usual} is usual for this user.`,
          }),
        ],
      };
    },
  };
}

/** Distinct origins of a user's open sessions (address -> its earliest session), hops removed. */
function originsOf(open: readonly SshSession[], context: DetectorContext): Map<string, SshSession> {
  const hostsWithSession = new Set<string>();
  const serverAddresses = new Set<string>();
  for (const s of open) {
    if (s.host !== undefined) hostsWithSession.add(s.host);
    if (s.localIp !== undefined) serverAddresses.add(s.localIp);
  }
  const origins = new Map<string, SshSession>();
  for (const s of open) {
    const src = s.sourceIp ?? s.sourceName;
    if (src === undefined) continue;
    if (serverAddresses.has(src)) continue;
    const fromHost =
      s.sourceIp === undefined ? hostNamed(context.config, src) : hostOfIp(context.config, src);
    if (
      fromHost !== undefined &&
      fromHost.name !== s.host &&
      isLoggedIn(hostsWithSession, fromHost)
    ) {
      continue;
    }
    if (fromHost === undefined && s.sourceIp === undefined && hostsWithSession.has(src)) continue;
    const seen = origins.get(src);
    if (seen === undefined || seen.startTime > s.startTime) origins.set(src, s);
  }
  return origins;
}

function isLoggedIn(
  hosts: ReadonlySet<string>,
  host: { readonly name: string; readonly aliases: readonly string[] },
): boolean {
  return hosts.has(host.name) || host.aliases.some((a) => hosts.has(a));
}
