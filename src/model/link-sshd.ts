import type {
  SshAuthEvent,
  SshChannelEvent,
  SshConnectionEvent,
  SshDisconnectEvent,
  SshSessionCloseEvent,
  SshSessionOpenEvent,
} from '../events/ssh.js';
import { detachString } from '../parsers/detach-string.js';
import { settleClosed } from './closed-history.js';
import { detachKey, detachOptional } from './detach-provenance.js';
import type { SessionChange } from './session-change.js';
import { countDropped, ownChannels, type SessionDraft } from './session-draft.js';
import {
  addFailures,
  bump,
  byPid,
  closeSession,
  count,
  dropPending,
  hostOf,
  openSession,
  recentFailures,
  startPartialSession,
  startPending,
  type TrackerCore,
} from './tracker-core.js';
import {
  changed,
  compatible,
  fillPeer,
  monitorOf,
  pendingFor,
  postAuthOf,
} from './tracker-lookup.js';

/** @internal `Connection from` (VERBOSE, P1): a new pre-auth connection; an older one on the pid ended unseen. */
export function onConnection(
  core: TrackerCore,
  event: SshConnectionEvent,
  out: SessionChange[],
): void {
  const existing = byPid(core, event.host, 'm', event.pid);
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

/** @internal Authentication lines (P1): failures are counted, `Accepted` opens the session. */
export function onAuth(core: TrackerCore, event: SshAuthEvent, out: SessionChange[]): void {
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
      draft.keyLocation = detachOptional(event.keyLocation);
      draft.key = event.key === undefined ? undefined : detachKey(event.key);
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
  const existing = byPid(core, event.host, 'm', event.pid);
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
  if (event.key !== undefined) draft.key = detachKey(event.key);
  if (event.keyLocation !== undefined) draft.keyLocation = detachString(event.keyLocation);
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

/** @internal Connection ends: a pre-auth connection is forgotten, an open session closes (first definitive end). */
export function onDisconnect(
  core: TrackerCore,
  event: SshDisconnectEvent,
  out: SessionChange[],
): void {
  let draft: SessionDraft | undefined;
  if (event.monitorPid !== undefined) {
    // 9.8+ listener line naming the per-connection process.
    draft = byPid(core, event.host, 'm', event.monitorPid);
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

/** @internal `Starting session` (VERBOSE, P2): a channel; id > 0 on the same connection means multiplexing. */
export function onChannelOpen(
  core: TrackerCore,
  event: SshSessionOpenEvent,
  out: SessionChange[],
): void {
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
    countDropped(draft, 'channels');
  } else {
    ownChannels(draft).push({
      number: event.sessionNumber,
      type: event.channelType,
      subsystem: event.subsystem,
      tty: event.tty,
      startTime: event.time,
      endTime: undefined,
      // sshd reuses `id 0` once the first channel closed, so any channel after the first on
      // the same connection (no new authentication) is multiplexed, whatever its number.
      multiplexed: channels.length > 0 || (event.sessionNumber ?? 0) > 0,
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

/** @internal `Close session` (VERBOSE, P2): ends a channel, not the connection. */
export function onChannelClose(
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
    countDropped(draft, 'channels');
  } else {
    ownChannels(draft).push({
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

/** @internal DEBUG channel requests and forwarding refusals: agent/X11/port forwarding flags. */
export function onChannelRequest(
  core: TrackerCore,
  event: SshChannelEvent,
  out: SessionChange[],
): void {
  const draft = postAuthOf(core, event, undefined);
  if (draft === undefined || draft.phase === 'pending') return;
  // A closed draft may change here without an update: its history entry keeps the state of the last one.
  if (draft.phase === 'closed') settleClosed(core, draft);
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
