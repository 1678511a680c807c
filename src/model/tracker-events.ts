import type { LogindSessionEvent, PamSessionEvent, SudoEvent, SuEvent } from '../events/auth.js';
import type { EventBase } from '../events/base.js';
import type { SshtrailEvent } from '../events/index.js';
import type {
  SshAuthEvent,
  SshChannelEvent,
  SshConnectionEvent,
  SshDisconnectEvent,
  SshPeer,
  SshSessionCloseEvent,
  SshSessionOpenEvent,
} from '../events/ssh.js';
import type { PrivilegeChange } from './session.js';
import type { SessionChange } from './session-change.js';
import { hostKeyOf, type SessionDraft, toSession } from './session-draft.js';
import {
  addFailures,
  bump,
  byPid,
  closeSession,
  count,
  dropPending,
  hostOf,
  hostState,
  openSession,
  peerKey,
  recentFailures,
  register,
  startPartialSession,
  startPending,
  type TrackerCore,
  updateClosed,
} from './tracker-core.js';

/** Protocol issues after which sshd's pre-auth process exits. */
const FATAL_ISSUES = new Set([
  'no_identification',
  'kex_failed',
  'negotiation_failed',
  'bad_banner',
  'banner_timeout',
]);

/** su's pam line and its `priv.su` line count once when this close together on one pid. */
const SU_MERGE_MS = 5_000;

/**
 * @internal Applies one event to the tracker state, appending what changed to `out`.
 */
export function applyEvent(core: TrackerCore, event: SshtrailEvent, out: SessionChange[]): void {
  switch (event.kind) {
    case 'ssh.connection':
      onConnection(core, event, out);
      return;
    case 'ssh.auth':
      onAuth(core, event, out);
      return;
    case 'ssh.disconnect':
      onDisconnect(core, event, out);
      return;
    case 'ssh.session.open':
      onChannelOpen(core, event, out);
      return;
    case 'ssh.session.close':
      onChannelClose(core, event, out);
      return;
    case 'ssh.child': {
      const draft = monitorOf(core, event, undefined);
      if (draft === undefined || draft.phase === 'pending') return;
      draft.childPid = event.childPid;
      register(core, 'c', draft);
      changed(core, draft, event, out);
      return;
    }
    case 'ssh.transfer': {
      const draft = postAuthOf(core, event, undefined);
      if (draft === undefined) return;
      draft.bytes = { sent: event.sent, received: event.received };
      changed(core, draft, event, out);
      return;
    }
    case 'ssh.channel':
      onChannelRequest(core, event, out);
      return;
    case 'ssh.protocol': {
      const draft = monitorOf(core, event, event);
      if (draft?.phase !== 'pending') return;
      if (FATAL_ISSUES.has(event.issue)) dropPending(core, draft);
      else bump(core, draft, event);
      return;
    }
    case 'ssh.server':
      if (event.action === 'listening' && event.pid !== undefined) {
        hostState(core, hostKeyOf(event.host), event.host, event.time).listener = event.pid;
      }
      return;
    case 'pam.session':
      onPamSession(core, event, out);
      return;
    case 'pam.auth': {
      const peer = {
        sourceIp: event.sourceIp,
        sourceName: event.sourceName,
        sourcePort: undefined,
      };
      const draft = monitorOf(core, event, peer);
      if (draft?.phase === 'pending') bump(core, draft, event);
      return;
    }
    case 'logind.session':
      onLogind(core, event, out);
      return;
    case 'priv.sudo':
      onPrivilege(core, event, sudoChange(event), out);
      return;
    case 'priv.su':
      onPrivilege(core, event, suChange(event), out);
      return;
  }
}

/** Same peer, where both sides know it. */
function compatible(draft: SessionDraft, peer: SshPeer | undefined): boolean {
  if (peer === undefined) return true;
  return (
    (draft.sourceIp === undefined ||
      peer.sourceIp === undefined ||
      draft.sourceIp === peer.sourceIp) &&
    (draft.sourceName === undefined ||
      peer.sourceName === undefined ||
      draft.sourceName === peer.sourceName) &&
    (draft.sourcePort === undefined ||
      peer.sourcePort === undefined ||
      draft.sourcePort === peer.sourcePort)
  );
}

function fillPeer(draft: SessionDraft, peer: SshPeer): void {
  if (draft.sourceIp === undefined) draft.sourceIp = peer.sourceIp;
  if (draft.sourceName === undefined) draft.sourceName = peer.sourceName;
  if (draft.sourcePort === undefined) draft.sourcePort = peer.sourcePort;
}

/** The live (pending or open) or recently closed draft whose monitor pid is the event's. */
function monitorOf(
  core: TrackerCore,
  event: EventBase,
  peer: SshPeer | undefined,
): SessionDraft | undefined {
  const draft = byPid(core, hostKeyOf(event.host), 'm', event.pid);
  return draft !== undefined && compatible(draft, peer) ? draft : undefined;
}

/**
 * The session a post-auth (P2) line belongs to: by child pid, else by monitor pid (old
 * sshd, or P1-side lines), else by (host, ip, port) and user: the INFO-level link.
 */
function postAuthOf(
  core: TrackerCore,
  event: EventBase,
  peer: SshPeer | undefined,
  user?: string,
): SessionDraft | undefined {
  const hostKey = hostKeyOf(event.host);
  const child = byPid(core, hostKey, 'c', event.pid);
  if (child !== undefined && compatible(child, peer)) return child;
  const monitor = byPid(core, hostKey, 'm', event.pid);
  if (monitor !== undefined && monitor.phase !== 'pending' && compatible(monitor, peer)) {
    return monitor;
  }
  if (peer === undefined) return undefined;
  const key = peerKey(hostKey, peer.sourceIp ?? peer.sourceName, peer.sourcePort);
  const byPeer = key === undefined ? undefined : core.index.get(key);
  if (byPeer === undefined || byPeer.phase === 'pending') return undefined;
  if (user !== undefined && byPeer.user !== undefined && byPeer.user !== user) return undefined;
  if (event.pid !== undefined && event.pid !== byPeer.monitorPid && byPeer.childPid === undefined) {
    byPeer.childPid = event.pid;
    register(core, 'c', byPeer);
  }
  return byPeer;
}

/** Records the event on the draft and reports an `update` (open or within the grace window). */
function changed(
  core: TrackerCore,
  draft: SessionDraft,
  event: EventBase,
  out: SessionChange[],
): void {
  bump(core, draft, event);
  if (draft.phase === 'open') out.push({ kind: 'update', session: toSession(draft) });
  else if (draft.phase === 'closed') updateClosed(core, draft, out);
}

/**
 * The pending connection of a monitor-side line: reuses a compatible one, replaces an
 * incompatible one (pid reuse), and creates one when `create`.
 */
function pendingFor(
  core: TrackerCore,
  event: EventBase & SshPeer,
  create: boolean,
  out: SessionChange[],
): SessionDraft | undefined {
  const existing = byPid(core, hostKeyOf(event.host), 'm', event.pid);
  if (existing !== undefined && existing.phase !== 'closed') {
    if (compatible(existing, event)) return existing;
    if (existing.phase === 'pending') {
      dropPending(core, existing);
      count(core, hostOf(core, existing), 'pendingSuperseded');
    } else {
      closeSession(core, existing, existing.lastSeenTime, 'pid_reused', true, out);
    }
  }
  if (!create) return undefined;
  const draft = startPending(core, event);
  fillPeer(draft, event);
  return draft;
}

function onConnection(core: TrackerCore, event: SshConnectionEvent, out: SessionChange[]): void {
  const existing = byPid(core, hostKeyOf(event.host), 'm', event.pid);
  if (existing?.phase === 'pending') {
    dropPending(core, existing);
    count(core, hostOf(core, existing), 'pendingSuperseded');
  } else if (existing?.phase === 'open') {
    closeSession(core, existing, existing.lastSeenTime, 'pid_reused', true, out);
  }
  const draft = startPending(core, event);
  fillPeer(draft, event);
  draft.localIp = event.localIp;
  draft.localPort = event.localPort;
  bump(core, draft, event);
}

function onAuth(core: TrackerCore, event: SshAuthEvent, out: SessionChange[]): void {
  switch (event.outcome) {
    case 'success':
      onAccepted(core, event, out);
      return;
    case 'failure': {
      const draft = pendingFor(core, event, true, out);
      if (draft === undefined) return;
      bump(core, draft, event);
      if (event.method === 'none') return;
      const n = Math.max(1, event.count) * Math.max(1, event.repeat);
      if (draft.phase === 'pending') draft.failedOnConnection += n;
      addFailures(core, hostOf(core, draft), event.sourceIp ?? event.sourceName, event.time, n);
      return;
    }
    case 'key_found': {
      const draft = pendingFor(core, event, true, out);
      if (draft?.phase !== 'pending') return;
      draft.keyLocation = event.keyLocation;
      draft.key = event.key;
      bump(core, draft, event);
      return;
    }
    default: {
      const create = event.outcome === 'invalid_user' || event.outcome === 'not_allowed';
      const draft = pendingFor(core, event, create, out);
      if (draft?.phase !== 'pending') return;
      if (draft.user === undefined) draft.user = event.user;
      bump(core, draft, event);
    }
  }
}

function onAccepted(core: TrackerCore, event: SshAuthEvent, out: SessionChange[]): void {
  const existing = byPid(core, hostKeyOf(event.host), 'm', event.pid);
  if (
    existing?.phase === 'open' &&
    existing.authTime !== undefined &&
    existing.user === event.user &&
    existing.sourceIp === event.sourceIp &&
    existing.sourcePort === event.sourcePort
  ) {
    // The same line seen twice (two sources): not a second session.
    bump(core, existing, event);
    return;
  }
  let draft = pendingFor(core, event, false, out);
  if (draft?.phase === 'open') {
    // An open session on this pid whose success was never seen (partial start): pid reused.
    closeSession(core, draft, draft.lastSeenTime, 'pid_reused', true, out);
    draft = undefined;
  }
  if (draft === undefined) {
    draft = startPending(core, event);
  }
  fillPeer(draft, event);
  draft.user = event.user;
  draft.authMethod =
    event.method === undefined || event.submethod === undefined
      ? event.method
      : `${event.method}/${event.submethod}`;
  if (event.key !== undefined) draft.key = event.key;
  if (event.keyLocation !== undefined) draft.keyLocation = event.keyLocation;
  draft.authTime = event.time;
  const recent = recentFailures(
    core,
    hostOf(core, draft),
    draft.sourceIp ?? draft.sourceName,
    event.time,
  );
  draft.failedAttempts = Math.max(draft.failedOnConnection, recent);
  bump(core, draft, event);
  openSession(core, draft, out);
}

function onDisconnect(core: TrackerCore, event: SshDisconnectEvent, out: SessionChange[]): void {
  let draft: SessionDraft | undefined;
  if (event.monitorPid !== undefined) {
    // 9.8+ listener line naming the per-connection process.
    draft = byPid(core, hostKeyOf(event.host), 'm', event.monitorPid);
    if (draft !== undefined && !compatible(draft, event)) draft = undefined;
    if (draft !== undefined && event.pid !== undefined) draft.listenerPid = event.pid;
  } else if (event.preauth) {
    draft = monitorOf(core, event, event);
  } else {
    draft = postAuthOf(
      core,
      event,
      event,
      event.userState === 'authenticated' ? event.user : undefined,
    );
    if (draft === undefined) {
      const pending = monitorOf(core, event, event);
      if (pending?.phase === 'pending') draft = pending;
    }
  }
  if (draft === undefined) {
    if (event.preauth || event.userState !== 'authenticated' || event.user === undefined) return;
    // `Disconnected from user bob IP port N` whose start is outside the logs.
    const partial = startPartialSession(core, event);
    partial.user = event.user;
    partial.childPid = event.pid;
    fillPeer(partial, event);
    bump(core, partial, event);
    openSession(core, partial, out);
    closeSession(core, partial, event.time, event.reason, false, out);
    return;
  }
  if (draft.phase === 'pending') {
    dropPending(core, draft);
    return;
  }
  if (draft.phase === 'closed') {
    changed(core, draft, event, out);
    return;
  }
  bump(core, draft, event);
  closeSession(core, draft, event.time, event.reason, false, out);
}

function onChannelOpen(core: TrackerCore, event: SshSessionOpenEvent, out: SessionChange[]): void {
  let draft = postAuthOf(core, event, event, event.user);
  let fresh = false;
  if (draft === undefined || draft.phase === 'pending') {
    fresh = true;
    if (draft === undefined) {
      draft = startPartialSession(core, event);
      draft.childPid = event.pid;
    } else {
      draft.partialStart = true;
    }
    draft.user = event.user;
    fillPeer(draft, event);
  }
  if (draft.phase === 'closed') {
    changed(core, draft, event, out);
    return;
  }
  const channels = draft.channels;
  if (channels.length >= core.options.maxChannels) {
    draft.dropped.channels += 1;
  } else {
    channels.push({
      number: event.sessionNumber,
      type: event.channelType,
      subsystem: event.subsystem,
      tty: event.tty,
      startTime: event.time,
      endTime: undefined,
      multiplexed:
        event.sessionNumber === undefined ? channels.length > 0 : event.sessionNumber > 0,
    });
  }
  if (draft.tty === undefined) draft.tty = event.tty;
  if (fresh) {
    bump(core, draft, event);
    openSession(core, draft, out);
    return;
  }
  changed(core, draft, event, out);
}

function onChannelClose(
  core: TrackerCore,
  event: SshSessionCloseEvent,
  out: SessionChange[],
): void {
  let draft = postAuthOf(core, event, event, event.user);
  if (draft?.phase === 'pending') draft = undefined;
  const fresh = draft === undefined;
  if (draft === undefined) {
    draft = startPartialSession(core, event);
    draft.childPid = event.pid;
    draft.user = event.user;
    fillPeer(draft, event);
  }
  const open = draft.channels.find(
    (c) => c.number === event.sessionNumber && c.endTime === undefined,
  );
  if (open !== undefined) {
    open.endTime = event.time;
  } else if (draft.channels.length >= core.options.maxChannels) {
    draft.dropped.channels += 1;
  } else {
    draft.channels.push({
      number: event.sessionNumber,
      type: undefined,
      subsystem: undefined,
      tty: undefined,
      startTime: undefined,
      endTime: event.time,
      multiplexed: event.sessionNumber !== undefined && event.sessionNumber > 0,
    });
  }
  if (fresh) {
    bump(core, draft, event);
    openSession(core, draft, out);
    return;
  }
  changed(core, draft, event, out);
}

function onChannelRequest(core: TrackerCore, event: SshChannelEvent, out: SessionChange[]): void {
  const draft = postAuthOf(core, event, undefined);
  if (draft === undefined || draft.phase === 'pending') return;
  let dirty = false;
  if (event.prefix?.startsWith('debug') === true) {
    // DEBUG logs show every channel request, so what was not requested was not used.
    if (draft.agentForwarding === undefined) draft.agentForwarding = false;
    if (draft.x11Forwarding === undefined) draft.x11Forwarding = false;
    if (draft.portForwarding === undefined) draft.portForwarding = false;
  }
  const field =
    event.request === 'agent'
      ? 'agentForwarding'
      : event.request === 'x11'
        ? 'x11Forwarding'
        : event.request === 'port_forward' || event.request === 'streamlocal_forward'
          ? 'portForwarding'
          : undefined;
  if (field !== undefined) {
    const before = draft[field];
    draft[field] = event.allowed ? true : (before ?? false);
    dirty = true;
  }
  if (dirty) changed(core, draft, event, out);
}

function onPamSession(core: TrackerCore, event: PamSessionEvent, out: SessionChange[]): void {
  if (event.service === 'su' || event.service === 'su-l') {
    if (event.action !== 'open') return;
    onPrivilege(
      core,
      event,
      {
        time: event.time,
        kind: 'su',
        user: event.byUser,
        target: event.user,
        command: undefined,
        tty: undefined,
        outcome: 'success',
        pid: event.pid,
        attachedBy: 'user',
        evidence: event.source,
      },
      out,
    );
    return;
  }
  if (event.service !== 'sshd') return;
  const found = byPid(core, hostKeyOf(event.host), 'm', event.pid);
  const draft =
    found !== undefined && (found.user === undefined || found.user === event.user)
      ? found
      : undefined;
  if (event.action === 'open') {
    if (draft?.phase === 'open') {
      changed(core, draft, event, out);
      return;
    }
    // The success line was outside the logs (or lost): a session with an unseen start.
    const partial = draft?.phase === 'pending' ? draft : startPartialSession(core, event);
    partial.partialStart = true;
    partial.user = event.user;
    partial.monitorPid = event.pid;
    bump(core, partial, event);
    openSession(core, partial, out);
    return;
  }
  if (draft?.phase === 'open') {
    bump(core, draft, event);
    closeSession(core, draft, event.time, 'pam_session_closed', false, out);
    return;
  }
  if (draft?.phase === 'closed') {
    changed(core, draft, event, out);
    return;
  }
  const recent = recentlyClosedWithoutMonitor(core, event);
  if (recent !== undefined) {
    // `Disconnected from user U` (P2) already ended this partial session; this is its P1.
    recent.monitorPid = event.pid;
    register(core, 'm', recent);
    changed(core, recent, event, out);
    return;
  }
  const partial = startPartialSession(core, event);
  partial.user = event.user;
  partial.monitorPid = event.pid;
  bump(core, partial, event);
  openSession(core, partial, out);
  closeSession(core, partial, event.time, 'pam_session_closed', false, out);
}

/** A session closed within the grace window, same host and user, whose monitor pid is unknown. */
function recentlyClosedWithoutMonitor(
  core: TrackerCore,
  event: PamSessionEvent,
): SessionDraft | undefined {
  const host = core.hosts.get(hostKeyOf(event.host));
  if (host === undefined) return undefined;
  let found: SessionDraft | undefined;
  for (const draft of host.closing.values()) {
    if (
      draft.user === event.user &&
      draft.monitorPid === undefined &&
      event.time - (draft.endTime ?? draft.lastSeenTime) <= core.options.closeGraceMs
    ) {
      found = draft;
    }
  }
  return found;
}

function onLogind(core: TrackerCore, event: LogindSessionEvent, out: SessionChange[]): void {
  const hostKey = hostKeyOf(event.host);
  if (event.action === 'new') {
    let best: SessionDraft | undefined;
    for (const draft of core.hosts.get(hostKey)?.open.values() ?? []) {
      if (
        draft.user !== event.user ||
        draft.logindSessionId !== undefined ||
        (event.leaderPid !== undefined && draft.monitorPid !== event.leaderPid) ||
        event.time - (draft.authTime ?? draft.startTime) > core.options.logindWindowMs ||
        (best !== undefined && best.seq > draft.seq)
      ) {
        continue;
      }
      best = draft;
    }
    if (best === undefined) return;
    best.logindSessionId = event.sessionId;
    register(core, 'l', best);
    changed(core, best, event, out);
    return;
  }
  const draft = core.index.get(`${hostKey}\u0001l${event.sessionId}`);
  if (draft === undefined) return;
  if (draft.phase === 'closed') {
    changed(core, draft, event, out);
    return;
  }
  bump(core, draft, event);
  closeSession(
    core,
    draft,
    event.time,
    event.action === 'removed' ? 'logind_removed' : 'logind_logged_out',
    false,
    out,
  );
}

function sudoChange(event: SudoEvent): PrivilegeChange {
  return {
    time: event.time,
    kind: 'sudo',
    user: event.user,
    target: event.runAs,
    command: event.command,
    tty: event.tty,
    outcome: event.outcome,
    pid: event.pid,
    attachedBy: 'user',
    evidence: event.source,
  };
}

function suChange(event: SuEvent): PrivilegeChange {
  return {
    time: event.time,
    kind: 'su',
    user: event.user,
    target: event.target,
    command: undefined,
    tty: event.tty,
    outcome: event.outcome,
    pid: event.pid,
    attachedBy: 'user',
    evidence: event.source,
  };
}

/**
 * Attaches a sudo/su decision: to the open session on that terminal, else to the only open
 * session of the invoking user on that host, else to nothing.
 */
function onPrivilege(
  core: TrackerCore,
  event: EventBase,
  change: PrivilegeChange,
  out: SessionChange[],
): void {
  const hostKey = hostKeyOf(event.host);
  const tty = change.tty !== undefined && change.tty !== 'unknown' ? change.tty : undefined;
  let byTty: SessionDraft | undefined;
  let byUser: SessionDraft | undefined;
  let users = 0;
  for (const draft of core.hosts.get(hostKey)?.open.values() ?? []) {
    if (tty !== undefined && (draft.tty === tty || draft.channels.some((c) => c.tty === tty))) {
      if (byTty === undefined || draft.seq > byTty.seq) byTty = draft;
    }
    if (change.user !== undefined && draft.user === change.user) {
      users += 1;
      byUser = draft;
    }
  }
  const draft = byTty ?? (users === 1 ? byUser : undefined);
  if (draft === undefined) return;
  const last = draft.privilegeChanges[draft.privilegeChanges.length - 1];
  const duplicate =
    last !== undefined &&
    last.kind === 'su' &&
    change.kind === 'su' &&
    last.pid === change.pid &&
    last.target === change.target &&
    Math.abs(change.time - last.time) <= SU_MERGE_MS;
  if (!duplicate) {
    if (draft.privilegeChanges.length >= core.options.maxPrivilegeChanges) {
      draft.dropped.privilegeChanges += 1;
    } else {
      draft.privilegeChanges.push({ ...change, attachedBy: byTty === undefined ? 'user' : 'tty' });
    }
  }
  changed(core, draft, event, out);
}
