import type { Evidence } from '../findings/finding.js';
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
): SessionActions {
  const privileged: SessionAction[] = [];
  const channels: SessionAction[] = [];
  let uncited = 0;
  for (const s of sessions) {
    for (const p of s.privilegeChanges) {
      privileged.push({
        time: p.time,
        session: s,
        privilege: p,
        text: describePrivilege(p, s),
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
          text: describeChannel(c, s),
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

/** @internal A sudo/su decision in words: `alice sudo to postgres: /usr/bin/pg_dumpall (allowed) on db02`. */
export function describePrivilege(p: PrivilegeChange, s: SshSession): string {
  const command = p.command === undefined ? '' : `: ${p.command}`;
  return `${p.user ?? s.user ?? '?'} ${p.kind} to ${p.target ?? '?'}${command} (${p.outcome}) on ${s.host ?? '?'}`;
}

const STARTING = 'Starting session: ';

function describeChannel(c: SessionChannel, s: SshSession): string {
  const what =
    c.subsystem === undefined ? (c.type ?? 'channel') : `${c.type ?? 'channel'} ${c.subsystem}`;
  const on = c.tty === undefined ? '' : ` on ${c.tty}`;
  const id = c.number === undefined ? '' : ` id ${c.number}`;
  const mux = c.multiplexed ? ', multiplexed on the existing connection' : '';
  return `${s.user ?? '?'} started a ${what} channel${on}${id}${mux} on ${s.host ?? '?'}`;
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
