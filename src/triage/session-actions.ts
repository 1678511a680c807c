import type { Evidence, Finding } from '../findings/finding.js';
import type { PrivilegeChange, SessionChannel, SshSession } from '../model/session.js';

/** @internal One thing a case session did, citing the log line that recorded it. */
export interface SessionAction {
  /** When it happened (epoch ms). */
  readonly time: number;
  /** The session it happened in. */
  readonly session: SshSession;
  /** The sudo/su decision, for privilege changes; `undefined` for a channel. */
  readonly privilege: PrivilegeChange | undefined;
  /** One line describing it. */
  readonly text: string;
  /** The log line behind it. */
  readonly evidence: Evidence;
}

/** @internal The case sessions' actions, capped: what was kept and what the cap left out. */
export interface SessionActions {
  /** Kept actions in time order: privilege changes first claim the cap, then channels. */
  readonly actions: readonly SessionAction[];
  /** Actions recorded but not kept: over the cap. */
  readonly omitted: number;
  /** Channels not listed because the session's evidence cap dropped their line. */
  readonly uncited: number;
  /** The cap applied. */
  readonly cap: number;
}

/**
 * @internal Collects what the case sessions did: their sudo/su decisions (any outcome) and the
 * channels sshd started (`Starting session: ...`), so a case shows what was done with a
 * borrowed identity, not only that it was borrowed. At most `max` are kept; sudo/su go first,
 * because a channel says less than the privilege it was used to take.
 */
export function collectSessionActions(
  sessions: readonly SshSession[],
  max: number,
  findings: readonly Finding[] = [],
): SessionActions {
  const privileged: SessionAction[] = [];
  const channels: SessionAction[] = [];
  const reached = hijackedSessions(findings);
  let uncited = 0;
  for (const s of sessions) {
    const hijack = reached.get(s.id);
    const by = (time: number) =>
      hijack !== undefined && time >= hijack.since ? hijack : undefined;
    for (const p of s.privilegeChanges) {
      privileged.push({
        time: p.time,
        session: s,
        privilege: p,
        text: describePrivilege(p, s, by(p.time)),
        evidence: p.evidence,
      });
    }
    const lines = s.evidence.filter((e) => e.text.includes(STARTING));
    for (const c of s.channels) {
      if (c.type === undefined || c.startTime === undefined) continue;
      const line = takeLine(lines, c);
      // Without its line (the session's evidence cap dropped it) the channel cannot be cited.
      if (line === undefined) uncited++;
      else
        channels.push({
          time: c.startTime,
          session: s,
          privilege: undefined,
          text: describeChannel(c, s, by(c.startTime)),
          evidence: line,
        });
    }
  }
  const byTime = (a: SessionAction, b: SessionAction) => a.time - b.time;
  privileged.sort(byTime);
  channels.sort(byTime);
  const kept = [
    ...privileged.slice(0, max),
    ...channels.slice(0, Math.max(0, max - privileged.length)),
  ];
  kept.sort(byTime);
  return {
    actions: kept,
    omitted: privileged.length + channels.length - kept.length,
    uncited,
    cap: max,
  };
}

/**
 * @internal A session a hijack reached, from when: cited by a finding with an actor, on another
 * host than the actor's session, under another user than the actor (db02's login with alice's
 * agent, the channel through alice's ControlMaster). The victim's own session on the actor's
 * host (the agent's or master's owner) is not one.
 */
export interface HijackAttribution {
  /** The person the case attributes the hijack to (`actor.user`), when known. */
  readonly actor: string | undefined;
  /** The hijack's first finding time (epoch ms, to the second: syslog stamps have no more). */
  readonly since: number;
}

/** @internal The sessions hijacks reached, by session id (see {@link HijackAttribution}). */
export function hijackedSessions(findings: readonly Finding[]): Map<string, HijackAttribution> {
  const out = new Map<string, HijackAttribution>();
  for (const f of findings) {
    const actor = f.actor;
    if (actor?.sessionId === undefined) continue;
    const actorHost = hostOfId(actor.sessionId);
    const t = Date.parse(f.time);
    if (!Number.isFinite(t)) continue;
    const since = Math.floor(t / 1000) * 1000;
    for (const id of f.sessionIds) {
      if (id === actor.sessionId || hostOfId(id) === actorHost) continue;
      if (f.user !== undefined && f.user === actor.user) continue;
      const known = out.get(id);
      if (known === undefined || since < known.since) out.set(id, { actor: actor.user, since });
    }
  }
  return out;
}

/** Session ids look like `<host>/<pid>/<start>`. */
function hostOfId(id: string): string {
  return id.slice(0, Math.max(0, id.indexOf('/')));
}

/**
 * @internal A sudo/su decision in words: `alice sudo to postgres: /usr/bin/pg_dumpall (allowed)
 * on db02`. In a session a hijack reached, after it, the log shows the account, not who typed:
 * `sudo to postgres: ... on db02 as alice, in a session the case attributes to eve's hijack`.
 */
export function describePrivilege(
  p: PrivilegeChange,
  s: SshSession,
  hijack?: HijackAttribution,
): string {
  const command = p.command === undefined ? '' : `: ${p.command}`;
  const account = p.user ?? s.user ?? '?';
  const what = `${p.kind} to ${p.target ?? '?'}${command} (${p.outcome}) on ${s.host ?? '?'}`;
  return hijack === undefined ? `${account} ${what}` : `${what} as ${account}${attributed(hijack)}`;
}

function attributed(h: HijackAttribution): string {
  return `, in a session the case attributes to ${h.actor === undefined ? 'a' : `${h.actor}'s`} hijack`;
}

const STARTING = 'Starting session: ';

function describeChannel(c: SessionChannel, s: SshSession, hijack?: HijackAttribution): string {
  const what =
    c.subsystem === undefined ? (c.type ?? 'channel') : `${c.type ?? 'channel'} ${c.subsystem}`;
  const on = c.tty === undefined ? '' : ` on ${c.tty}`;
  const id = c.number === undefined ? '' : ` id ${c.number}`;
  const mux = c.multiplexed ? ', multiplexed on the existing connection' : '';
  const channel = `a ${what} channel${on}${id}${mux}`;
  return hijack === undefined
    ? `${s.user ?? '?'} started ${channel} on ${s.host ?? '?'}`
    : `${channel} started on ${s.host ?? '?'} as ${s.user ?? '?'}${attributed(hijack)}`;
}

/**
 * The first unused `Starting session` line of this channel's type and number, removed from
 * `lines`: channels and lines are both in order, and sshd reuses `id 0` once it is closed.
 */
function takeLine(lines: Evidence[], c: SessionChannel): Evidence | undefined {
  const type = `${STARTING}${c.type ?? ''}`;
  const id = c.number === undefined ? undefined : ` id ${c.number}`;
  const i = lines.findIndex(
    (e) => e.text.includes(type) && (id === undefined || e.text.trimEnd().endsWith(id)),
  );
  if (i < 0) return undefined;
  const [line] = lines.splice(i, 1);
  return line;
}
