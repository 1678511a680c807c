import type { HopAttribution } from '../model/hops/hop-types.js';
import type { SshSession } from '../model/session.js';
import type { Hop } from './triage-options.js';

/**
 * @internal Picks the session on another host that most likely opened `session`: among
 * `candidates` (sessions whose server address, `localIp`, is the new session's source address),
 * those open on a different host when it started; the one of the same user if exactly one, else
 * the only one. Ambiguity gives `undefined`: a wrong link would merge unrelated incidents.
 */
export function upstreamOf(
  session: SshSession,
  candidates: Iterable<SshSession>,
): SshSession | undefined {
  return chooseUpstream(session, candidates)?.from;
}

/** @internal {@link upstreamOf} with why: the only open session, or the one of the same user. */
export function chooseUpstream(
  session: SshSession,
  candidates: Iterable<SshSession>,
):
  | { readonly from: SshSession; readonly attribution: HopAttribution; readonly open: number }
  | undefined {
  const open: SshSession[] = [];
  for (const c of candidates) {
    if (c.id === session.id || c.host === session.host || c.localIp !== session.sourceIp) continue;
    if (c.startTime > session.startTime) continue;
    if (c.endTime !== undefined && c.endTime < session.startTime) continue;
    open.push(c);
  }
  const sameUser = open.filter((c) => c.user !== undefined && c.user === session.user);
  const only = open.length === 1 ? open[0] : undefined;
  if (only !== undefined) return { from: only, attribution: 'only_session', open: 1 };
  const same = sameUser.length === 1 ? sameUser[0] : undefined;
  return same === undefined
    ? undefined
    : { from: same, attribution: 'same_user', open: open.length };
}

/**
 * Infers cross-host hops from sessions: a session whose source address is the server address
 * (`localIp`, logged by sshd at VERBOSE as `Connection from ... on IP port N`) of a session open
 * on another host at that moment was most likely opened from it. Only unambiguous links are
 * returned (one candidate, or one candidate of the same user); a hop picked by user among several
 * open sessions says so (`attribution: 'same_user'`): logs alone cannot tell an actor borrowing
 * the user's agent from the user.
 *
 * @param sessions - Sessions of several hosts.
 * @returns Hops from the upstream session to the downstream one, in the order of `sessions`.
 * @example
 * ```ts
 * const hops = inferHops(sessions);
 * const html = renderHtmlReport({ findings, cases, sessions, hops });
 * ```
 */
export function inferHops(sessions: readonly SshSession[]): Hop[] {
  const byLocalIp = new Map<string, SshSession[]>();
  for (const s of sessions) {
    if (s.localIp === undefined) continue;
    const list = byLocalIp.get(s.localIp);
    if (list === undefined) byLocalIp.set(s.localIp, [s]);
    else list.push(s);
  }
  const hops: Hop[] = [];
  for (const s of sessions) {
    if (s.sourceIp === undefined) continue;
    const up = chooseUpstream(s, byLocalIp.get(s.sourceIp) ?? []);
    if (up !== undefined) {
      hops.push({ from: up.from.id, to: s.id, attribution: up.attribution, openSessions: up.open });
    }
  }
  return hops;
}
