import type { EventBase } from '../events/base.js';
import type { Provenance } from '../events/provenance.js';
import type { SshKey } from '../events/ssh.js';
import { detachProvenance } from './detach-provenance.js';
import type { PrivilegeChange, SessionChannel, SessionEndReason, SshSession } from './session.js';

/** @internal A channel under construction. */
export interface ChannelDraft {
  number: number | undefined;
  type: SessionChannel['type'];
  subsystem: string | undefined;
  tty: string | undefined;
  startTime: number | undefined;
  endTime: number | undefined;
  multiplexed: boolean;
}

/**
 * @internal The tracker's mutable, JSON-serializable record of one connection: a pre-auth
 * connection (`pending`), an authenticated session (`open`) or a recently closed one (`closed`,
 * kept for `closeGraceMs` to take late lines). Fields absent after a JSON round trip read as
 * `undefined`, exactly like the `undefined` they held.
 */
export interface SessionDraft {
  seq: number;
  id: string;
  host: string | undefined;
  phase: 'pending' | 'open' | 'closed';
  user: string | undefined;
  sourceIp: string | undefined;
  sourceName: string | undefined;
  sourcePort: number | undefined;
  localIp: string | undefined;
  localPort: number | undefined;
  authMethod: string | undefined;
  key: SshKey | undefined;
  keyLocation: string | undefined;
  failedAttempts: number;
  failedOnConnection: number;
  monitorPid: number | undefined;
  childPid: number | undefined;
  listenerPid: number | undefined;
  startTime: number;
  authTime: number | undefined;
  endTime: number | undefined;
  lastSeenTime: number;
  endReason: SessionEndReason | undefined;
  tty: string | undefined;
  channels: ChannelDraft[];
  agentForwarding: boolean | undefined;
  x11Forwarding: boolean | undefined;
  portForwarding: boolean | undefined;
  privilegeChanges: PrivilegeChange[];
  logindSessionId: string | undefined;
  bytes: { sent: number; received: number } | undefined;
  partialStart: boolean;
  partialEnd: boolean;
  evidence: Provenance[];
  dropped: DroppedCounts;
}

/** @internal What a draft may have dropped (evidence lines, channels, privilege changes). */
export type DroppedCounts = { evidence: number; channels: number; privilegeChanges: number };

// Most drafts (pre-auth connections) never get a channel, a privilege change or a dropped
// line: they share these until their first write (`ownChannels`, `ownPrivilegeChanges`,
// `countDropped`). Frozen, so a write that skipped those throws instead of leaking.
const NO_CHANNELS = Object.freeze([]) as unknown as ChannelDraft[];
const NO_PRIVILEGE_CHANGES = Object.freeze([]) as unknown as PrivilegeChange[];
const NOTHING_DROPPED: DroppedCounts = Object.freeze({
  evidence: 0,
  channels: 0,
  privilegeChanges: 0,
});

/** @internal The draft's own, writable channel list. */
export function ownChannels(draft: SessionDraft): ChannelDraft[] {
  if (draft.channels === NO_CHANNELS) draft.channels = [];
  return draft.channels;
}

/** @internal The draft's own, writable privilege change list. */
export function ownPrivilegeChanges(draft: SessionDraft): PrivilegeChange[] {
  if (draft.privilegeChanges === NO_PRIVILEGE_CHANGES) draft.privilegeChanges = [];
  return draft.privilegeChanges;
}

/** @internal Counts one dropped item of a kind. */
export function countDropped(draft: SessionDraft, kind: keyof DroppedCounts): void {
  if (draft.dropped === NOTHING_DROPPED) {
    draft.dropped = { evidence: 0, channels: 0, privilegeChanges: 0 };
  }
  draft.dropped[kind] += 1;
}

/** @internal A new draft started by `event`. */
export function newDraft(
  seq: number,
  event: EventBase,
  phase: SessionDraft['phase'],
): SessionDraft {
  return {
    seq,
    id: '',
    host: event.host,
    phase,
    user: undefined,
    sourceIp: undefined,
    sourceName: undefined,
    sourcePort: undefined,
    localIp: undefined,
    localPort: undefined,
    authMethod: undefined,
    key: undefined,
    keyLocation: undefined,
    failedAttempts: 0,
    failedOnConnection: 0,
    monitorPid: undefined,
    childPid: undefined,
    listenerPid: undefined,
    startTime: event.time,
    authTime: undefined,
    endTime: undefined,
    lastSeenTime: event.time,
    endReason: undefined,
    tty: undefined,
    channels: NO_CHANNELS,
    agentForwarding: undefined,
    x11Forwarding: undefined,
    portForwarding: undefined,
    privilegeChanges: NO_PRIVILEGE_CHANGES,
    logindSessionId: undefined,
    bytes: undefined,
    partialStart: false,
    partialEnd: false,
    evidence: [],
    dropped: NOTHING_DROPPED,
  };
}

/** @internal The stable id, fixed when the session is first reported. */
export function sessionIdOf(draft: SessionDraft): string {
  const process =
    draft.monitorPid ??
    draft.childPid ??
    (draft.sourcePort === undefined ? 'unknown' : `port${draft.sourcePort}`);
  return `${draft.host ?? '-'}/${process}/${draft.startTime}`;
}

/**
 * @internal Records that `event` contributed to the draft: evidence (the first `max - 1`
 * lines and always the latest one) and the last-seen time. Evidence outlives its line by
 * hours, so it is a copy that does not pin the line's read chunk, unless `young`
 * (see `isYoung`).
 */
export function touch(draft: SessionDraft, event: EventBase, max: number, young: boolean): void {
  // Read once: `time` off events of a dozen shapes boxes a new number at every read.
  const time = event.time;
  if (time > draft.lastSeenTime) draft.lastSeenTime = time;
  const evidence = draft.evidence;
  const kept = young ? event.source : detachProvenance(event.source);
  if (evidence.length < max) {
    evidence.push(kept);
  } else {
    evidence[max - 1] = kept;
    countDropped(draft, 'evidence');
  }
}

/** @internal An immutable, self-contained copy of the draft as the public session shape. */
export function toSession(draft: SessionDraft): SshSession {
  const end = draft.phase === 'closed' ? (draft.endTime ?? draft.lastSeenTime) : draft.lastSeenTime;
  return {
    id: draft.id,
    host: draft.host,
    state: draft.phase === 'closed' ? 'closed' : 'open',
    user: draft.user,
    sourceIp: draft.sourceIp,
    sourceName: draft.sourceName,
    sourcePort: draft.sourcePort,
    localIp: draft.localIp,
    localPort: draft.localPort,
    authMethod: draft.authMethod,
    key: draft.key,
    keyLocation: draft.keyLocation,
    failedAttempts: draft.failedAttempts,
    failedAttemptsOnConnection: draft.failedOnConnection,
    pids: { monitor: draft.monitorPid, child: draft.childPid, listener: draft.listenerPid },
    startTime: draft.startTime,
    authTime: draft.authTime,
    endTime: draft.phase === 'closed' ? draft.endTime : undefined,
    lastSeenTime: draft.lastSeenTime,
    durationMs: Math.max(0, end - draft.startTime),
    endReason: draft.phase === 'closed' ? draft.endReason : undefined,
    tty: draft.tty,
    // Fixed key order: a draft restored from JSON lacks its undefined keys.
    channels: draft.channels.map((c) => ({
      number: c.number,
      type: c.type,
      subsystem: c.subsystem,
      tty: c.tty,
      startTime: c.startTime,
      endTime: c.endTime,
      multiplexed: c.multiplexed,
    })),
    agentForwarding: draft.agentForwarding,
    x11Forwarding: draft.x11Forwarding,
    portForwarding: draft.portForwarding,
    privilegeChanges: draft.privilegeChanges.slice(),
    logindSessionId: draft.logindSessionId,
    bytes: draft.bytes === undefined ? undefined : { ...draft.bytes },
    partial: { start: draft.partialStart, end: draft.partialEnd },
    evidence: draft.evidence.slice(),
    truncated: { ...draft.dropped },
  };
}
